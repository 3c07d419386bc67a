"""The marker a hidden count is shown as: a small typed value, not a bare string.

`Suppressed` is a str (so it prints as "<5", "x" or "verborgen" in a card, a table cell, a
chart label or a workbook) that also says what it stands for: SMALL, a count from 1 to N - 1;
SECONDARY, a count of N or more hidden so that a small count next to it cannot be recomputed;
WITHHELD, a cell of a chart about which nothing is said. Test with `is_suppressed(value)`.
"""

from __future__ import annotations

SMALL = "small"
SECONDARY_KIND = "secondary"
WITHHELD_KIND = "withheld"  # nothing is said of it: a cell of a chart shown as "verborgen"
_TEXT = {SMALL: "<{}", SECONDARY_KIND: "x", WITHHELD_KIND: "verborgen"}


class Suppressed(str):
    """'<N' (kind SMALL), 'x' (kind SECONDARY) or 'verborgen' (WITHHELD) with its threshold N."""

    __slots__ = ("kind", "threshold")
    kind: str
    threshold: int

    def __new__(cls, kind: str, threshold: int) -> Suppressed:
        if kind not in _TEXT:
            raise ValueError(f"unknown marker kind {kind!r}")
        obj = super().__new__(cls, _TEXT[kind].format(int(threshold)))
        obj.kind = kind
        obj.threshold = int(threshold)
        return obj

    def __reduce__(self):  # cached results are pickled: keep the kind and threshold
        return (Suppressed, (self.kind, self.threshold))

    def __repr__(self) -> str:
        return f"Suppressed({self.kind!r}, {self.threshold})"

    def bounds(self, top: int) -> tuple[int, int]:
        """What a reader knows of the hidden count: 1..N-1, N..top, or 0..top."""
        if self.kind == SMALL:
            return 1, self.threshold - 1
        return (self.threshold, max(top, self.threshold)) if self.kind == SECONDARY_KIND else (0, top)


def small(threshold: int) -> Suppressed:
    return Suppressed(SMALL, threshold)


def secondary(threshold: int) -> Suppressed:
    return Suppressed(SECONDARY_KIND, threshold)


def withheld(threshold: int) -> Suppressed:
    return Suppressed(WITHHELD_KIND, threshold)


def is_suppressed(value) -> bool:
    """True for a marker ('<5', 'x'): a count that is hidden in this view."""
    return isinstance(value, Suppressed)
