"""Pages that read well on a screen, a projector and a phone (issue 13, items 5, 6, 9): units
once, one category order, larger chart and table text in screen-share mode, a chart with
nothing to draw as one sentence, the small-count note once per page, the Jaarexport's year."""

from __future__ import annotations

import datetime as dt

from dashboard.shell.auth import SCREEN_SHARE_SWITCH_KEY
from dashboard.style import theme
from tests.dashboard_apptest import open_page, start_app, texts
from tests.page_checks import chart_title, charts, decoded

SMALL_NOTE = "Kleine aantallen (onder de drempel)"


def test_a_card_says_its_unit_once(sample_url, monkeypatch):
    at = open_page(start_app(sample_url, "korpsleiding", monkeypatch=monkeypatch), "klachten")
    cards = {m.label: m.value for m in at.metric}
    assert "Mediane doorlooptijd" in cards and cards["Mediane doorlooptijd"].endswith("dagen")
    assert not [label for label in cards if "(dagen)" in label or "(%)" in label]


def test_categories_in_the_same_order_in_the_bars_and_the_heatmap(sample_url, monkeypatch):
    at = open_page(start_app(sample_url, "korpsleiding", monkeypatch=monkeypatch), "klachten")
    specs = {chart_title(s): s for s in charts(at)}
    bars = next(s for t, s in specs.items() if t.endswith("per categorie"))
    heat = next(s for t, s in specs.items() if "per categorie en dienst" in t)
    bar_order = list(bars["data"][0]["y"])[::-1]  # drawn bottom-up: the first category is on top
    heat_order = list(heat["data"][0]["y"])
    assert len(bar_order) > 3 and bar_order == heat_order


def _screen_share(url, monkeypatch, page: str):
    at = start_app(url, "integriteitscoordinator", monkeypatch=monkeypatch)
    at.sidebar.toggle(key=SCREEN_SHARE_SWITCH_KEY).set_value(True).run()
    return open_page(at, page)


def test_screen_share_draws_larger_chart_text_and_plain_tables(sample_url, monkeypatch):
    at = _screen_share(sample_url, monkeypatch, "tuchtdossiers")
    specs = charts(at)
    assert specs
    for spec in specs:
        size = spec["layout"]["template"]["layout"]["font"]["size"]
        assert size == theme.BASE_FONT_SIZE * theme.PROJECTOR_SCALE, chart_title(spec)
    # Tables as plain HTML (their text grows with the page's and wraps): no canvas grid.
    assert not at.dataframe and at.table
    shown = at.table[0].value
    assert "Lichte straffen" in shown.columns and not shown.isin(["None", "nan", "NaT"]).any().any()


def test_every_hidden_chart_is_one_sentence_and_the_note_is_written_once(sample_url, monkeypatch):
    at = _screen_share(sample_url, monkeypatch, "tuchtdossiers")
    sentences = [i.value for i in at.info if "geen grafiek" in i.value]
    assert sentences, texts(at)
    drawn = {chart_title(s) for s in charts(at)}
    for sentence in sentences:
        title = sentence.split("**")[1]
        assert title not in drawn  # no empty frame beside the sentence
    assert sum(SMALL_NOTE in c.value for c in at.caption) == 1


def test_no_empty_frame_and_one_note_on_any_netwerk_page(sample_url, monkeypatch):
    at = start_app(sample_url, "netwerk", monkeypatch=monkeypatch)
    for page in ("overzicht", "klachten", "functioneringsnotas", "tuchtdossiers", "meldingen"):
        open_page(at, page)
        assert sum(SMALL_NOTE in c.value for c in at.caption) <= 1, page
        assert not [c.value for c in at.caption if "<N" in c.value], page  # the threshold itself, never a placeholder
        for spec in charts(at):
            values = [v for trace in spec["data"] if trace.get("type") == "bar"
                      for v in decoded(trace.get("x")) + decoded(trace.get("y")) if isinstance(v, (int, float))]
            texts_drawn = [t for trace in spec["data"] for t in (trace.get("text") or []) if isinstance(t, str)]
            if values and not any(values) and texts_drawn:
                raise AssertionError(f"{page}: '{chart_title(spec)}' draws only zeros and markers")


def test_the_small_count_note_names_the_threshold_also_when_only_x_shows():
    from dashboard.ui.chart_sections import small_marker
    from kpis.disclosure import markers

    assert small_marker([3, markers.secondary(5)]) == "<5"
    assert small_marker([markers.secondary(10), markers.small(10)]) == "<10"
    assert small_marker([markers.withheld(7)]) == "<7"
    assert small_marker([0, 12]) is None


def test_the_jaarexport_defaults_to_the_last_complete_year(sample_url, monkeypatch):
    from dashboard.export.workbook import last_complete_year

    assert last_complete_year(dt.date(2026, 12, 5)) == 2025
    assert last_complete_year(dt.date(2026, 12, 31)) == 2026
    at = open_page(start_app(sample_url, "korpsleiding", monkeypatch=monkeypatch), "export")
    year = last_complete_year()
    assert at.selectbox(key="export_jaar").value == year
    assert f"Jaar {year}, peildatum 31/12/{year}" in texts(at)
