"""The Klachten page: figures equal the KPI engine's on the sample data, clear messages on an
empty database and a year without data, and nothing dossier-level or small for the netwerk view."""

from __future__ import annotations

import datetime as dt

from dashboard.style.formatting import fmt_date
from tests.dashboard_apptest import texts
from tests.page_checks import (
    as_numbers,
    assert_cards_equal_engine,
    bars,
    chart,
    engine_report,
    insert_one_complaint,
    leaked,
    page_on,
    small_counts,
)

CARDS = [
    "complaints_received",
    "complaints_closed",
    "complaints_open",
    "complaints_overdue",
    "complaints_median_lead_days",
    "complaints_within_norm_rate",
    "complaints_founded_rate",
    "complaints_per_100_fte",
]


def test_figures_equal_the_engine_on_the_sample(sample_url, monkeypatch):
    at = page_on(sample_url, "klachten", "korpsleiding", monkeypatch)
    report = engine_report(sample_url)
    assert_cards_equal_engine(at, report, CARDS)
    year = report.year
    # The three splits are the engine's splits, bar for bar.
    assert bars(chart(at, f"Ontvangen in {year}: per categorie")) == as_numbers(report.kpis["complaints_by_category"])
    assert bars(chart(at, f"Ontvangen in {year}: per kanaal")) == as_numbers(report.kpis["complaints_by_channel"])
    assert bars(chart(at, f"Afgesloten in {year}: per beoordeling")) == as_numbers(report.kpis["complaints_by_outcome"])
    # The lead-time bins hold every complaint closed in the year; the bins up to 90 days are
    # the within-norm share of them (rate x closed = count within the norm).
    lead = [v for v in bars(chart(at, f"Doorlooptijd afgesloten klachten {year}")).values()]
    assert sum(lead) == report.kpis["complaints_closed"]
    assert sum(lead[:3]) == round(report.kpis["complaints_within_norm_rate"] * report.kpis["complaints_closed"])
    # Open complaints by age: all open ones; those past 90 days are the overdue ones.
    ages = list(bars(chart(at, f"Open op {fmt_date(report.as_of)}")).values())
    assert sum(ages) == report.kpis["complaints_open"] and sum(ages[3:]) == report.kpis["complaints_overdue"]
    # The monthly trend: this year's months add up to the complaints received.
    trend = chart(at, "Klachten ontvangen per maand")
    current = next(t for t in trend["data"] if t["name"] == "Per maand")
    values = list(current["y"])
    # a month still running is drawn apart, dotted and labelled 'tot dd/mm', not as a drop
    running = [t for t in trend["data"] if t["name"].startswith("Per maand (tot ")]
    if running:
        assert values[-1] is None and running[0]["text"][-1].startswith("tot ")
        values[-1] = running[0]["y"][-1]
    this_year = [y for x, y in zip(current["x"], values) if str(x).startswith(str(year))]
    assert sum(this_year) == report.kpis["complaints_received"]
    # Per 100 VTE this year = the card's value.
    vte = chart(at, "Klachten per 100 VTE")["data"][0]
    assert vte["y"][-1] == report.kpis["complaints_per_100_fte"]
    # The heatmap holds every complaint received, split by category as the engine does.
    heat = chart(at, "Ontvangen klachten per categorie en dienst")["data"][0]
    assert {c: sum(row) for c, row in zip(heat["y"], heat["z"])} == as_numbers(report.kpis["complaints_by_category"])


def test_netwerk_sees_no_dossier_and_no_small_count(sample_url, monkeypatch):
    at = page_on(sample_url, "klachten", "netwerk", monkeypatch)
    report = engine_report(sample_url, netwerk=True)
    assert_cards_equal_engine(at, report, CARDS)
    assert leaked(at, sample_url) == []
    assert small_counts(at) == []
    assert "Individuele dossiers zijn niet zichtbaar" in texts(at)


def test_korpsleiding_sees_small_counts_the_netwerk_view_hides(sample_url, monkeypatch):
    # The check above can fail: for the korpsleiding the same page does show counts 1 to 4.
    at = page_on(sample_url, "klachten", "korpsleiding", monkeypatch)
    assert small_counts(at)


def test_empty_database_gives_a_dutch_message(engine, sqlite_url, monkeypatch):
    at = page_on(sqlite_url, "klachten", "integriteitscoordinator", monkeypatch)
    assert "De databank bevat nog geen gegevens" in texts(at)
    assert not at.get("plotly_chart")


def test_a_year_without_complaints_says_so(engine, sqlite_url, monkeypatch):
    insert_one_complaint(engine, dt.date(2023, 5, 2))
    # 2024 at 31/12/2024: the 2023 complaint is still open then, so the page has figures
    at = page_on(sqlite_url, "klachten", "integriteitscoordinator", monkeypatch, jaar=2024)
    assert "Openstaande klachten: 1" in texts(at)
    # The trend starts with the registers (January 2023), not with 36 months of made-up zeros,
    # and there is no "previous year" for 2023: it would be before the first row.
    trend = chart(at, "Klachten ontvangen per maand")["data"]
    current = next(t for t in trend if t["name"] == "Per maand")
    previous = next(t for t in trend if t["name"] == "Zelfde maand een jaar eerder")
    assert current["x"][0] == "2023-01-01" and sum(current["y"]) == 1
    assert previous["y"][:12] == [None] * 12 and previous["y"][12:16] == [0, 0, 0, 0]
    # before it came in nothing was received, closed or open: the empty message, no exception
    at = page_on(sqlite_url, "klachten", "integriteitscoordinator", monkeypatch, jaar=2023, peildatum=dt.date(2023, 3, 1))
    assert "Nog geen gegevens voor klachten in 2023" in texts(at)
