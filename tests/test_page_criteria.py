"""The Evaluatiecriteria page: statuses, values and norms equal the KPI engine's, the history of
the underlying figure equals the engine's value of every year, the engine's problem texts show,
empty views say so in Dutch, and the netwerk view shows the suppressed report."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dashboard.style.formatting import fmt_date, fmt_decimal, fmt_percent, fmt_value
from data_access.db import connect
from data_access.schema import REGISTER_TABLES
from kpis.catalog import BY_ID
from tests.dashboard_apptest import open_page, start_app, texts
from tests.page_checks import (
    assert_every_year_renders,
    decoded,
    engine_report,
)

THIS_YEAR = dt.date.today().year


def _expected_value(criterion) -> str:
    """The engine's value formatted with dashboard.style.formatting by the KPI's unit; an Indicatoren
    value as a number (a percentage when its name ends in '(%)')."""
    kpi = BY_ID.get(criterion.indicator)
    if kpi is not None:
        return fmt_value(criterion.value, kpi.unit)
    if criterion.indicator.endswith("(%)"):
        return fmt_percent(criterion.value)
    return fmt_decimal(criterion.value)


def _overview(at):
    return at.dataframe[0].value


def _bars(at) -> tuple[list[str], list[float]]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    bar = next(t for t in spec["data"] if t["type"] == "bar")
    return [str(x) for x in bar["x"]], decoded(bar["y"])


def test_statuses_values_norms_and_counts_equal_the_engine(sample_url, monkeypatch):
    at = open_page(start_app(sample_url, monkeypatch=monkeypatch), "evaluatiecriteria")
    report = engine_report(sample_url)
    assert report.criteria, "the sample holds criteria for this year"
    table = _overview(at)
    assert list(table["Criterium"]) == [c.id for c in report.criteria]
    assert list(table["Status"]) == [c.status for c in report.criteria]
    assert list(table["Waarde"]) == [_expected_value(c) for c in report.criteria]
    # A rate's norm is shown as the percentage the register holds (0.9 -> '90 %').
    first = report.criteria[0]
    assert table["Norm"].iloc[0].startswith(first.richting + " ")
    assert list(table["Gevalideerd op"]) == [
        fmt_date(c.validated_on) if c.validated_on else "ontwerp" for c in report.criteria
    ]
    cards = {m.label: m.value for m in at.metric}
    for kpi_id in ("criteria_met", "criteria_not_met", "criteria_no_data"):
        assert cards[BY_ID[kpi_id].label] == str(report.kpis[kpi_id])
        assert [m.help for m in at.metric if m.label == BY_ID[kpi_id].label] == [BY_ID[kpi_id].definition]


def test_history_of_a_kpi_criterion_is_the_engine_value_of_every_year(sample_url, monkeypatch):
    at = open_page(start_app(sample_url, monkeypatch=monkeypatch), "evaluatiecriteria")
    criterion = next(c for c in engine_report(sample_url).criteria if c.indicator == "complaints_within_norm_rate")
    at.selectbox(key="evaluatiecriterium").select(criterion.id).run()
    assert not at.exception
    years, values = _bars(at)
    assert years[-1] == str(THIS_YEAR) and len(years) >= 2
    # Each bar: the engine's rate of that year (at its default reference date), on the % scale.
    expected = [engine_report(sample_url, int(y)).kpis["complaints_within_norm_rate"] * 100 for y in years]
    assert values == pytest.approx(expected)
    metric = next(m for m in at.metric if m.label == f"Waarde {THIS_YEAR}")
    assert metric.value == fmt_value(criterion.value, "rate")
    assert metric.help == BY_ID["complaints_within_norm_rate"].definition


def test_history_of_an_indicator_criterion_is_its_yearly_measurement(sample_url, monkeypatch):
    at = open_page(start_app(sample_url, monkeypatch=monkeypatch), "evaluatiecriteria")
    name = "logging-controles reden raadpleging"
    criterion = next(c for c in engine_report(sample_url).criteria if c.indicator == name)
    at.selectbox(key="evaluatiecriterium").select(criterion.id).run()
    years, values = _bars(at)
    engine = connect(sample_url)
    with engine.connect() as conn:
        t = REGISTER_TABLES["indicatoren"]
        measured = dict(conn.execute(t.select().with_only_columns(t.c.periode, t.c.waarde).where(t.c.indicator == name)).all())
    engine.dispose()
    assert values == pytest.approx([measured.get(y, 0.0) for y in years])
    assert values[-1] == criterion.value


@pytest.fixture
def problem_url(any_engine, any_url):
    """Criteria for 2025 on an unknown indicator, an indicator without a 2025 measurement, a split
    KPI and a measured indicator (draft); nothing for any other year. One melding in 2025."""
    crit = REGISTER_TABLES["evaluatiecriteria"]
    ind = REGISTER_TABLES["indicatoren"]
    with any_engine.begin() as conn:
        # The year filter offers the years of the dated registers: one melding makes 2025 one.
        conn.execute(REGISTER_TABLES["meldingen"].insert().values(
            nummer="ME-1", datum_ontvangst=dt.date(2025, 3, 1), kanaal="extern", anoniem=False,
            categorie="andere", status="onderzoek",
        ))
        conn.execute(ind.insert(), [
            {"indicator": "controles tankkaarten", "periode": "2024", "waarde": 20.0},
            {"indicator": "deelnemers dilemmatraining", "periode": "2025", "waarde": 44.0},
        ])
        conn.execute(crit.insert(), [
            {"criterium_id": "EC-1", "omschrijving": "Onbekend", "indicator": "bestaat niet", "norm": 1.0,
             "richting": "minstens", "jaar": 2025, "gevalideerd_op": dt.date(2025, 2, 1)},
            {"criterium_id": "EC-2", "omschrijving": "Geen meting", "indicator": "controles tankkaarten", "norm": 24.0,
             "richting": "minstens", "jaar": 2025, "gevalideerd_op": dt.date(2025, 2, 1)},
            {"criterium_id": "EC-3", "omschrijving": "Verdeling", "indicator": "complaints_by_category", "norm": 3.0,
             "richting": "hoogstens", "jaar": 2025, "gevalideerd_op": dt.date(2025, 2, 1)},
            {"criterium_id": "EC-4", "omschrijving": "Training", "indicator": "deelnemers dilemmatraining", "norm": 40.0,
             "richting": "minstens", "jaar": 2025, "gevalideerd_op": None},
        ])
    return any_url


def test_problem_texts_drafts_and_a_year_without_criteria(problem_url, monkeypatch):
    at = open_page(start_app(problem_url, monkeypatch=monkeypatch), "evaluatiecriteria")
    at.sidebar.selectbox(key="jaar").select(2025).run()
    assert not at.exception
    report = engine_report(problem_url, 2025)
    table = _overview(at)
    assert list(table["Status"]) == ["geen gegevens", "geen gegevens", "geen gegevens", "gehaald"]
    assert list(table["Toelichting"]) == [c.problem or "" for c in report.criteria]
    assert "Onbekende indicator 'bestaat niet'" in table["Toelichting"].iloc[0]
    assert "Geen meting voor indicator 'controles tankkaarten' in periode 2025" in table["Toelichting"].iloc[1]
    assert "is een verdeling" in table["Toelichting"].iloc[2]
    assert list(table["Gevalideerd op"]) == ["01/02/2025"] * 3 + ["ontwerp"]
    assert list(table["Waarde"]) == ["geen gegevens"] * 3 + ["44"]
    assert list(table["Norm"])[3] == "minstens 40"
    assert "1 nog niet gevalideerd" in texts(at)
    # The chosen criterion's problem is said next to its value.
    assert "Onbekende indicator 'bestaat niet'" in "\n".join(w.value for w in at.warning)
    # A split KPI has no single figure: no history chart, the reason instead.
    at.selectbox(key="evaluatiecriterium").select("EC-3").run()
    assert not at.exception
    assert "is een verdeling" in "\n".join(w.value for w in at.warning)
    assert not at.get("plotly_chart")
    at.selectbox(key="evaluatiecriterium").select("EC-4").run()
    assert not at.exception and at.get("plotly_chart")  # the measured indicator has its history

    at.sidebar.selectbox(key="jaar").select(THIS_YEAR).run()
    assert not at.exception
    assert f"Nog geen gegevens voor evaluatiecriteria in {THIS_YEAR}." in texts(at)
    assert not at.dataframe


def test_empty_database_gives_the_dutch_empty_message(engine, sqlite_url, monkeypatch):
    at = open_page(start_app(sqlite_url, monkeypatch=monkeypatch), "evaluatiecriteria")
    assert f"Nog geen gegevens voor evaluatiecriteria in {THIS_YEAR}." in texts(at)
    assert not at.get("plotly_chart")


def test_netwerk_sees_the_suppressed_report_and_no_small_count(sample_url, monkeypatch):
    at = open_page(start_app(sample_url, "netwerk", monkeypatch=monkeypatch), "evaluatiecriteria")
    report = engine_report(sample_url, netwerk=True)
    table = _overview(at)
    assert list(table["Status"]) == [c.status for c in report.criteria]
    hidden = set(report.extra["suppression"]["reasons"])
    for shown, criterion in zip(table["Waarde"], report.criteria):
        if criterion.value is None and criterion.indicator in hidden:
            assert shown == "verborgen"
        else:
            assert shown == _expected_value(criterion)
    # A count KPI with a small value is hidden (the sample has late follow-ups and near terms).
    for kpi_id in ("notes_followup_overdue", "discipline_limit_at_risk"):
        value = engine_report(sample_url).kpis[kpi_id]
        if 1 <= value < 5:
            row = next(i for i, c in enumerate(report.criteria) if c.indicator == kpi_id)
            assert table["Waarde"].iloc[row] == "verborgen"
    assert not {str(n) for n in range(1, 5)} & set(table["Waarde"])
    # The history of the first criterion (a rate, hidden this year): the hidden years keep their
    # place on the axis and say 'verborgen' at the baseline. On a category axis plotly reads a
    # year-like x as an index, so the labels sit at the years' indexes.
    years, values = _bars(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    notes = {a["x"]: a["text"] for a in spec["layout"].get("annotations", [])}
    assert notes and all(isinstance(x, int) and 0 <= x < len(years) for x in notes)
    assert all(values[x] == 0 and text == "verborgen" for x, text in notes.items())


@pytest.mark.parametrize("role", ["integriteitscoordinator", "netwerk"])
def test_every_year_of_the_sample_renders(sample_url, monkeypatch, role):
    assert_every_year_renders(open_page(start_app(sample_url, role, monkeypatch=monkeypatch), "evaluatiecriteria"))
