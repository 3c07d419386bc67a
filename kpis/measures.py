"""The catalog's two null rules: a rate with denominator 0 and a median of no values are null."""

from __future__ import annotations

import math
from itertools import repeat


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
    seen, found = 0, {}
    for number, n in pairs:
        for position in (low, high):
            if seen <= position < seen + n:
                found.setdefault(position, number)
        seen += n
        if high in found:
            break
    return (found[low] + found[high]) / 2
