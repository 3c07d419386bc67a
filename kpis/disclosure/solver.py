"""What a reader can work out about hidden counts, exactly: a small integer program (HiGHS).

The reader knows every shown count, that a "<N" cell holds 1..N-1, that an "x" cell holds N or
more, and every relation among the counts (sums of +1/-1 times cells between lo and hi). For a
hidden cell, the least and the greatest whole number it can hold under all of that together is
its range; a cell whose range is one value is pinned. Unlike bounds passed from one sum to the
next, this combines every sum at once (7 decisions minus 5 light minus 0 heavy).

`Reader` keeps one model per set of relations: showing or hiding a cell only changes its
bounds, so a protection that hides cells one by one asks the same model again.
`cheapest_release` finds, for a pinned cell, the cheapest shown cells whose hiding frees it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import highspy
import numpy as np

INF = highspy.kHighsInf
MAX_NODES = 50_000  # branch-and-bound nodes per search; past it, no alternative is taken (more is hidden)


@dataclass(frozen=True)
class Constraint:
    """What a reader knows of some counts together: sum(coefficient x count) lies in [lo, hi],
    the coefficients +1 or -1 (a sum equal to a shown total; lo a large negative number for
    "at most")."""

    terms: tuple  # ((key, +1 | -1), ...)
    lo: int = 0
    hi: int = 0
_FOUND = highspy.HighsModelStatus.kOptimal


class Reader:
    """A reader of cells `keys` who knows `relations` (objects with .terms ((key, +1 | -1), ...),
    .lo and .hi). Every cell starts unknown (0 or more); `know` fixes it, `bound` narrows it."""

    def __init__(self, keys: Iterable, relations: Iterable):
        self.index = {key: i for i, key in enumerate(keys)}
        self.bounds: dict = {}  # what bound() set, per key (else 0 or more)
        self.model = highspy.Highs()
        self.model.setOptionValue("output_flag", False)
        n = len(self.index)
        for _ in range(n):
            self.model.addVar(0.0, INF)
        if n:
            columns = np.arange(n, dtype=np.int32)
            self.model.changeColsIntegrality(n, columns, np.array([highspy.HighsVarType.kInteger] * n))
        for relation in relations:
            terms = [(self.index[k], a) for k, a in relation.terms if k in self.index]
            if terms:
                self.model.addRow(
                    float(relation.lo), float(relation.hi), len(terms),
                    np.array([i for i, _ in terms], dtype=np.int32), np.array([float(a) for _, a in terms]),
                )

    def bound(self, key, lo: int, hi: int | None) -> None:
        """The reader knows lo <= cell <= hi (hi None: no upper bound)."""
        self.bounds[key] = (lo, hi)
        self.model.changeColBounds(self.index[key], float(lo), INF if hi is None else float(hi))

    def know(self, key, value: int) -> None:
        self.bound(key, value, value)

    def alternative(self, key, value: int) -> dict | None:
        """A whole-number solution with the cell off `value`, its true one (below it, else
        above), as {key: value} for every cell; None when there is none: the cell is pinned,
        a reader can work it out. Each side
        is a question of feasibility (no objective), which HiGHS answers at the first solution
        it finds."""
        i = self.index[key]
        lo, hi = self.bounds.get(key, (0, None))
        try:
            for side_lo, side_hi in ((lo, value - 1), (value + 1, hi)):
                if side_hi is not None and side_lo > side_hi:
                    continue
                self.model.changeColBounds(i, float(side_lo), INF if side_hi is None else float(side_hi))
                self.model.run()
                if self.model.getModelStatus() == _FOUND:  # without an objective, a solution found is "optimal"
                    solution = self.model.getSolution().col_value
                    return {k: round(solution[j]) for k, j in self.index.items()}
            return None
        finally:
            self.model.changeColBounds(i, float(lo), INF if hi is None else float(hi))


def cheapest_release(keys: list, relations: Iterable, values: Mapping, known: Mapping, target, target_range: tuple,
                     costs: Mapping) -> list | None:
    """The counts to hide, as cheaply as `costs` says, so that `target` is no longer pinned: a
    whole-number alternative to the true counts that keeps every relation, keeps `target`
    within `target_range` ((lo, hi), hi None: no bound) but off its value, and differs from
    what the reader knows only on the counts it returns. `known` {key: (lo, hi)} is what the
    reader knows of each count now (lo == hi: shown; no entry: nothing known); only keys in
    `costs` may be hidden. Returns [(key, the alternative's value)], or None when no
    alternative exists even with all of them hidden."""
    relations = list(relations)
    # How far a hidden count's alternative may move from what the reader knows: twice the group's
    # largest count, plus room (an alternative moves counts by a few). Kept tight on purpose: HiGHS
    # takes a switch within 1e-6 of 0 as off, and with a loose M (the sum of every count of the
    # national system) such a switch still moved a count, so the release hid more than it had to
    # (protect checks each release again exactly, so a release is never trusted blindly) and took
    # three times as long.
    big = float(2 * max((int(values[key]) for key in keys), default=0) + 10)
    best = None
    value = int(values[target])
    for side in (-1, 1):
        lo, hi = target_range
        lo, hi = (lo, value - 1) if side < 0 else (value + 1, hi)
        if hi is not None and lo > hi:
            continue
        model = highspy.Highs()
        model.setOptionValue("output_flag", False)
        # A node limit, not a time limit: the same counts give the same release on a busy machine
        # too (a time limit made the screen's and the export's release differ under load).
        model.setOptionValue("mip_max_nodes", MAX_NODES)
        index = {key: i for i, key in enumerate(keys)}
        for key in keys:
            if key == target:
                model.addVar(float(lo), INF if hi is None else float(hi))
            else:
                model.addVar(0.0, INF)
        switches = {}
        for key, cost in costs.items():
            if key in known and key != target:
                switches[key] = model.getNumCol()
                model.addVar(0.0, 1.0)
                model.changeColCost(switches[key], float(cost))
        total = model.getNumCol()
        model.changeColsIntegrality(total, np.arange(total, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * total))
        for relation in relations:
            terms = [(index[k], a) for k, a in relation.terms if k in index]
            if terms:
                model.addRow(float(relation.lo), float(relation.hi), len(terms),
                             np.array([i for i, _ in terms], dtype=np.int32), np.array([float(a) for _, a in terms]))
        for key, (k_lo, k_hi) in known.items():
            if key == target:
                continue
            i = index[key]
            z = switches.get(key)
            # k_lo - big*z <= y <= k_hi + big*z  (without a switch: k_lo <= y <= k_hi)
            if z is None:
                model.changeColBounds(i, float(k_lo), INF if k_hi is None else float(k_hi))
                continue
            model.addRow(float(k_lo), INF, 2, np.array([i, z], dtype=np.int32), np.array([1.0, big]))
            if k_hi is not None:
                model.addRow(-INF, float(k_hi), 2, np.array([i, z], dtype=np.int32), np.array([1.0, -big]))
        model.changeObjectiveSense(highspy.ObjSense.kMinimize)
        model.run()
        if model.getModelStatus() != _FOUND:
            continue
        cost = model.getInfo().objective_function_value
        solution = model.getSolution().col_value
        chosen = [(key, round(solution[index[key]])) for key, z in switches.items() if solution[z] > 0.5]
        if best is None or cost < best[0]:
            best = (cost, chosen)
    return None if best is None else best[1]
