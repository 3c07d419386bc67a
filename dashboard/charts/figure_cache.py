"""Built figures, cached: a plotly figure costs 10-20 ms to build (plotly validates every
property it is given) and about 0.3 ms to show again from its dict.

    fig = figure_cache.cached(charts.split_bars, split, register="klachten", title="Per kanaal")
    ui.chart(fig, key="klachten_kanaal")        # components.chart shows a Built as it is

- cached(builder, *args, **kwargs) -> Built: `builder(*args, **kwargs)` (a module-level function
  that returns a go.Figure), styled with the dashboard template (theme.style), built once per
  distinct arguments and kept as plotly's dict in a dashboard.reads.memo store (a copy per caller).
- Built(spec): a figure already built: `spec` is the validated figure's to_dict(); `height` its
  layout height. It is no go.Figure: change a figure inside its builder, never after caching.
- figure_key(value) -> a plain, exact key for a builder argument, or TypeError.
- displayable(built) -> a go.Figure that st.plotly_chart serialises without validating the dict
  again (it validates a plain dict: go.Figure(**spec), as costly as building it).

The cache key is the builder's name and its arguments, exactly: the values, labels, dates and
options the figure shows (a DataFrame by its index, columns, dtypes and values, never hashed by
Streamlit: no sampling of big frames, streamlit #14622). A figure is a function of these alone,
so it cannot go stale after an import, and the figures of two views can only be shared when
their inputs are the same. The inputs come from dashboard.reads, which have already
suppressed them for the netwerk view and screen-share mode: nothing unsuppressed reaches this
cache. `dashboard.reads.data.clear_caches()` empties it like every other cached read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import pickle
from collections.abc import Callable, Mapping

import numpy as np

from kpis.disclosure.markers import is_suppressed
import pandas as pd
import plotly.graph_objects as go

from dashboard.reads import memo
from dashboard.style import theme

CACHE_ENTRIES = 256


@dataclasses.dataclass(frozen=True)
class Built:
    """A built figure: plotly's dict (`spec`) of a validated, styled go.Figure."""

    spec: dict

    @property
    def height(self) -> int | None:
        return self.spec.get("layout", {}).get("height")


def builder_name(builder: Callable) -> str:
    """'dashboard.charts.generic.split_bars': a module-level function's full name. A lambda, a nested
    function or one defined in a page script (module __main__) has no name that tells it from
    another one, so it is refused."""
    module, name = getattr(builder, "__module__", None), getattr(builder, "__qualname__", "")
    if not module or module == "__main__" or not name or "<" in name:
        raise TypeError(f"cached(): give a module-level function, not {builder!r}")
    return f"{module}.{name}"


def figure_key(value):
    """An exact, plain (hashable, picklable) form of a builder argument: the type is part of it
    where plotly would draw the value differently (a date and a Timestamp, an int and a numpy
    int, a list and a dict)."""
    if value is None or isinstance(value, (bool, int, float, str)) and type(value) in (bool, int, float, str):
        return value
    if is_suppressed(value):  # a marker: "<5" or "x", with what it stands for
        return ("Suppressed", value.kind, value.threshold)
    if value is pd.NaT or value is pd.NA:
        return repr(value), None
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):  # datetime is a date, Timestamp a datetime
        return (type(value).__name__, value.isoformat())
    if isinstance(value, np.generic):
        return (type(value).__name__, value.item())
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(figure_key(v) for v in value))
    if isinstance(value, Mapping):
        return (type(value).__name__, tuple((figure_key(k), figure_key(v)) for k, v in value.items()))
    if isinstance(value, pd.DataFrame):
        return (
            "DataFrame",
            figure_key(value.index),
            figure_key(list(value.columns)),
            tuple(str(t) for t in value.dtypes),
            tuple(figure_key(list(value[c])) for c in value.columns),
        )
    if isinstance(value, pd.Series):
        return ("Series", figure_key(value.index), figure_key(value.name), str(value.dtype), figure_key(list(value)))
    if isinstance(value, pd.Index):
        return ("Index", str(value.dtype), figure_key(value.name), figure_key(list(value)))
    if isinstance(value, np.ndarray):
        return ("ndarray", str(value.dtype), value.shape, figure_key(value.tolist()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = tuple((f.name, figure_key(getattr(value, f.name))) for f in dataclasses.fields(value))
        return (builder_name(type(value)), fields)
    if callable(value):  # e.g. fmt=fmt_decimal
        return ("function", builder_name(value))
    raise TypeError(f"cached(): cannot key a figure on a {type(value).__name__}")


@memo.cached(max_entries=CACHE_ENTRIES)
def _spec(name: str, digest: str, _builder: Callable, _args: tuple, _kwargs: dict) -> dict:
    # Keyed on `name` and `digest` only (arguments starting with _ are not part of the key).
    return theme.style(_builder(*_args, **_kwargs)).to_dict()


def cached(builder: Callable[..., go.Figure], /, *args, **kwargs) -> Built:
    """`builder(*args, **kwargs)`, styled, built once per distinct arguments (see the module
    docstring for the key)."""
    name = builder_name(builder)
    key = (figure_key(args), figure_key(dict(sorted(kwargs.items()))))
    # The key holds plain values only, so its pickle is exact; Streamlit then hashes 64
    # characters instead of walking the nested key (about 1 ms for a 36-month trend).
    digest = hashlib.sha256(pickle.dumps(key, protocol=5)).hexdigest()
    return Built(_spec(name, digest, builder, args, kwargs))


class _Shown(go.Figure):
    """A go.Figure that hands st.plotly_chart the built dict: Streamlit takes a plotly figure's
    to_dict() as validated, and validates a plain dict again (go.Figure(**spec)). It is only a
    carrier for that call: plotly's own initialisation (about 0.7 ms, the template copied in) is
    skipped, so anything but to_dict() fails loudly instead of drawing an empty figure."""

    def __init__(self, spec: dict) -> None:  # no super().__init__(): see the docstring
        object.__setattr__(self, "_spec", spec)

    def to_dict(self) -> dict:
        return self._spec


def displayable(built: Built, height: int | None = None) -> go.Figure:
    """What components.chart passes to st.plotly_chart; `height` (if given) replaces the
    figure's own."""
    spec = built.spec
    if height is not None and height != built.height:
        spec = {**spec, "layout": {**spec.get("layout", {}), "height": height}}
    return _Shown(spec)
