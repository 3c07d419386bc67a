"""Built figures, cached: a plotly figure costs 10-20 ms to build (plotly validates every
property it is given) and about 0.3 ms to show again from its dict.

    fig = figure_cache.cached(charts.split_bars, split, register="klachten", title="Per kanaal")
    ui.chart(fig, key="klachten_kanaal")        # components.chart shows a Built as it is

- cached(builder, *args, **kwargs) -> Built: `builder(*args, **kwargs)` (a module-level function
  that returns a go.Figure), styled with the dashboard template (theme.style), built once per
  builder and distinct arguments (st.cache_data: a copy per caller, a lock per key).
- Built(spec): a figure already built: `spec` is the validated figure's to_dict(). It is no
  go.Figure: change a figure inside its builder, never after caching.
- displayable(built) -> a go.Figure that st.plotly_chart serialises without validating the dict
  again (it validates a plain dict: go.Figure(**spec), as costly as building it).

The arguments are the small values, labels and dates a figure shows (never a big frame:
Streamlit hashes a DataFrame of 50,000 rows or more from a sample, streamlit #14622). They come
from dashboard.reads, already suppressed for the netwerk view, so nothing unsuppressed reaches
this cache; a marker is keyed with its kind, as the charts draw a withheld cell differently, and
a function argument (fmt=fmt_decimal) by its name.
`dashboard.reads.data.clear_caches()` empties it like every other cached read.
"""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Callable
from types import FunctionType

import pandas as pd
import plotly.graph_objects as go

from dashboard.reads.cache import cached
from dashboard.style import theme
from kpis.disclosure.markers import Suppressed

CACHE_ENTRIES = 256


@dataclasses.dataclass(frozen=True)
class Built:
    """A built figure: plotly's dict (`spec`) of a validated, styled go.Figure."""

    spec: dict

    @property
    def height(self) -> int | None:
        return self.spec.get("layout", {}).get("height")


def builder_name(builder: Callable) -> str:
    """'dashboard.charts.generic.split_bars': a module-level function's full name. A lambda, a
    nested function or one defined in a page script (module __main__) has no name that tells it
    from another one, so it is refused."""
    module, name = getattr(builder, "__module__", None), getattr(builder, "__qualname__", "")
    if not module or module == "__main__" or not name or "<" in name:
        raise TypeError(f"cached(): give a module-level function, not {builder!r}")
    return f"{module}.{name}"


def _marker_key(value: Suppressed) -> tuple:
    return (str(value), value.kind, value.threshold)


def _frame_key(frame: pd.DataFrame) -> bytes:
    # Streamlit hashes an object column by its text; the pickle keeps each marker's kind.
    return pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)


@cached(max_entries=CACHE_ENTRIES, hash_funcs={Suppressed: _marker_key, pd.DataFrame: _frame_key, FunctionType: builder_name})
def _spec(name: str, args: tuple, kwargs: dict, _builder: Callable) -> dict:
    # `_builder` is not hashed: `name` stands for it.
    return theme.style(_builder(*args, **kwargs)).to_dict()


def cached(builder: Callable[..., go.Figure], /, *args, **kwargs) -> Built:
    """`builder(*args, **kwargs)`, styled, built once per distinct arguments."""
    return Built(_spec(builder_name(builder), args, dict(sorted(kwargs.items())), builder))


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
