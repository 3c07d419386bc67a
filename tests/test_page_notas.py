"""The Functioneringsnota's page: figures equal the KPI engine's, the overdue follow-ups are the
engine's, clear messages without data, and counts only for the netwerk view."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from data_access.schema import REGISTER_TABLES
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

CARDS = ["notes_issued", "notes_followup_overdue"]


def test_figures_equal_the_engine_on_the_sample(sample_url, monkeypatch):
    at = page_on(sample_url, "functioneringsnotas", "korpsleiding", monkeypatch)
    report = engine_report(sample_url)
    assert_cards_equal_engine(at, report, CARDS)
    assert bars(chart(at, "Per thema")) == as_numbers(report.kpis["notes_by_theme"])
    # every note of the year has one reason and one status
    assert sum(bars(chart(at, "Per aanleiding")).values()) == report.kpis["notes_issued"]
    # Status in the register's order (open, opgevolgd, afgesloten from the top: plotly lists
    # the bottom bar first), counted here straight from the table.
    status = bars(chart(at, "Stand van de opvolging"))
    assert list(status) == ["afgesloten", "opgevolgd", "open"]
    t = REGISTER_TABLES["functioneringsnotas"]
    engine = sa.create_engine(sample_url)
    try:
        with engine.connect() as conn:
            counted = dict(
                conn.execute(
                    sa.select(t.c.status, sa.func.count())
                    .where(t.c.datum.between(dt.date(report.year, 1, 1), report.as_of))
                    .group_by(t.c.status)
                ).all()
            )
    finally:
        engine.dispose()
    assert status == {s: float(counted.get(s, 0)) for s in status}
    assert sum(status.values()) == report.kpis["notes_issued"]
    per_year = chart(at, "Functioneringsnota's per jaar")["data"][0]
    assert per_year["y"][-1] == report.kpis["notes_issued"]


def test_overdue_follow_ups_are_the_engines(sample_url, monkeypatch):
    from kpis.alerts import KIND_FOLLOWUP

    at = page_on(sample_url, "functioneringsnotas", "korpsleiding", monkeypatch)
    expected = engine_alerts(sample_url, KIND_FOLLOWUP)
    assert len(expected) == engine_report(sample_url).kpis["notes_followup_overdue"]
    if expected:
        assert late_rows(at) == [(a.key, a.due) for a in expected]


def test_netwerk_sees_no_dossier_and_no_small_count(sample_url, monkeypatch):
    at = page_on(sample_url, "functioneringsnotas", "netwerk", monkeypatch)
    assert_cards_equal_engine(at, engine_report(sample_url, netwerk=True), CARDS)
    assert leaked(at, sample_url) == []
    assert small_counts(at) == []


def test_empty_database_gives_a_dutch_message(engine, sqlite_url, monkeypatch):
    at = page_on(sqlite_url, "functioneringsnotas", "integriteitscoordinator", monkeypatch)
    assert "De databank bevat nog geen gegevens" in texts(at)


def test_a_register_without_rows_says_so(engine, sqlite_url, monkeypatch):
    insert_one_complaint(engine, dt.date(2023, 5, 2))  # only Klachten holds a row
    at = page_on(sqlite_url, "functioneringsnotas", "integriteitscoordinator", monkeypatch, jaar=2023)
    assert "Nog geen gegevens voor functioneringsnota's in 2023" in texts(at)
