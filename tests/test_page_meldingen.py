"""The Meldingen page: the figures equal the KPI engine's (worked out by hand on a small fixture),
the open meldingen near or past the legal terms are counted right, the per-year bars equal the
engine's count of every year, empty views say so in Dutch, and the netwerk view shows no melding
number, no free text and no count from 1 to 4."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import sqlalchemy as sa

from dashboard.style.formatting import fmt_value
from dashboard.ui import late_block
from data_access.db import connect
from data_access.schema import REGISTER_TABLES
from kpis.alerts import KIND_ACK, KIND_FEEDBACK
from kpis.catalog import BY_ID
from tests.dashboard_apptest import open_page, start_app, texts
from tests.page_checks import (
    assert_every_year_renders,
    card_values,
    chart_title,
    charts,
    decoded,
    engine_report,
    is_small_count,
    late_rows,
)

THIS_YEAR = dt.date.today().year


def _charts(at) -> dict[str, dict]:
    """Charts by their title."""
    return {chart_title(spec): spec for spec in charts(at)}


def _melding(nummer, received, *, ack=None, feedback=None, anoniem=False, status="onderzoek", uitkomst=None,
             kanaal="intern meldkanaal", categorie="andere"):
    return {"nummer": nummer, "datum_ontvangst": received, "datum_ontvangstbevestiging": ack,
            "datum_terugkoppeling": feedback, "anoniem": anoniem, "status": status, "uitkomst": uitkomst,
            "kanaal": kanaal, "categorie": categorie, "omschrijving": f"Geheime tekst {nummer}"}


D = dt.date(2025, 12, 31)  # the default reference date of 2025


@pytest.fixture
def hand_url(any_engine, any_url):
    """Five meldingen of 2025, read at 31/12/2025 (norms 7 days and 3 months):
    M1 received 28/12, nothing yet      -> ack term 04/01/2026 still running   (ack_open)
    M2 received 01/12, nothing yet      -> ack term 08/12 passed                (ack_late)
    M3 acked 25/09, no feedback         -> feedback term 25/12 passed           (feedback_late)
    M4 acked 10/10, no feedback         -> feedback term 10/01/2026, within 14 days of D (feedback_near)
    M5 acked 03/03, feedback 01/05      -> in time (term 03/06); anonymous; afgesloten, schending vastgesteld
    M1 and M2: feedback terms 04/04/2026 and 08/03/2026, not near. One complaint in 2024 makes
    2024 a year of the filter without meldingen."""
    rows = [
        _melding("M1", dt.date(2025, 12, 28)),
        _melding("M2", dt.date(2025, 12, 1), kanaal="extern"),
        _melding("M3", dt.date(2025, 9, 20), ack=dt.date(2025, 9, 25)),
        _melding("M4", dt.date(2025, 10, 5), ack=dt.date(2025, 10, 10)),
        _melding("M5", dt.date(2025, 3, 1), ack=dt.date(2025, 3, 3), feedback=dt.date(2025, 5, 1), anoniem=True,
                 status="afgesloten", uitkomst="schending vastgesteld"),
    ]
    with any_engine.begin() as conn:
        conn.execute(REGISTER_TABLES["meldingen"].insert(), rows)
        conn.execute(REGISTER_TABLES["klachten"].insert().values(
            dossiernummer="KL-1", datum_ontvangst=dt.date(2024, 5, 1), kanaal="burger", categorie="andere",
            dienst="Onthaal", status="ontvangen"))
    return any_url


def test_figures_worked_out_by_hand_equal_the_engine_and_the_page(hand_url, monkeypatch):
    at = open_page(start_app(hand_url, monkeypatch=monkeypatch), "meldingen")
    at.sidebar.selectbox(key="jaar").select(2025).run()
    assert not at.exception
    kpis = engine_report(hand_url, 2025).kpis
    # By hand: 5 received; anonymous 1/5; acknowledgement pool M2..M5 (M1's term still runs),
    # in time M3, M4, M5 -> 3/4; feedback pool M3 (term passed) and M5 (got feedback), in time
    # M5 -> 1/2; violation among conclusive closed: M5 -> 1/1.
    hand = {"reports_received": 5, "reports_anonymous_rate": 0.2, "reports_ack_in_time_rate": 0.75,
            "reports_feedback_in_time_rate": 0.5, "reports_violation_rate": 1.0}
    cards = card_values(at)
    for kpi_id, value in hand.items():
        assert kpis[kpi_id] == pytest.approx(value)
        kpi = BY_ID[kpi_id]
        assert cards[kpi.label] == fmt_value(value, kpi.unit)
        assert [m.help for m in at.metric if m.label == kpi.label] == [kpi.definition]
    assert cards["Nog te bevestigen, binnen termijn"] == "1"
    # a breached legal term stands out: the legal colour (and, like every term card, the icon)
    assert cards[":red[Ontvangstbevestiging te laat]"] == "1"
    assert cards["Terugkoppeling binnen 14 dagen"] == "1"
    assert cards[":red[Terugkoppeling te laat]"] == "1"
    assert {m.proto.icon for m in at.metric if "termijn" in m.label or "Terugkoppeling" in m.label} >= {":material/gavel:"}

    charts = _charts(at)
    kanaal = next(spec for title, spec in charts.items() if "per kanaal" in title)["data"][0]
    assert dict(zip(kanaal["y"], decoded(kanaal["x"]))) == {
        "intern meldkanaal": 4, "extern": 1, "vertrouwenspersoon": 0, "leidinggevende": 0}
    per_year = next(spec for title, spec in charts.items() if title.startswith("Meldingen per jaar"))
    stacks = {t["name"]: dict(zip(t["x"], decoded(t["y"]))) for t in per_year["data"]}
    assert stacks["anoniem"]["2025"] == 1 and stacks["niet anoniem"]["2025"] == 4
    # The roles that may see rows get the meldingen behind the term counts.
    assert {key for key, _ in late_rows(at)} == {"M1", "M2", "M3", "M4"}


def test_a_long_late_list_shows_its_first_rows_and_the_rest_when_asked(hand_url, monkeypatch):
    monkeypatch.setattr(late_block, "PAGE_ROWS", 2)
    at = open_page(start_app(hand_url, monkeypatch=monkeypatch), "meldingen")
    at.sidebar.selectbox(key="jaar").select(2025).run()
    first = [key for key, _ in late_rows(at)]
    assert len(first) == 2
    (box,) = [e for e in at.expander if e.label.startswith("De andere ")]
    assert box.label == "De andere 2 tonen"
    at.session_state[f"{late_block.ALL_KEY}_{'_'.join(sorted([KIND_ACK, KIND_FEEDBACK]))}"] = True  # as pages/meldingen.py
    at.run()
    shown = [key for key, _ in late_rows(at)]
    assert shown[:2] == first and sorted(shown) == ["M1", "M2", "M3", "M4"]


def test_sample_figures_equal_the_engine_for_every_year(sample_url, monkeypatch):
    at = open_page(start_app(sample_url, monkeypatch=monkeypatch), "meldingen")
    report = engine_report(sample_url)
    cards = card_values(at)
    for kpi_id in ("reports_received", "reports_anonymous_rate", "reports_violation_rate",
                   "reports_ack_in_time_rate", "reports_feedback_in_time_rate"):
        assert cards[BY_ID[kpi_id].label] == fmt_value(report.kpis[kpi_id], BY_ID[kpi_id].unit)
    charts = _charts(at)
    per_year = next(spec for title, spec in charts.items() if title.startswith("Meldingen per jaar"))
    totals: dict[str, float] = {}
    for trace in per_year["data"]:
        for x, y in zip(trace["x"], decoded(trace["y"])):
            totals[x] = totals.get(x, 0) + y
    for label, total in totals.items():
        year = int(label[:4])
        expected = report if year == THIS_YEAR else engine_report(sample_url, year)
        assert total == expected.kpis["reports_received"], label
    category = next(spec for title, spec in charts.items() if "per categorie" in title)["data"][0]
    assert dict(zip(category["y"], decoded(category["x"]))) == report.kpis["reports_by_category"]

    # Meldingen are zone-wide: a dienst filter leaves them as they are, and the page says so.
    dienst = at.sidebar.selectbox(key="dienst").options[1]
    at.sidebar.selectbox(key="dienst").select(dienst).run()
    assert not at.exception
    assert "meldingen gelden voor de hele zone" in texts(at)
    assert card_values(at)[BY_ID["reports_received"].label] == fmt_value(report.kpis["reports_received"], "count")


def test_a_year_without_meldingen_and_an_empty_database(hand_url, monkeypatch):
    at = open_page(start_app(hand_url, monkeypatch=monkeypatch), "meldingen")
    at.sidebar.selectbox(key="jaar").select(2024).run()
    assert not at.exception
    assert "Nog geen gegevens voor meldingen ontvangen in 2024." in texts(at)


def test_an_empty_database_says_so(engine, sqlite_url, monkeypatch):
    at = open_page(start_app(sqlite_url, monkeypatch=monkeypatch), "meldingen")
    assert "De databank bevat nog geen gegevens" in texts(at)
    assert not at.get("plotly_chart")


def _everything(at) -> tuple[str, list]:
    """All text on the page and every figure: card values, chart labels and values, cells."""
    text = texts(at)
    figures = [m.value for m in at.metric]
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        text += json.dumps(spec, ensure_ascii=False)
        for trace in spec["data"]:
            labels = trace.get("text") or []
            figures += [t for t in labels if isinstance(t, str)]
            if any(isinstance(t, str) and re.fullmatch(r"<\d+|x|\d+", t) for t in labels):
                figures += decoded(trace.get("x" if trace.get("orientation") == "h" else "y", []))
    for frame in at.dataframe:
        text += frame.value.to_csv()
        figures += frame.value.to_numpy().ravel().tolist()
    return text, figures


@pytest.mark.parametrize("role", ["netwerk", "korpsleiding"])
def test_netwerk_sees_no_melding_number_free_text_or_small_count(sample_url, monkeypatch, role):
    at = open_page(start_app(sample_url, role, monkeypatch=monkeypatch), "meldingen")
    engine = connect(sample_url)
    with engine.connect() as conn:
        t = REGISTER_TABLES["meldingen"]
        secrets = {v for row in conn.execute(sa.select(t.c.nummer, t.c.omschrijving)) for v in row if v}
    engine.dispose()
    text, figures = _everything(at)
    small = [v for v in figures if is_small_count(v)]
    if role == "netwerk":
        assert not [s for s in secrets if s in text]
        assert not small, small
        assert "verborgen" in text  # the sample's few meldingen a year hide the shares
        # The anonymous split per year as the day's netwerk release shows it ("<5", "x" or a count).
        # With every value of it hidden, the chart is one sentence instead (chart_sections.show).
        per_year = [spec for title, spec in _charts(at).items() if title.startswith("Meldingen per jaar,")]
        if per_year:
            assert [t["name"] for t in per_year[0]["data"]] == ["niet anoniem", "anoniem"]
        else:
            assert "Meldingen per jaar, anoniem en niet anoniem**: geen grafiek" in " ".join(i.value for i in at.info)
    else:  # the positive control: the same page for the korpsleiding does show small counts
        assert small


@pytest.mark.parametrize("role", ["integriteitscoordinator", "netwerk"])
def test_every_year_of_the_sample_renders(sample_url, monkeypatch, role):
    assert_every_year_renders(open_page(start_app(sample_url, role, monkeypatch=monkeypatch), "meldingen"))
