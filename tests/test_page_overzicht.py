"""The Overzicht page (monthly review): cards equal the KPI engine's, the alerts list is the
engine's most urgent first, the criteria summary, clear messages without data, and the netwerk
view shows counts only."""

from __future__ import annotations

import datetime as dt

from dashboard.style.formatting import MONTHS, fmt_int
from tests.dashboard_apptest import texts
from tests.page_checks import (
    assert_cards_equal_engine,
    card_values,
    engine_alerts,
    engine_report,
    insert_one_complaint,
    leaked,
    page_on,
    small_counts,
    table_with,
)

YEAR_CARDS = [
    "complaints_received",
    "complaints_open",
    "complaints_overdue",
    "complaints_within_norm_rate",
    "notes_issued",
    "notes_followup_overdue",
    "discipline_opened",
    "discipline_limit_at_risk",
    "reports_received",
    "reports_ack_in_time_rate",
    "actions_done_rate",
    "actions_overdue",
]
CRITERIA_CARDS = ["criteria_met", "criteria_not_met", "criteria_no_data"]


def test_cards_and_criteria_equal_the_engine(sample_url, monkeypatch):
    at = page_on(sample_url, "overzicht", "korpsleiding", monkeypatch)
    report = engine_report(sample_url)
    assert_cards_equal_engine(at, report, YEAR_CARDS + CRITERIA_CARDS)
    # The delta is against last year up to the same day, as the engine gives it.
    before = engine_report(sample_url, report.year - 1, report.as_of.replace(year=report.year - 1))
    delta = next(m.delta for m in at.metric if m.label == "Klachten ontvangen")
    change = report.kpis["complaints_received"] - before.kpis["complaints_received"]
    assert delta == ("0" if change == 0 else f"{'+' if change > 0 else '-'}{fmt_int(abs(change))}")


def test_this_month_is_the_engine_year_to_date_minus_last_months(sample_url, monkeypatch):
    at = page_on(sample_url, "overzicht", "korpsleiding", monkeypatch)
    today = dt.date.today()
    now = engine_report(sample_url).kpis["complaints_received"]
    # Received this month = received in the year up to today - received up to the end of last
    # month (nothing before 1 January in January).
    earlier = 0
    if today.month > 1:
        earlier = engine_report(sample_url, today.year, today.replace(day=1) - dt.timedelta(days=1)).kpis["complaints_received"]
    assert card_values(at)[f"Klachten ontvangen in {MONTHS[today.month - 1]}"] == fmt_int(now - earlier)


def test_alerts_are_the_engines_most_urgent_first(sample_url, monkeypatch):
    at = page_on(sample_url, "overzicht", "korpsleiding", monkeypatch)
    expected = engine_alerts(sample_url)
    assert expected, "the sample has late items"
    table = table_with(at, "Toestand")
    assert list(table["Nummer"]) == [a.key for a in expected[:15]]
    late = [a.days_late for a in expected[:15]]
    assert late == sorted(late, reverse=True)
    first = expected[0]
    assert first.days_late > 1  # the sample's oldest late item
    assert table["Toestand"].iloc[0] == f"{first.days_late} dagen te laat"
    assert list(table["Termijn"]) == [a.due for a in expected[:15]]
    assert "Vraagt aandacht" in texts(at)


def test_netwerk_sees_counts_only(sample_url, monkeypatch):
    at = page_on(sample_url, "overzicht", "netwerk", monkeypatch)
    report = engine_report(sample_url, netwerk=True)
    assert_cards_equal_engine(at, report, YEAR_CARDS + CRITERIA_CARDS)
    assert leaked(at, sample_url) == []
    assert small_counts(at) == []
    # what is late is for the korpsleiding's review, not in the netwerk view: a sentence says so
    from kpis.disclosure.release import LATE_REASON

    assert LATE_REASON in texts(at)
    assert not [df for df in at.dataframe if "Nummer" in df.value.columns]


def test_korpsleiding_does_see_the_dossiers(sample_url, monkeypatch):
    # The netwerk check above can fail: the same page names dossiers for the korpsleiding.
    at = page_on(sample_url, "overzicht", "korpsleiding", monkeypatch)
    assert leaked(at, sample_url)


def test_empty_database_gives_a_dutch_message(engine, sqlite_url, monkeypatch):
    at = page_on(sqlite_url, "overzicht", "integriteitscoordinator", monkeypatch)
    assert "De databank bevat nog geen gegevens" in texts(at)


def test_a_year_without_data_says_so(engine, sqlite_url, monkeypatch):
    insert_one_complaint(engine, dt.date(2023, 5, 2))
    at = page_on(sqlite_url, "overzicht", "integriteitscoordinator", monkeypatch, jaar=2023, peildatum=dt.date(2023, 3, 1))
    shown = texts(at)
    assert "Nog geen gegevens voor 2023" in shown
    assert "Niets vraagt aandacht op 01/03/2023" in shown
    assert "Nog geen gegevens voor evaluatiecriteria voor 2023" in shown
