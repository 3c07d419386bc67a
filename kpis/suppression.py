"""Small-count suppression for the netwerk view and screen-share mode (pure functions).

Rules (../shared/registers.md "Roles", engineering-notes "Small-count suppression"):
- a count from 1 to N - 1 is shown as "<N" (N = setting suppression_threshold, default 5);
  zero stays 0; a count of N or more is shown;
- a rate, share or median computed on a base below N is hidden; a rate is hidden too when it
  would give back a small count (rate x base = k, or base - k, between 1 and N - 1);
- secondary suppression: in a split (or a table line) whose total is known, a hidden cell must
  not be recomputable from the total and the cells shown. The known facts about a hidden cell
  are an interval: "<N" means 1..N-1, SECONDARY ("x") means N or more (only cells of N or more
  are ever hidden as secondary: zero stays 0). While some "<N" cell's value is pinned down by
  the total (its interval shrinks to one value), the smallest cell still shown is hidden too;
  when no shown cell is left and a cell is still pinned, the whole split is withheld (None).
  Totals are always taken as known: the count card or another split of the same rows shows it.

A hidden value is never replaced by a made-up number: cards, tables and charts show the marker
(str) or "verborgen" with the reason. Pages receive data already suppressed (dashboard.data).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

DEFAULT_THRESHOLD = 5
SECONDARY = "x"  # a cell of N or more hidden so that a small neighbour cannot be recomputed
SECONDARY_HELP = "x: verborgen, omdat anders een klein aantal kan worden teruggerekend."


def small_marker(threshold: int) -> str:
    return f"<{threshold}"


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
    if value is None or _isnan(value):
        return Hidden(None)
    if base is None:
        return Hidden(None, unknown_base_reason())
    if base < threshold:
        return Hidden(None, small_base_reason(threshold))
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


def _hidden_cells(values: Mapping, threshold: int) -> tuple[set, set]:
    primary = {k for k, v in values.items() if is_small(v, threshold)}
    return primary, set()


def _pinned(values: Mapping, primary: set, secondary: set, threshold: int) -> bool:
    """True when the total (the sum of all cells) and the shown cells fix the value of a "<N"
    cell. Each hidden cell h lies in [lo_h, hi_h]; with the sum R of the hidden cells known,
    h lies in [max(lo_h, R - sum(hi of the others)), min(hi_h, R - sum(lo of the others))]."""
    if not primary:
        return False
    hidden = primary | secondary
    rest = sum(int(values[k]) for k in hidden)  # = total - shown cells: known to the reader
    bounds = {k: (1, threshold - 1) if k in primary else (threshold, rest) for k in hidden}
    lo_sum = sum(lo for lo, _ in bounds.values())
    hi_sum = sum(hi for _, hi in bounds.values())
    for k in primary:
        lo, hi = bounds[k]
        low = max(lo, rest - (hi_sum - hi))
        high = min(hi, rest - (lo_sum - lo))
        if low >= high:
            return True
    return False


def protect_line(values: Mapping, threshold: int, primary: set | None = None, secondary: set | None = None) -> tuple[set, set] | None:
    """The (primary, secondary) hidden keys of one line with a known total, or None when the
    line cannot be protected (withhold it). Adds the smallest shown nonzero cell as secondary
    until no "<N" cell is pinned down."""
    if primary is None:
        primary, secondary = _hidden_cells(values, threshold)
    primary, secondary = set(primary), set(secondary or ())
    while _pinned(values, primary, secondary, threshold):
        shown = [(int(v), str(k), k) for k, v in values.items() if k not in primary | secondary and v]
        if not shown:
            return None
        secondary.add(min(shown)[2])
    return primary, secondary


def _render(value, key, primary: set, secondary: set, threshold: int):
    if key in primary:
        return small_marker(threshold)
    if key in secondary:
        return SECONDARY
    return None if value is None or _isnan(value) else int(value)


@dataclass(frozen=True)
class SplitResult:
    values: dict | None  # {value: int | "<N" | "x"}, or None when the split is withheld
    reason: str | None = None  # Dutch, when withheld


def withheld_reason(threshold: int) -> str:
    return f"Verdeling verborgen: met het totaal zou een aantal onder {threshold} terug te rekenen zijn."


def suppress_split(split: Mapping[str, int], threshold: int = DEFAULT_THRESHOLD) -> SplitResult:
    """{value: count} -> the shown split: small counts "<N", secondary cells "x", zeros 0;
    the order of the keys is kept. values None (with a reason) when it cannot be protected."""
    protected = protect_line(split, threshold)
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
    primary = {(r, c) for r in counts.index for c in counts.columns if is_small(counts.at[r, c], threshold)}
    secondary: set = set()
    lines = []
    if row_totals and counts.shape[1] > 1:
        lines += [[(r, c) for c in counts.columns] for r in counts.index]
    if column_totals and counts.shape[0] > 1:
        lines += [[(r, c) for r in counts.index] for c in counts.columns]
    changed = True
    while changed:
        changed = False
        for cells in lines:
            values = {cell: counts.at[cell] for cell in cells}
            line_primary = {cell for cell in cells if cell in primary}
            line_secondary = {cell for cell in cells if cell in secondary}
            protected = protect_line(values, threshold, line_primary, line_secondary)
            if protected is None:
                return None, withheld_reason(threshold)
            new = protected[1] - secondary
            if new:
                secondary |= new
                changed = True
    shown = pd.DataFrame(index=frame.index, columns=frame.columns, dtype=object)
    for r in frame.index:
        for c in frame.columns:
            shown.at[r, c] = _render(frame.at[r, c], (r, c), primary, secondary, threshold)
    return shown, None
