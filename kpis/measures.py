"""The catalog's two null rules: a rate with denominator 0 and a median of no values are null.

A register step (kpis/klachten.py, ...) returns each rate, median and per-VTE figure as a
`Measured`: the value together with its base, the number of rows it is computed on (a rate's
denominator, the values under a median, the count behind a per-VTE figure). The engine puts the
value in Report.kpis and the base in Report.extra["bases"] (`split_bases`): kpis.disclosure
hides a figure on a base below the threshold, or one that gives a small count back.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import repeat
from typing import Any


@dataclass(frozen=True)
class Measured:
    """A KPI value and its base (number of rows)."""

    value: float | None
    base: int


def measured_rate(numerator: int, denominator: int) -> Measured:
    """rate(numerator, denominator) with the denominator as its base."""
    return Measured(rate(numerator, denominator), int(denominator or 0))


def measured_median(values, counts=None) -> Measured:
    """median(values, counts) with the number of values it is taken over as its base."""
    pairs = zip(values, repeat(1) if counts is None else counts)
    base = sum(int(n) for v, n in pairs if _number(v) is not None and n > 0)
    return Measured(median(values, counts), base)


def split_bases(values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, int]]:
    """A step's {id: value or Measured} as ({id: value}, {id: base of each Measured})."""
    plain = {k: v.value if isinstance(v, Measured) else v for k, v in values.items()}
    return plain, {k: v.base for k, v in values.items() if isinstance(v, Measured)}


def rate(numerator: int, denominator: int) -> float | None:
    """A fraction between 0 and 1, or None ("geen gegevens") when the denominator is 0."""
    return None if not denominator else numerator / denominator


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def median(values, counts=None) -> float | None:
    """Median of `values` (each repeated `counts` times when given); the mean of the two middle
    ones for an even number; None for no values. Missing values are ignored. Works on the
    (value, count) pairs without expanding them: a national population is a few hundred
    distinct lead times."""
    pairs = sorted(
        (number, int(n))
        for number, n in ((_number(v), n) for v, n in zip(values, repeat(1) if counts is None else counts))
        if number is not None and n > 0
    )
    total = sum(n for _, n in pairs)
    if not total:
        return None
    low, high = (total - 1) // 2, total // 2  # 0-based positions of the middle value(s)
    seen, found = 0, dict[int, float]()
    for number, n in pairs:
        for position in (low, high):
            if seen <= position < seen + n:
                found.setdefault(position, number)
        seen += n
        if high in found:
            break
    return (found[low] + found[high]) / 2
