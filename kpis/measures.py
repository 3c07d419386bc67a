"""The catalog's two null rules: a rate with denominator 0 and a median of no values are null."""

from __future__ import annotations

import numpy as np
import pandas as pd


def rate(numerator: int, denominator: int) -> float | None:
    """A fraction between 0 and 1, or None ("geen gegevens") when the denominator is 0."""
    return None if not denominator else numerator / denominator


def median(values, counts=None) -> float | None:
    """Median of `values` (each repeated `counts` times when given); the mean of the two middle
    ones for an even number; None for no values. Missing values are ignored."""
    values = pd.to_numeric(pd.Series(list(values), dtype="object"), errors="coerce").to_numpy(dtype=float)
    weights = np.ones(len(values), dtype=np.int64) if counts is None else np.asarray(counts, dtype=np.int64)
    keep = ~np.isnan(values) & (weights > 0)
    if not keep.any():
        return None
    return float(np.median(np.repeat(values[keep], weights[keep])))
