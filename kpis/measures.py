"""The catalog's two null rules: a rate with denominator 0 and a median of no values are null."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


def rate(numerator: int, denominator: int) -> float | None:
    """A fraction between 0 and 1, or None ("geen gegevens") when the denominator is 0."""
    return None if not denominator else numerator / denominator


def median(values: Iterable[float]) -> float | None:
    """Median of the values (mean of the two middle ones for an even count); None for none."""
    array = np.fromiter((v for v in values if v is not None), dtype=float)
    return None if array.size == 0 else float(np.median(array))
