"""External references (register Referenties): read per KPI on the KPI's own scale, and shown
beside the KPI's card with source, year and population, as a comparison, never as a norm."""

from __future__ import annotations

import pytest

from data_access.importer import import_workbook
from kpis.references import load
from tests.dashboard_apptest import open_page, start_app, texts
from tests.workbooks import one_sheet

NAVEX = "NAVEX Risk & Compliance Hotline Benchmark Report 2025"


def test_a_new_database_has_the_navex_references_on_the_kpi_scale(any_engine):
    with any_engine.connect() as conn:
        refs = load(conn)
    per_fte = [(r.waarde, r.populatie[:6]) for r in refs["reports_per_100_fte"]]
    assert sorted(per_fte) == [(0.67, "Europa"), (1.57, "wereld")]
    (violation,) = refs["reports_violation_rate"]
    assert (violation.waarde, violation.on_kpi_scale, violation.jaar, violation.bron) == (46.0, pytest.approx(0.46), 2024, NAVEX)


def test_a_reference_is_edited_by_import_like_any_row(any_engine):
    row = dict(indicator="Reports violation rate", jaar=2024, waarde="48%", bron=NAVEX,
               populatie="wereldwijd, mediaan van organisaties met minstens 10 meldingen")
    report = import_workbook(any_engine, one_sheet("referenties", [row]), file_name="ref.xlsx", user="t")
    assert report.ok, report.errors
    assert report.counts["referenties"] == {"added": 0, "updated": 1, "unchanged": 0}
    with any_engine.connect() as conn:
        (violation,) = load(conn)["reports_violation_rate"]
    assert violation.waarde == 48.0


def test_the_meldingen_page_shows_the_references_beside_the_cards(sample_url, monkeypatch):
    at = open_page(start_app(sample_url, "netwerk", monkeypatch=monkeypatch), "meldingen")
    shown = texts(at)
    assert f"Ter vergelijking (geen norm): 0,67 · Europa, mediaan van organisaties met minstens 10 meldingen · {NAVEX}, cijfers 2024" in shown
    assert "Ter vergelijking (geen norm): 1,57 · wereldwijd" in shown
    assert "Ter vergelijking (geen norm): 46\xa0% · wereldwijd" in shown  # fmt_rate: a no-break space before %
    assert "Meldingen per 100 VTE" in [m.label for m in at.metric]
    assert "gehaald" not in shown.split("Ter vergelijking")[1][:200]  # no pass or fail beside a reference
