"""Small-count suppression for the netwerk view and screen-share mode (pure functions).

Rules (../shared/registers.md "Roles", engineering-notes "Small-count suppression"):
- a count from 1 to N - 1 is shown as "<N" (N = setting suppression_threshold, default 5);
  zero stays 0; a count of N or more is shown;
- a rate, share or median computed on a base below N is hidden; a rate is hidden too when it
  would give back a small count (rate x base = k, or base - k, between 1 and N - 1);
- secondary suppression: in a split (or a table line) whose total is known, a hidden cell must
  not be recomputable from the total and the cells shown. The known facts about a hidden cell
  are an interval: "<N" means 1..N-1, SECONDARY ("x") means N or more (only cells of N or more
  are ever hidden as secondary: zero stays 0); every known total narrows those intervals. While
  some "<N" cell's value can be pinned down (its interval shrinks to one value), the smallest
  cell still shown next to it is hidden too; when none is left, the whole split is withheld.
  Totals are always taken as known: the count card or another split of the same rows shows it.
  A table shown beside a split of its margin is protected together with that split's display
  (suppress_crosstab), so a row shown in full cannot give back an "x" total.
- the view itself (which dates, comparisons, diensten, periods): kpis.disclosure.policy.

Entry points: suppress_count, suppress_rate / suppress_median / suppress_derived (-> Hidden),
suppress_split (-> SplitResult), suppress_frame and suppress_crosstab (-> (frame, reason)),
suppress_months (a monthly trend -> (dict, reason)),
protect (the engine under all of them), suppress_report / suppress_engine_report (the KPI
engine's output), numeric (a shown value for a chart axis).

A hidden value is never replaced by a made-up number: cards, tables and charts show the marker
(kpis.disclosure.markers.Suppressed, a str) or "verborgen" with the reason. Pages receive data already suppressed (dashboard.data).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from kpis.disclosure import markers
from kpis.disclosure.markers import Suppressed
from kpis.disclosure.solver import exact_bounds

DEFAULT_THRESHOLD = 5
SECONDARY = "x"  # how a cell of N or more hidden as secondary reads (markers.secondary)


def small_marker(threshold: int) -> Suppressed:
    return markers.small(threshold)


def is_small(n, threshold: int) -> bool:
    return n is not None and not _isnan(n) and 1 <= n < threshold


def _isnan(value) -> bool:
    return isinstance(value, float) and math.isnan(value)


# --- counts -----------------------------------------------------------------------------------


def suppress_count(n: int | None, threshold: int = DEFAULT_THRESHOLD) -> int | str | None:
    """0 -> 0; 1..N-1 -> "<N"; N or more -> n; None stays None."""
    if n is None or _isnan(n):
        return None
    n = int(n)
    return small_marker(threshold) if 1 <= n < threshold else n


# --- rates, shares, medians -------------------------------------------------------------------


@dataclass(frozen=True)
class Hidden:
    """Result of a value check: value None and a Dutch reason when hidden."""

    value: float | None
    reason: str | None = None

    @property
    def hidden(self) -> bool:
        return self.reason is not None


def small_base_reason(threshold: int) -> str:
    return f"Verborgen: berekend op minder dan {threshold} dossiers."


def recomputable_reason(threshold: int) -> str:
    return f"Verborgen: zou een aantal onder {threshold} prijsgeven."


def unknown_base_reason() -> str:
    return "Verborgen: de basis van dit cijfer is niet gekend."


def suppress_rate(value: float | None, base: int | None, threshold: int = DEFAULT_THRESHOLD) -> Hidden:
    """A fraction (0..1) over `base` rows. Hidden when the base is below N, or when the number
    of rows it counts (round(value x base)) or the rest (base - that) is between 1 and N - 1,
    since the base is shown (as a count or the sum of a split)."""
    checked = suppress_median(value, base, threshold)  # no value, unknown base, small base
    if checked.value is None:
        return checked
    k = round(value * base)
    if is_small(k, threshold) or is_small(base - k, threshold):
        return Hidden(None, recomputable_reason(threshold))
    return Hidden(value)


def suppress_median(value: float | None, base: int | None, threshold: int = DEFAULT_THRESHOLD) -> Hidden:
    """A median (or other statistic of the rows' values) over `base` rows: hidden below N."""
    if value is None or _isnan(value):
        return Hidden(None)
    if base is None:
        return Hidden(None, unknown_base_reason())
    if base < threshold:
        return Hidden(None, small_base_reason(threshold))
    return Hidden(value)


def suppress_derived(value: float | None, count: int | None, threshold: int = DEFAULT_THRESHOLD) -> Hidden:
    """A value computed from one count by a known factor (per 100 VTE): hidden when the count
    is hidden, since the factor would give it back."""
    if value is None or _isnan(value):
        return Hidden(None)
    if count is None:
        return Hidden(None, unknown_base_reason())
    if is_small(count, threshold):
        return Hidden(None, recomputable_reason(threshold))
    return Hidden(value)


# --- splits: primary and secondary suppression ------------------------------------------------


@dataclass(frozen=True)
class Line:
    """Cells whose sum a reader knows: exactly (lo = hi = None: the sum of the cells), or only
    within [lo, hi] (e.g. a count shown as "<N": 1..N-1)."""

    keys: tuple
    lo: int | None = None
    hi: int | None = None

    def total(self, values: Mapping) -> tuple[int, int]:
        exact = sum(int(values[k]) for k in self.keys)
        return (exact, exact) if self.lo is None else (self.lo, self.hi)


def _as_line(line) -> Line:
    return line if isinstance(line, Line) else Line(tuple(line))


def _with_differences(lines: list[Line], values: Mapping) -> list[Line]:
    """Adds B minus A for every line A inside a line B (its sum is known too), until no new
    line appears: a total and the sum of some of its cells give away the sum of the rest."""
    out = list(lines)
    seen = {frozenset(line.keys) for line in out}
    added = True
    while added:
        added = False
        for a in list(out):
            for b in list(out):
                sa_, sb = frozenset(a.keys), frozenset(b.keys)
                if sa_ < sb and sb - sa_ not in seen:
                    (alo, ahi), (blo, bhi) = a.total(values), b.total(values)
                    keys = tuple(k for k in b.keys if k not in sa_)
                    out.append(Line(keys, max(0, blo - ahi), bhi - alo))
                    seen.add(sb - sa_)
                    added = True
    return out


@dataclass(frozen=True)
class Constraint:
    """sum(coefficient x cell) lies in [lo, hi], coefficients +1 or -1: a Line, or a margin
    that is itself a cell (the cells of a column minus its total = 0)."""

    terms: tuple  # ((key, +1 | -1), ...)
    lo: int = 0
    hi: int = 0


def _constraints(lines: list[Line], values: Mapping) -> list[Constraint]:
    out = []
    for line in lines:
        lo, hi = line.total(values)
        out.append(Constraint(tuple((k, 1) for k in line.keys), lo, hi))
    return out


def _bounds(values: Mapping, constraints: list[Constraint], hidden: Mapping, threshold: int) -> dict:
    """What a reader can work out about each hidden cell: an interval [lo, hi]. `hidden` gives
    each hidden cell its starting interval ("<N": 1..N-1, "x": N or more, unknown: 0 or more);
    then every constraint narrows its hidden cells (its total minus the shown cells minus the
    others' bounds), over and over until nothing changes (the shuttle algorithm for tables
    with known margins)."""
    bounds = {k: list(v) for k, v in hidden.items()}
    work = []
    for c in constraints:
        terms = [(k, a) for k, a in c.terms if k in bounds]
        if terms:
            known = sum(a * int(values[k]) for k, a in c.terms if k not in bounds)
            work.append((terms, c.lo - known, c.hi - known))

    def term(k, a):  # the interval of a x cell
        lo, hi = bounds[k]
        return (lo, hi) if a > 0 else (-hi, -lo)

    changed = True
    while changed:
        changed = False
        for terms, r_lo, r_hi in work:
            spans = [term(k, a) for k, a in terms]
            lo_sum = sum(t[0] for t in spans)
            hi_sum = sum(t[1] for t in spans)
            for (k, a), (t_lo, t_hi) in zip(terms, spans):
                new_t_lo = max(t_lo, r_lo - (hi_sum - t_hi))
                new_t_hi = min(t_hi, r_hi - (lo_sum - t_lo))
                if (new_t_lo, new_t_hi) != (t_lo, t_hi):
                    bounds[k] = [new_t_lo, new_t_hi] if a > 0 else [-new_t_hi, -new_t_lo]
                    changed = True
                    break  # recompute the sums of this constraint
    return bounds


def protect(
    values: Mapping,
    lines,
    threshold: int = DEFAULT_THRESHOLD,
    *,
    constraints=(),
    primary=(),
    secondary=(),
    unknown=(),
    frozen=(),
) -> tuple[set, set] | None:
    """Primary and secondary suppression over cells `values` ({key: count}) with `lines`:
    collections of keys whose sum is known (or Line objects for a sum known within bounds),
    and `constraints` (Constraint: e.g. a margin shown elsewhere that is itself hidden).
    Returns (primary, secondary) hidden keys, or None when it cannot be protected (withhold).
    Primary: counts 1..N-1 (and the keys in `primary`). While a reader can pin down a "<N"
    cell (its interval from `_bounds` holds one value), the smallest cell still shown (not 0,
    not in `frozen`: cells whose display is decided elsewhere) on a line through a pinned cell
    is hidden too. `secondary` and `unknown` are cells already shown as "x" or withheld."""
    lines = _with_differences([_as_line(line) for line in lines], values)
    all_constraints = _constraints(lines, values) + list(constraints)
    frozen = set(frozen) | set(unknown)
    primary = {k for k, v in values.items() if is_small(v, threshold) and k not in frozen} | set(primary)
    secondary = set(secondary)
    top = sum(int(v) for v in values.values())
    while True:
        hidden = {k: (1, threshold - 1) for k in primary}
        hidden.update({k: (threshold, top) for k in secondary})
        hidden.update({k: (0, top) for k in unknown})
        bounds = _bounds(values, all_constraints, hidden, threshold)
        pinned = {k for k, (lo, hi) in bounds.items() if lo >= hi}
        if not pinned & primary:
            # bounds passed from sum to sum miss what only several sums together give away:
            # the integer program combines them all (kpis.disclosure.solver)
            bounds.update(exact_bounds(values, all_constraints, hidden, sorted(primary, key=str)))
            pinned = {k for k, (lo, hi) in bounds.items() if hi is not None and lo >= hi}
        if not pinned & primary:
            return primary, secondary
        candidates = {
            (int(values[k]), str(k), k)
            for c in all_constraints
            if pinned.intersection(k for k, _ in c.terms)
            for k, _ in c.terms
            if k not in bounds and k not in frozen and values[k]
        }
        if not candidates:
            return None
        secondary.add(min(candidates)[2])


def _render(value, key, primary: set, secondary: set, threshold: int):
    if key in primary:
        return small_marker(threshold)
    if key in secondary:
        return markers.secondary(threshold)
    return None if value is None or _isnan(value) else int(value)


def _shown_table(table: pd.DataFrame, primary: set, secondary: set, threshold: int) -> pd.DataFrame:
    """The table as shown (dtype object): each cell (row, column) rendered like a split's."""
    shown = pd.DataFrame(index=table.index, columns=table.columns, dtype=object)
    for r in table.index:
        for c in table.columns:
            shown.at[r, c] = _render(table.at[r, c], (r, c), primary, secondary, threshold)
    return shown


@dataclass(frozen=True)
class SplitResult:
    values: dict | None  # {value: int | "<N" | "x"}, or None when the split is withheld
    reason: str | None = None  # Dutch, when withheld


def withheld_reason(threshold: int) -> str:
    return f"Verborgen: met het totaal zou een aantal onder {threshold} terug te rekenen zijn."


def suppress_split(split: Mapping[str, int], threshold: int = DEFAULT_THRESHOLD, groups=()) -> SplitResult:
    """{value: count} -> the shown split: small counts "<N", secondary cells "x", zeros 0, the
    order of the keys kept; values None (with a reason) when it cannot be protected. The total
    is taken as known; `groups` are further sets of keys whose sum is shown elsewhere (e.g. the
    light sanctions as their own count, or the numerator of a rate over some of the values):
    a tuple of keys when that sum is shown exactly, a Line when only within bounds."""
    protected = protect(split, [tuple(split), *groups], threshold)
    if protected is None:
        return SplitResult(None, withheld_reason(threshold))
    primary, secondary = protected
    return SplitResult({k: _render(v, k, primary, secondary, threshold) for k, v in split.items()})


# --- tables and monthly series ----------------------------------------------------------------


def suppress_frame(
    frame: pd.DataFrame,
    threshold: int = DEFAULT_THRESHOLD,
    *,
    row_totals: bool = True,
    column_totals: bool = True,
) -> tuple[pd.DataFrame | None, str | None]:
    """A table of counts (e.g. months x categories, or a one-column monthly series) with the
    totals of its rows and/or columns known. Returns (the shown table, dtype object, cells int
    or "<N" or "x"; None and a Dutch reason when it cannot be protected). Each line with a
    known total is protected like a split; lines are revisited until nothing changes (the
    usual heuristic for two-way tables). A monthly series: one column, column_totals=True (the
    year's total is known); row_totals only matters for lines of two cells or more."""
    counts = frame.fillna(0).astype("int64")
    values = {(r, c): int(counts.at[r, c]) for r in counts.index for c in counts.columns}
    lines = []
    if row_totals and counts.shape[1] > 1:
        lines += [[(r, c) for c in counts.columns] for r in counts.index]
    if column_totals and counts.shape[0] > 1:
        lines += [[(r, c) for r in counts.index] for c in counts.columns]
    protected = protect(values, lines, threshold)
    if protected is None:
        return None, withheld_reason(threshold)
    return _shown_table(frame, *protected, threshold), None


def suppress_months(counts: Mapping, threshold: int = DEFAULT_THRESHOLD) -> tuple[dict | None, str | None]:
    """A monthly (or quarterly) trend: {first day of a period: count}, oldest first, periods of
    one month or one quarter. Protected with the lines a reader knows: the whole window, and
    each calendar year in it that starts with January and runs to its last period (December,
    or October for quarters) or to the window's last period (that year's total, up to the
    reference date, is a KPI card). Returns ({period: int, "<N" or "x"}, None), or None and a
    Dutch reason when it cannot be protected. The one rule for the screen's trends
    (dashboard.page_data) and the export's monthly tables, so a month reads the same everywhere."""
    periods = list(counts)
    last_start = 12 - (_period_months(periods) - 1)
    years: dict[int, list] = {}
    for period in periods:
        years.setdefault(period.year, []).append(period)
    lines = [tuple(periods)] + [
        tuple(ps)
        for ps in years.values()
        if len(ps) < len(periods) and min(ps).month == 1 and (max(ps).month == last_start or max(ps) == periods[-1])
    ]
    protected = protect(counts, lines, threshold)
    if protected is None:
        return None, withheld_reason(threshold)
    primary, secondary = protected
    return {p: _render(counts[p], p, primary, secondary, threshold) for p in periods}, None


def _period_months(periods) -> int:
    """1 for monthly periods, 3 for quarters (from the gap between the first two)."""
    if len(periods) < 2:
        return 1
    a, b = periods[0], periods[1]
    return (b.year - a.year) * 12 + b.month - a.month


def _margin_presets(shown: Mapping | None, keys: dict, threshold: int):
    """The display of margins decided elsewhere (a split shown on the same page): "<N" ->
    primary, "x" -> secondary, a number -> known, the whole split withheld (None) -> unknown."""
    primary, secondary, unknown = set(), set(), set()
    for name, key in keys.items():
        shown_value = None if shown is None else shown.get(name)
        if shown is None:
            unknown.add(key)
        elif isinstance(shown_value, str):
            (primary if shown_value.startswith("<") else secondary).add(key)
        elif shown_value is None:
            unknown.add(key)
    return primary, secondary, unknown


def suppress_crosstab(
    table: pd.DataFrame,
    threshold: int = DEFAULT_THRESHOLD,
    *,
    row_margins: Mapping | None | bool = True,
    column_margins: Mapping | None | bool = True,
) -> tuple[pd.DataFrame | None, str | None]:
    """A two-way table of counts (e.g. categorie x dienst) whose margins are also shown
    elsewhere, protected together with them. For each margin: True = its exact sums are known
    (as suppress_frame assumes); a mapping = the display of that margin as shown elsewhere
    (the suppressed split {value: int | "<N" | "x"}, or None for a withheld split): hidden
    margins then stay hidden, also through the cells of this table (a column shown in full
    would give back an "x" total, and through the split's total a "<N" one). The grand total is
    taken as known. Returns (the shown table, or None and a Dutch reason)."""
    counts = table.fillna(0).astype("int64")
    values: dict = {(r, c): int(counts.at[r, c]) for r in counts.index for c in counts.columns}
    lines: list = []
    constraints: list[Constraint] = []
    primary: set = set()
    secondary: set = set()
    unknown: set = set()
    frozen: set = set()
    grand = int(counts.to_numpy().sum())
    for axis, margins, labels in (("row", row_margins, counts.index), ("column", column_margins, counts.columns)):
        cells_of = (lambda r: [(r, c) for c in counts.columns]) if axis == "row" else (lambda c: [(r, c) for r in counts.index])
        if margins is True:
            lines += [tuple(cells_of(label)) for label in labels if len(cells_of(label)) > 1]
            continue
        if margins is False:
            continue
        keys = {label: ("__" + axis + "__", label) for label in labels}
        for label, key in keys.items():
            values[key] = sum(values[cell] for cell in cells_of(label))
            constraints.append(Constraint(tuple((cell, 1) for cell in cells_of(label)) + ((key, -1),), 0, 0))
        constraints.append(Constraint(tuple((key, 1) for key in keys.values()), grand, grand))
        p, s_, u = _margin_presets(margins, keys, threshold)
        primary |= p
        secondary |= s_
        unknown |= u
        frozen |= set(keys.values())
    protected = protect(values, lines, threshold, constraints=constraints, primary=primary,
                        secondary=secondary, unknown=unknown, frozen=frozen)
    if protected is None:
        return None, withheld_reason(threshold)
    return _shown_table(table, *protected, threshold), None


# --- the KPI report -------------------------------------------------------------------------
#
# Registers without persons: their counts (actions of the action plan, evaluation criteria) say
# nothing about a colleague and are shown as they are. Empty this set to suppress them too.
EXEMPT_REGISTERS = frozenset({"actieplan", "evaluatiecriteria"})


def _rate_links():
    """Rates whose numerator and base are sums of cells of a split: (rate id, split id,
    numerator values, base values). Shown, such a rate makes those sums known."""
    from kpis.klachten import ASSESSED, FOUNDED

    return (("complaints_founded_rate", "complaints_by_outcome", FOUNDED, ASSESSED),)


def _column_rate_links():
    """Rates whose numerator and base are sums of a register column's values over the same rows
    as a split a page counts itself (dashboard.page_data.split_counts: the rows dated in Y):
    {(register, column): [(rate id, numerator values, base values)]}. The meldingen of Y per
    uitkomst: the violation rate is "schending vastgesteld" over the two conclusive outcomes."""
    from kpis.meldingen import CONCLUSIVE, VIOLATION

    return {("meldingen", "uitkomst"): [("reports_violation_rate", (VIOLATION,), tuple(CONCLUSIVE))]}


def linked_rates(register: str, column: str) -> list[str]:
    """The ids of the rates whose numerator and base are sums of a split of `register` by `column`."""
    return [rate_id for rate_id, _, _ in _column_rate_links().get((register, column), [])]


def rate_lines(register: str, column: str, shown_kpis: Mapping) -> list[tuple]:
    """The sums of a split of `register` by `column` that the rates shown beside it give away
    (shown_kpis: the suppressed report's values): its numerator's and base's values, as
    known lines for suppress_split(groups=...). A hidden rate gives nothing away."""
    lines: list[tuple] = []
    for rate_id, numerator, base in _column_rate_links().get((register, column), []):
        if shown_kpis.get(rate_id) is not None:
            lines += [tuple(numerator), tuple(base)]
    return lines


def _split_cards():
    """The count cards shown beside each split of the report: {split id: (the card that counts
    the same rows, or None; [(a card that counts some of its values, those values)])}. A card
    and the split are protected together (_protect_split_with_cards): 7 decisions, 5 light and
    0 heavy sanctions give back the 2 without a sanction, even when the split is hidden."""
    from data_access.registers import HEAVY_SANCTIONS, LIGHT_SANCTIONS

    return {
        "complaints_by_category": ("complaints_received", []),
        "complaints_by_channel": ("complaints_received", []),
        "complaints_by_outcome": ("complaints_closed", []),
        "notes_by_theme": ("notes_issued", []),
        "sanctions_by_type": ("discipline_decided", [("sanctions_light", LIGHT_SANCTIONS), ("sanctions_heavy", HEAVY_SANCTIONS)]),
        "reports_by_category": ("reports_received", []),
    }


_REST = ("__rest__",)  # rows the total card counts but no value of the split holds


def _protect_split_with_cards(split: Mapping, kpis: Mapping, total_id, parts, lines, threshold: int):
    """The split's display and its part cards' display, protected together. The total card is
    shown on its own (frozen: it also stands on other pages, per year and per quarter); the
    rows it counts outside the split's values are one more hidden cell (_REST). A part card may
    be hidden as "x" when it would give a small cell back; when nothing can protect the split,
    the split and its part cards are withheld. Returns (split display or None, {card id:
    display or None})."""
    values = dict(split)
    constraints = []
    frozen = set()
    primary = set()
    total = kpis.get(total_id) if total_id else None
    if isinstance(total, int):
        values[_REST] = max(0, total - sum(int(v) for v in split.values()))
        values[("__card__", total_id)] = total
        frozen.add(("__card__", total_id))
        if is_small(total, threshold):
            primary.add(("__card__", total_id))
        constraints.append(Constraint(tuple((k, 1) for k in [*split, _REST]) + ((("__card__", total_id), -1),)))
    else:
        lines = [tuple(split), *lines]
    for card_id, keys in parts:
        if isinstance(kpis.get(card_id), int):
            key = ("__card__", card_id)
            values[key] = kpis[card_id]
            constraints.append(Constraint(tuple((k, 1) for k in keys if k in split) + ((key, -1),)))
    protected = protect(values, lines, threshold, constraints=constraints, primary=primary, frozen=frozen)
    if protected is None:
        return None, {card_id: None for card_id, _ in parts}
    hidden_primary, hidden_secondary = protected
    shown = {k: _render(v, k, hidden_primary, hidden_secondary, threshold) for k, v in split.items()}
    cards = {card_id: _render(values[("__card__", card_id)], ("__card__", card_id), hidden_primary, hidden_secondary, threshold)
             for card_id, _ in parts if ("__card__", card_id) in values}
    return shown, cards


def derived_bases(kpis: Mapping) -> dict[str, int]:
    """The base (number of rows) of each rate, median and per-VTE figure that the report's own
    counts and splits give: the base of a rate is the denominator of the catalog definition.
    The engine gives every base in Report.extra["bases"] (kpis.measures.Measured), which
    completes and overrides these; the Meldingen rates on terms and outcomes have no base in
    the report's values, so without it they are hidden."""
    from kpis.klachten import ASSESSED

    bases: dict[str, int] = {}

    def put(kpi_id, value):
        if kpi_id in kpis and value is not None and not isinstance(value, str):
            bases[kpi_id] = int(value)

    outcome = kpis.get("complaints_by_outcome")
    if isinstance(outcome, Mapping) and all(isinstance(outcome.get(v), int) for v in ASSESSED):
        put("complaints_founded_rate", sum(outcome[v] for v in ASSESSED))
    put("complaints_per_100_fte", kpis.get("complaints_received"))
    put("complaints_median_lead_days", kpis.get("complaints_closed"))
    put("complaints_within_norm_rate", kpis.get("complaints_closed"))
    put("discipline_median_lead_days", kpis.get("discipline_decided"))
    put("reports_anonymous_rate", kpis.get("reports_received"))
    put("actions_done_rate", kpis.get("actions_total"))
    return bases


def suppress_kpis(kpis: Mapping, bases: Mapping | None, threshold: int = DEFAULT_THRESHOLD) -> tuple[dict, dict[str, str]]:
    """The netwerk-safe {id: value} and {id: Dutch reason} for every value hidden or withheld.
    Counts -> suppress_count; rates -> suppress_rate; days (medians) -> suppress_median;
    per_fte -> suppress_derived on its count; splits -> suppress_split with the sums that other
    shown figures give away; KPIs of EXEMPT_REGISTERS and ids not in the catalog unchanged.
    `bases` ({id: rows}) completes or overrides derived_bases(kpis)."""
    from kpis.catalog import BY_ID

    all_bases = {**derived_bases(kpis), **(bases or {})}
    out: dict = {}
    reasons: dict[str, str] = {}
    for kpi_id, value in kpis.items():
        kdef = BY_ID.get(kpi_id)
        if kdef is None or kdef.register in EXEMPT_REGISTERS or kdef.unit in ("split", "goal_split"):
            out[kpi_id] = value
            continue
        if kdef.unit == "count":
            out[kpi_id] = suppress_count(value, threshold)
            if is_small(value, threshold):
                reasons[kpi_id] = f"Aantal onder {threshold}: getoond als {small_marker(threshold)}."
            continue
        check = {"rate": suppress_rate, "days": suppress_median, "per_fte": suppress_derived}[kdef.unit]
        result = check(value, all_bases.get(kpi_id), threshold)
        out[kpi_id] = result.value
        if result.hidden:
            reasons[kpi_id] = result.reason
    groups: dict[str, list] = {}
    for rate_id, split_id, numerator, base in _rate_links():
        if out.get(rate_id) is not None:
            groups.setdefault(split_id, []).extend([tuple(numerator), tuple(base)])
    split_cards = _split_cards()
    for kpi_id, value in kpis.items():
        kdef = BY_ID.get(kpi_id)
        if kdef is None or kdef.register in EXEMPT_REGISTERS or kdef.unit not in ("split", "goal_split") or value is None:
            continue
        if kdef.unit == "goal_split":  # only the actieplan has one; should it ever not be exempt
            out[kpi_id] = {g: {k: suppress_count(n, threshold) for k, n in part.items()} for g, part in value.items()}
            continue
        total_id, parts = split_cards.get(kpi_id, (None, []))
        shown, cards = _protect_split_with_cards(value, kpis, total_id, parts, groups.get(kpi_id, []), threshold)
        out[kpi_id] = shown
        if shown is None:
            reasons[kpi_id] = withheld_reason(threshold)
        for card_id, card in cards.items():
            out[card_id] = card
            if card is None or (isinstance(card, Suppressed) and card.kind != "small"):
                reasons[card_id] = withheld_reason(threshold)
    return out, reasons


def suppress_report(report_kpis, bases=None, threshold: int | None = None):
    """The netwerk-safe version of the KPI engine's output. Two forms:
    - suppress_report(kpis: dict, bases: dict, threshold) -> dict   ({id: value} only)
    - suppress_report(report: kpis.engine.Report, threshold) -> Report  (kpis, criteria and
      extra["suppression"] = {"threshold": N, "reasons": {id: reason}})."""
    if hasattr(report_kpis, "kpis") and hasattr(report_kpis, "criteria"):
        return suppress_engine_report(report_kpis, bases if threshold is None else threshold)
    return suppress_kpis(report_kpis, bases, DEFAULT_THRESHOLD if threshold is None else threshold)[0]


def suppress_engine_report(report, threshold: int = DEFAULT_THRESHOLD, *, shown: tuple | None = None):
    """A copy of a kpis.engine.Report for the netwerk view. A criterion on a hidden KPI loses
    its value (problem says why); its status stays unless it would pin a hidden count down
    (e.g. "hoogstens 1" gehaald on a "<5"), then it becomes "geen gegevens". The criteria
    counts are recounted from the statuses shown. `shown` = (kpis, reasons) decided elsewhere
    (kpis.disclosure.release, every figure of the day together): then a criterion on a hidden
    KPI always reads "geen gegevens", since a status beside an "x" would narrow it down."""
    from dataclasses import replace

    from kpis.catalog import BY_ID, kpi_for_indicator
    from kpis.criteria import NO_DATA, status_counts, status_of

    threshold = int(threshold if threshold is not None else DEFAULT_THRESHOLD)
    kpis, reasons = shown if shown is not None else suppress_kpis(report.kpis, (report.extra or {}).get("bases"), threshold)
    kpis = dict(kpis)
    criteria = []
    for c in report.criteria:
        kpi = kpi_for_indicator(c.indicator)
        kpi_id = kpi.id if kpi else None
        if kpi_id is None or kpi_id not in reasons or c.value is None:
            criteria.append(c)
            continue
        status = NO_DATA if shown is not None else c.status
        if shown is None and BY_ID[kpi_id].unit == "count":
            possible = {status_of(v, c.norm, c.richting) for v in range(1, threshold)}
            if len([v for v in range(1, threshold) if status_of(v, c.norm, c.richting) == status]) <= 1 and len(possible) > 1:
                status = NO_DATA
        criteria.append(replace(c, value=None, status=status, problem=reasons[kpi_id]))
    if criteria != list(report.criteria):
        kpis.update(status_counts(criteria))
    extra = dict(report.extra or {})
    extra.pop("bases", None)  # rows behind each rate: counts themselves, some of them small
    extra["suppression"] = {"threshold": threshold, "reasons": reasons}
    return replace(report, kpis=kpis, criteria=criteria, extra=extra)


def numeric(value) -> float | None:
    """A shown value for a chart axis: a number stays, a marker ("<N", "x") or None is None
    (a gap); label hidden points with the shown value itself."""
    if value is None or isinstance(value, str) or _isnan(value):
        return None
    return float(value)
