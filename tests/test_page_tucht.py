"""The Tucht- en gerechtelijke dossiers page: figures equal the KPI engine's, the dossiers near
the six-month term with the day it ends, clear messages without data, counts only for netwerk."""

from __future__ import annotations

import datetime as dt

from tests.dashboard_apptest import texts
from tests.page_checks import (
    as_numbers,
    assert_cards_equal_engine,
    bars,
    chart,
    engine_alerts,
    engine_report,
    insert_one_complaint,
    late_rows,
    leaked,
    page_on,
    small_counts,
)

CARDS = [
    "discipline_opened",
    "judicial_opened",
    "order_measures",
    "discipline_decided",
    "sanctions_light",
    "sanctions_heavy",
    "discipline_median_lead_days",
    "discipline_limit_at_risk",
]


def test_figures_equal_the_engine_on_the_sample(sample_url, monkeypatch):
    at = page_on(sample_url, "tuchtdossiers", "korpsleiding", monkeypatch)
    report = engine_report(sample_url)
    year = report.year
    assert_cards_equal_engine(at, report, CARDS)
    sanctions = bars(chart(at, f"Tuchtbeslissingen {year}: per sanctie"))
    assert sanctions == as_numbers(report.kpis["sanctions_by_type"])
    assert list(sanctions)[::-1][:3] == ["geen", "waarschuwing", "blaam"]  # light to heavy, top down
    assert bars(chart(at, f"Geopend in {year}: per categorie")) == as_numbers(report.kpis["discipline_by_category"])
    opened = chart(at, "Geopend per jaar, per soort")["data"]
    assert opened[0]["y"][-1] == report.kpis["discipline_opened"] and opened[1]["y"][-1] == report.kpis["judicial_opened"]
    measures = chart(at, "Ordemaatregelen en straffen per jaar")["data"]
    assert [t["y"][-1] for t in measures] == [report.kpis[k] for k in ("order_measures", "sanctions_light", "sanctions_heavy")]


def test_dossiers_near_the_term_with_the_day_it_ends(sample_url, monkeypatch):
    from kpis.alerts import KIND_TERM

    at = page_on(sample_url, "tuchtdossiers", "korpsleiding", monkeypatch)
    expected = engine_alerts(sample_url, KIND_TERM)
    assert len(expected) == engine_report(sample_url).kpis["discipline_limit_at_risk"]
    if expected:
        assert late_rows(at) == [(a.key, a.due) for a in expected]
    else:
        assert "Geen tuchtdossier nadert zijn termijn" in texts(at)


def test_netwerk_sees_no_dossier_and_no_small_count(sample_url, monkeypatch):
    at = page_on(sample_url, "tuchtdossiers", "netwerk", monkeypatch)
    assert_cards_equal_engine(at, engine_report(sample_url, netwerk=True), CARDS)
    assert leaked(at, sample_url) == []
    assert small_counts(at) == []
    assert not at.get("page_link")


def test_empty_database_gives_a_dutch_message(engine, sqlite_url, monkeypatch):
    at = page_on(sqlite_url, "tuchtdossiers", "integriteitscoordinator", monkeypatch)
    assert "De databank bevat nog geen gegevens" in texts(at)


def test_a_register_without_rows_says_so(engine, sqlite_url, monkeypatch):
    insert_one_complaint(engine, dt.date(2023, 5, 2))  # only Klachten holds a row
    at = page_on(sqlite_url, "tuchtdossiers", "integriteitscoordinator", monkeypatch, jaar=2023)
    assert "Nog geen gegevens voor tucht- en gerechtelijke dossiers in 2023" in texts(at)
