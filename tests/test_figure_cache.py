"""dashboard.charts.figure_cache: a figure is built once per distinct arguments, shown exactly as the
builder made it, and keyed on its arguments (a marker with its kind: the charts draw a withheld
cell differently)."""

from __future__ import annotations

import pandas as pd
import plotly.io as pio
import plotly.tools
import pytest

from dashboard.charts import figure_cache, generic as charts
from dashboard.charts.figure_cache import Built, cached
from dashboard.reads.data import clear_caches
from dashboard.style import theme
from kpis.disclosure.markers import SMALL, WITHHELD_KIND, Suppressed, small

CALLS: list[tuple] = []


def counting_bars(split, *, title="Per kanaal"):
    """A module-level builder that records each time it really builds."""
    CALLS.append((tuple(split.items()), title))
    return charts.split_bars(split, register="klachten", title=title)


def counting_years(frame, fmt=charts.fmt_int):
    CALLS.append(("years", len(frame)))
    return charts.year_bars(frame, register="klachten", title="Per jaar", fmt=fmt)


@pytest.fixture(autouse=True)
def _empty_cache():
    clear_caches()
    CALLS.clear()
    yield
    clear_caches()


def test_built_once_per_distinct_arguments():
    first = cached(counting_bars, {"burger": 12, "intern": small(5)})
    again = cached(counting_bars, {"burger": 12, "intern": small(5)})
    assert len(CALLS) == 1 and first == again
    cached(counting_bars, {"burger": 12, "intern": 3})  # a shown 3 instead of the marker "<5"
    cached(counting_bars, {"intern": small(5), "burger": 12})  # same values, other order: other bars
    cached(counting_bars, {"burger": 12, "intern": small(5)}, title="Per kanaal 2024")
    assert len(CALLS) == 4


def test_same_figure_as_the_builder_and_shown_without_validation():
    split = {"burger": 12, "intern": small(5), "anoniem": 0}
    built = cached(charts.split_bars, split, register="klachten", title="Per kanaal")
    direct = theme.style(charts.split_bars(split, register="klachten", title="Per kanaal"))
    assert isinstance(built, Built) and built.height == direct.layout.height
    shown = figure_cache.displayable(built)
    # st.plotly_chart takes a plotly figure's to_dict() as it is (validated) ...
    spec = plotly.tools.return_figure_from_figure_or_data(shown, validate_figure=True)
    assert spec is built.spec
    # ... and the JSON it sends is the one of the figure built directly
    assert pio.to_json(spec, validate=False) == pio.to_json(direct, validate=False)
    taller = figure_cache.displayable(built, height=500).to_dict()
    assert taller["layout"]["height"] == 500 and built.spec["layout"]["height"] == direct.layout.height


def test_key_keeps_the_types_plotly_draws_differently():
    cached(counting_bars, {"burger": 5, "intern": 1})
    cached(counting_bars, {"burger": 5, "intern": 1.5})
    cached(counting_bars, {"burger": 5, "intern": Suppressed(WITHHELD_KIND, 5)})
    cached(counting_bars, {"burger": 5, "intern": "verborgen"})  # the same text, not a marker
    cached(counting_bars, {"burger": 5, "intern": Suppressed(SMALL, 5)})
    cached(counting_bars, {"burger": 5, "intern": Suppressed(SMALL, 5)})
    assert len(CALLS) == 5
    frame = pd.DataFrame({"n": [Suppressed(WITHHELD_KIND, 5)]}, index=["2024"], dtype=object)
    plain_text = pd.DataFrame({"n": ["verborgen"]}, index=["2024"], dtype=object)
    CALLS.clear()
    built = [cached(counting_years, f) for f in (frame, plain_text, frame.copy())]
    cached(counting_years, frame, fmt=charts.fmt_decimal)  # a formatter, keyed by its name
    assert len(CALLS) == 3  # a withheld cell and the plain word are two figures
    assert built[0] == built[2] and built[0] is not built[2]  # the same figure, a copy per caller


def test_refuses_a_builder_without_a_name():
    with pytest.raises(TypeError):
        cached(lambda: charts.split_bars({"a": 1}, register="klachten", title="x"))
