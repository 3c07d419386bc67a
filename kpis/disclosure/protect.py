"""Decide, for one day's System (kpis.disclosure.figures), what the netwerk view shows.

- A count from 1 to N - 1 that a page shows is shown as "<N" (primary).
- A rate is shown only when its base is N or more and neither the rows it counts nor the rest of
  its base is from 1 to N - 1 (rate x base would give them back); shown, both parts are known.
- Then, while any hidden count from 1 to N - 1 (a "<N" cell, or a count no page shows: the
  rest of a split, a hidden rate's part) can be pinned to one value by a reader who knows every
  shown count and every relation of the System at once (kpis.disclosure.solver, exact), one
  more count next to it is hidden: shown as "x" (N or more), or a rate hidden. Hiding more can
  only widen what a reader can work out, so a count once found safe stays safe.
Registers share no relation, so each is protected on its own model.
"""

from __future__ import annotations

from collections import defaultdict

from kpis.disclosure import markers
from kpis.disclosure.figures import System
from kpis.disclosure.solver import Reader, cheapest_release


def _components(system: System) -> list[tuple[list, list]]:
    """The counts in groups that no relation joins (a register, often a year of it), each with
    its relations: each group is protected on a model of its own."""
    parent = {key: key for key in system.values}

    def root(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for relation in system.relations:
        first = root(relation.terms[0][0])
        for key, _ in relation.terms[1:]:
            other = root(key)
            if other != first:
                parent[other] = first
    groups: dict = defaultdict(lambda: ([], []))
    for key in system.values:
        groups[root(key)][0].append(key)
    for relation in system.relations:
        groups[root(relation.terms[0][0])][1].append(relation)
    return list(groups.values())


def _small(n: int, threshold: int) -> bool:
    return 1 <= n < threshold


class Decision:
    """What is shown of each count of a System: `display` {key: int | Suppressed} for the keys
    pages show, `rates` {(Y, rate id): True when shown}, and `withheld`: keys hidden without a
    marker (nothing could protect them otherwise)."""

    def __init__(self, display: dict, rates: dict, withheld: set):
        self.display = display
        self.rates = rates
        self.withheld = withheld


def protect(system: System, threshold: int) -> Decision:
    display: dict = {}
    rates: dict = {}
    withheld: set = set()
    for keys, relations in _components(system):
        _protect_register(system, keys, relations, threshold, display, rates, withheld)
    return Decision(display, rates, withheld)


def _protect_register(system: System, keys: list, relations: list, threshold: int, display, rates, withheld) -> None:
    values = system.values
    key_set = set(keys)
    reader = Reader(keys, relations)
    # state of every key: "known" (exact), "small" (1..N-1), "secondary" (N or more), "unknown"
    state: dict = {}
    for key in keys:
        if key in system.shown:
            state[key] = "small" if _small(values[key], threshold) else "known"
        else:
            state[key] = "known" if values[key] == 0 and key[0] == "rest" else "unknown"
    for parts in system.rates.values():
        if parts[0] not in key_set:
            continue
        num, rest = (values[p] for p in parts)
        shown = num + rest >= threshold and not _small(num, threshold) and not _small(rest, threshold)
        for p in parts:
            state[p] = "known" if shown else "unknown"
    neighbours: dict = defaultdict(set)
    for relation in relations:
        ks = [k for k, _ in relation.terms]
        for k in ks:
            neighbours[k].update(ks)

    def apply(key):
        s = state[key]
        if s == "known":
            reader.know(key, values[key])
        elif s == "small":
            reader.bound(key, 1, threshold - 1)
        elif s == "secondary":
            reader.bound(key, threshold, None)
        else:
            reader.bound(key, 0, None)

    def hide(candidate, withhold: bool) -> None:
        """Hide a shown count as "x" (or, `withhold`, entirely), or a rate (both its parts
        unknown)."""
        targets = _rate_parts(system, candidate) if candidate[0] == "part" else (candidate,)
        for target in targets:
            if candidate[0] == "part" or withhold:
                state[target] = "unknown"
                if candidate[0] != "part":
                    withheld.add(target)
            else:
                state[target] = "secondary"
            apply(target)

    for key in keys:
        apply(key)
    to_check = sorted((k for k in keys if state[k] in ("small", "unknown") and _small(values[k], threshold)), key=repr)
    free: set = set()  # counts shown to be free: hiding more only widens what a reader can work out
    while to_check:
        key = to_check.pop()
        if key in free:
            continue
        alternative = reader.alternative(key, values[key])
        if alternative is not None:  # every count it moves is free too: no need to ask for each
            free.update(k for k, v in alternative.items() if v != values[k])
            continue
        chosen = _release(key, keys, relations, state, values, threshold)
        if not chosen:  # no alternative at all (or none the solver can tell apart): hide its whole neighbourhood
            for other in _component(key, neighbours):
                if state[other] in ("known", "small", "secondary") and values[other]:
                    state[other] = "unknown"
                    withheld.add(other)
                    apply(other)
            continue
        for candidate, alternative in chosen:
            # "x" says N or more: only for a count that is; a smaller one (a shown 0) is withheld
            hide(candidate, withhold=alternative < threshold or state[candidate] == "small" or values[candidate] < threshold)
        to_check.append(key)
    for key in keys:
        if key in system.shown:
            s = state[key]
            display[key] = (markers.small(threshold) if s == "small" else markers.secondary(threshold) if s == "secondary"
                            else None if key in withheld else values[key])
    for (year, rate_id), parts in system.rates.items():
        if parts[0] in key_set:
            rates[(year, rate_id)] = all(state[p] == "known" for p in parts)


def _rate_parts(system: System, part_key) -> tuple:
    return system.rates[(part_key[1], part_key[2])]


_MAIN_CARDS = {"complaints_received", "notes_issued", "discipline_opened", "judicial_opened", "reports_received"}
_STOCK_CARDS = {"complaints_open"}
_PART_CARDS = {"sanctions_light", "sanctions_heavy"}  # parts of a card (discipline_decided): hidden before it


def _cost(key, state: dict) -> float:
    """What hiding a count costs a reader: a rate (1) or a chart's cell (2) before a card (8);
    a "<N" cell withheld costs a little more than a number hidden as "x"."""
    cost = {"part": 1.0, "half": 1.5, "quarter": 2.0, "lead": 2.0, "age": 2.0, "term": 2.0, "col": 2.0, "cell": 2.5,
            "alert": 4.0, "total": 12.0}.get(key[0])
    if cost is None:  # a card: the year's main count costs most, a count at D (a stock) least
        cost = 12.0 if key[2] in _MAIN_CARDS else 6.0 if key[2] in _STOCK_CARDS else 7.0 if key[2] in _PART_CARDS else 8.0
    return cost + (0.5 if state[key] == "small" else 0.0)


def _release(key, keys, relations, state, values, threshold):
    """The cheapest counts to hide so that `key` can hold another value
    (kpis.disclosure.solver.cheapest_release), as [(count, the alternative's value)]."""
    known, costs = {}, {}
    for k in keys:
        s = state[k]
        if s == "known":
            known[k] = (values[k], values[k])
        elif s == "small":
            known[k] = (1, threshold - 1)
        elif s == "secondary":
            known[k] = (threshold, None)
        if s in ("known", "small", "secondary") and k[0] not in ("rest", "base"):
            costs[k] = _cost(k, state)
    target_range = (1, threshold - 1) if state[key] == "small" else (0, None)
    return cheapest_release(keys, relations, values, known, key, target_range, costs)


def _component(key, neighbours: dict) -> set:
    seen = {key}
    stack = [key]
    while stack:
        for other in neighbours.get(stack.pop(), ()):
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return seen
