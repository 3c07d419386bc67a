"""The Overzicht's sparklines as server-drawn SVG (dashboard.charts.sparkline): where each point
lies, gaps and hidden periods, tooltips, escaping, the language of the month names."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from dashboard.charts import sparkline as sp
from dashboard.style import theme
from i18n import language
from kpis.disclosure.markers import secondary, small

NS = {"s": "http://www.w3.org/2000/svg"}
MONTHS = [dt.date(2026, m, 1) for m in (1, 2, 3, 4)]
BASE = sp.HEIGHT - sp.BOTTOM


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # well-formed XML, or this fails


def points(element: ET.Element) -> list[tuple[float, float]]:
    return [tuple(float(c) for c in p.split(",")) for p in element.get("points").split()]


def texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.findall("s:text", NS)]


def titles(root: ET.Element) -> list[str]:
    return [t.text for t in root.findall("s:rect/s:title", NS)]


def test_points_lie_between_the_baseline_and_the_top_and_a_missing_value_breaks_the_line():
    with language("nl"):
        root = parsed(sp.sparkline_svg(MONTHS, [2, 4, None, 0], register="klachten"))
    lines = root.findall("s:polyline", NS)
    step = (sp.WIDTH - sp.LEFT - sp.RIGHT) / 3
    expected = [
        [(sp.LEFT, (BASE + sp.TOP) / 2), (sp.LEFT + step, sp.TOP)],  # 2 is half of the top (4)
        [(sp.LEFT + 3 * step, BASE)],  # 0 on the baseline, after the gap
    ]
    assert [[(round(x, 1), y) for x, y in points(line)] for line in lines] == [
        [(round(x, 1), y) for x, y in run] for run in expected]  # drawn to a tenth
    assert {line.get("stroke") for line in lines} == {theme.register_color("klachten")}
    assert len(root.findall("s:polygon", NS)) == 2  # a fill under each run
    assert len(root.findall("s:circle", NS)) == 3  # a dot per drawn point (4 periods <= 12)
    assert titles(root) == ["jan 2026: 2", "feb 2026: 4", "mrt 2026: –", "apr 2026: 0"]
    # the last value at the end of the line, the first and last period under it
    assert texts(root) == ["0", "jan 2026", "apr 2026"]
    assert root.get("aria-label") == "jan 2026: 2, feb 2026: 4, mrt 2026: –, apr 2026: 0"


def test_a_hidden_period_is_a_gap_with_its_marker_on_the_baseline():
    with language("nl"):
        root = parsed(sp.sparkline_svg(MONTHS, [7, small(5), secondary(5), 9], register="meldingen"))
    assert [len(points(line)) for line in root.findall("s:polyline", NS)] == [1, 1]
    hidden = [c for c in root.findall("s:circle", NS) if c.get("fill") == "white"]
    assert [float(c.get("cy")) for c in hidden] == [BASE, BASE]
    assert texts(root)[:2] == ["<5", "x"]  # the markers as the reader sees them, above the circles
    assert titles(root) == ["jan 2026: 7", "feb 2026: <5", "mrt 2026: x", "apr 2026: 9"]
    assert "&lt;5" in sp.sparkline_svg(MONTHS, [7, small(5), 1, 9], register="meldingen")  # escaped in the markup


def test_all_zero_stays_on_the_baseline_and_labels_are_escaped():
    svg = sp.sparkline_svg(MONTHS[:2], [0, 0], register="tuchtdossiers", labels=["<b>2025</b>", "2026 & later"])
    root = parsed(svg)
    assert {y for _, y in points(root.find("s:polyline", NS))} == {BASE}
    assert "<b>" not in svg and "&lt;b&gt;2025&lt;/b&gt;" in svg
    assert texts(root)[1:] == ["<b>2025</b>", "2026 & later"]  # shown as text


def test_month_names_follow_the_language_and_long_period_names_shrink_to_fit():
    with language("fr"):
        root = parsed(sp.sparkline_svg(MONTHS, [1, 2, 3, 4], register="klachten"))
    assert texts(root)[1:] == ["janv. 2026", "avr. 2026"]
    labels = ["2021", "2026 (tot 06/12)"]
    normal = parsed(sp.sparkline_svg(MONTHS[:2], [1, 2], register="klachten", labels=labels))
    projector = parsed(sp.sparkline_svg(MONTHS[:2], [1, 2], register="klachten", labels=labels, scale=theme.PROJECTOR_SCALE))
    sizes = [float(t.get("font-size")) for t in projector.findall("s:text", NS)]
    width = sp.WIDTH - sp.RIGHT + 6 - sp.LEFT
    assert sizes[1] * sp.CHAR_WIDTH * (len("".join(labels)) + 2) <= width + 1e-9
    # the value at the end grows with screen-share mode
    assert float(projector.findall("s:text", NS)[0].get("font-size")) > float(normal.findall("s:text", NS)[0].get("font-size"))


def test_a_long_last_value_fits_in_the_width():
    for values in ([1_000, 12_345], [3, small(5)], [3, secondary(5)]):
        with language("nl"):
            root = parsed(sp.sparkline_svg(MONTHS[:2], values, register="klachten", scale=theme.PROJECTOR_SCALE))
        end = root.findall("s:text", NS)[-3]  # the last value, before the two period names
        width = float(end.get("font-size")) * sp.BOLD_CHAR_WIDTH * len(end.text)
        assert float(end.get("x")) + width <= sp.WIDTH, (values, end.text)
    assert end.text == "x"
