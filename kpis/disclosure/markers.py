"""The marker a hidden count is shown as: a small typed value, not a bare string.

`Suppressed` is a str (so it prints as "<5" or "x" in a card, a table cell or a workbook) that
also says what it stands for: SMALL, a count from 1 to N - 1; SECONDARY, a count of N or more
hidden so that a small count next to it cannot be recomputed. Test with `is_suppressed(value)`.
"""

from __future__ import annotations

SMALL = "small"
SECONDARY_KIND = "secondary"


class Suppressed(str):
    """'<N' (kind SMALL) or 'x' (kind SECONDARY) with its threshold N."""

    __slots__ = ("kind", "threshold")

    def __new__(cls, kind: str, threshold: int) -> Suppressed:
        if kind not in (SMALL, SECONDARY_KIND):
            raise ValueError(f"unknown marker kind {kind!r}")
        obj = super().__new__(cls, f"<{int(threshold)}" if kind == SMALL else "x")
        obj.kind = kind
        obj.threshold = int(threshold)
        return obj

    def __reduce__(self):  # cached results are pickled: keep the kind and threshold
        return (Suppressed, (self.kind, self.threshold))

    def __repr__(self) -> str:
        return f"Suppressed({self.kind!r}, {self.threshold})"

    def bounds(self, top: int) -> tuple[int, int]:
        """What a reader knows of the hidden count: 1..N-1, or N..top."""
        return (1, self.threshold - 1) if self.kind == SMALL else (self.threshold, max(top, self.threshold))


def small(threshold: int) -> Suppressed:
    return Suppressed(SMALL, threshold)


def secondary(threshold: int) -> Suppressed:
    return Suppressed(SECONDARY_KIND, threshold)


def is_suppressed(value) -> bool:
    """True for a marker ('<5', 'x'): a count that is hidden in this view."""
    return isinstance(value, Suppressed)
