"""dashboard.charts.generic.split_bars: the count axis of a split with small or suppressed values shows
whole numbers only (never 0,5 steps), also after the dashboard template (theme.style, as
components.chart applies it)."""

from __future__ import annotations

import pytest

from dashboard.charts import generic as charts
from dashboard.style import theme
from kpis.disclosure.markers import secondary, small


def _axis(split: dict):
    fig = charts.split_bars(split, register="klachten", title="Per kanaal")
    theme.style(fig)
    return fig.layout.xaxis, fig.data[0]


def _ticks(axis) -> list[float]:
    """The tick positions the axis settings give: tick0 + k x dtick within the range."""
    low, high = axis.range
    count = int((high - low) / axis.dtick) + 1
    return [axis.tick0 + k * axis.dtick for k in range(count) if axis.tick0 + k * axis.dtick <= high]


@pytest.mark.parametrize(
    "split,top,ticks",
    [
        # From 0 to the largest shown count plus 18% room for the labels, a tick at every
        # whole number: top 2 -> range 0 .. 2,36, ticks 0, 1, 2; top 6 -> 0 .. 7,08, ticks 0 .. 7.
        ({"burger": 1}, 1, [0, 1]),
        ({"burger": 2, "intern": small(5), "anoniem": 0}, 2, [0, 1, 2]),
        ({"burger": 3, "intern": 1, "anoniem": 0}, 3, [0, 1, 2, 3]),
        ({"burger": 4, "intern": secondary(5), "anoniem": small(5)}, 4, [0, 1, 2, 3, 4]),
        ({"burger": 6, "intern": 5}, 6, [0, 1, 2, 3, 4, 5, 6, 7]),
    ],
)
def test_small_counts_get_whole_number_ticks(split, top, ticks):
    axis, _ = _axis(split)
    assert axis.range == pytest.approx((0, top * 1.18))
    assert (axis.tick0, axis.dtick) == (0, 1)
    assert _ticks(axis) == ticks
    assert axis.showticklabels is not False


def test_all_suppressed_shows_no_scale_and_no_half_steps():
    # Only markers and zeros: the bars stay at 0 with their label, there is no number to read,
    # so no tick labels and no grid; the axis itself still steps by whole numbers (0 .. 1,18).
    axis, bars = _axis({"burger": small(5), "intern": small(5), "anoniem": 0})
    assert axis.showticklabels is False and axis.showgrid is False
    assert (axis.tick0, axis.dtick) == (0, 1)
    assert axis.range == pytest.approx((0, 1.18))
    assert _ticks(axis) == [0, 1]
    assert list(bars.x) == [0.0, 0.0, 0.0] and sorted(bars.text) == ["0", "<5", "<5"]


def test_larger_counts_never_get_a_step_below_one():
    # Above 6 the range is at least 0 .. 8,26: a step the axis sets must be a whole number; left
    # to plotly (at most ten ticks on an axis) the step is 1 or more, never 0,5.
    axis, _ = _axis({"burger": 7, "intern": small(5)})
    assert axis.range == pytest.approx((0, 7 * 1.18))
    assert axis.dtick is None or (float(axis.dtick).is_integer() and axis.dtick >= 1)


def test_large_counts_are_written_in_full_with_a_thousands_dot():
    """Plotly abbreviates 8000 as '8k' unless the axis says otherwise; with the template's Dutch
    separators (',.') the format ',d' writes 8.000. Year bars (e.g. meldingen per jaar at national
    scale) use the same count axis."""
    import pandas as pd

    axis, _ = _axis({"burger": 8000, "intern": 1200})
    assert axis.tickformat == ",d"
    fig = charts.year_bars(pd.DataFrame({"meldingen": [7000, 8200]}, index=[2025, 2026]), register="meldingen", title="Per jaar")
    theme.style(fig)
    assert fig.layout.yaxis.tickformat == ",d"
    assert fig.layout.separators == ",."
