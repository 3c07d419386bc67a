"""The yearly evaluation workbook (dashboard.export.workbook), opened with openpyxl.

Fixture: the zone sample (sample_data.generate.build_sample at 01/03/2026, pseudonyms
"Medewerker 0123") written straight into a SQLite file, plus test rows with a real-looking name,
free text and register texts that start with "=". The full and the anonymised workbook for
2025 are built once per module; a few tests build more (other dates, roles, the CLI).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from dashboard.export import sheets
from dashboard.export.workbook import build_workbook, export_file_name
from data_access import audit, xlsx_charts as xc
from data_access.access import Access, AccessDenied
from data_access.db import connect
from data_access.registers import BY_NAME
from data_access.schema import REGISTER_TABLES
from kpis.catalog import BY_ID, KPIS
from kpis.engine import compute_report

ROOT = Path(__file__).resolve().parent.parent
CASE_SHEET_REGISTERS = ("klachten", "functioneringsnotas", "tuchtdossiers", "meldingen")
YEAR = 2025
D = dt.date(2025, 12, 31)
MID = dt.date(2025, 6, 30)
KORPS = Access("commissaris.test", "korpsleiding")
NETWERK = Access("netwerk.test", "netwerk")

TEST_NAME = "Jan Testpersoon-Vermeulen"
TEST_FREE_TEXT = "Vrije tekst GEHEIM-OMSCHRIJVING-42 over een collega"
TEST_REMARK = "Opmerking GEHEIM-OPMERKING-7"
EVIL_DIENST = '=HYPERLINK("http://evil.example/d","dienst")'
EVIL_ACTION = '=HYPERLINK("http://evil.example/a","actie")'
CASE_SHEETS = [sheets.register_sheet_name(r) for r in ("klachten", "functioneringsnotas", "tuchtdossiers", "meldingen")]


def _extra_rows() -> dict[str, list[dict]]:
    d = dt.date
    return {
        "klachten": [
            dict(dossiernummer="KL-TEST-0001", datum_ontvangst=d(2025, 5, 5), kanaal="burger", categorie="privacy",
                 dienst=EVIL_DIENST, status="in behandeling", medewerker=TEST_NAME, omschrijving=TEST_FREE_TEXT),
        ],
        "meldingen": [
            dict(nummer="ME-TEST-001", datum_ontvangst=d(2025, 4, 2), kanaal="extern", anoniem=False,
                 categorie="andere", status="onderzoek", omschrijving=TEST_FREE_TEXT + " (melding)"),
        ],
        "actieplan": [
            dict(actie_id="A-TEST-01", strategische_doelstelling="Monitoren", operationele_doelstelling="3.1.3.1 test",
                 actie=EVIL_ACTION, trekker="integriteitscoördinator", startdatum=d(2025, 1, 15),
                 deadline=d(2025, 6, 30), status="lopend", voortgang=40.0, opmerking=TEST_REMARK),
        ],
    }


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory) -> str:
    from sample_data.generate import build_sample

    url = f"sqlite:///{tmp_path_factory.mktemp('export') / 'zone.sqlite'}"
    engine = connect(url)
    rows = build_sample(dt.date(2026, 3, 1))
    with engine.begin() as conn:
        for name, register_rows in rows.items():
            extra = [{c: row.get(c) for c in BY_NAME[name].column_names} for row in _extra_rows().get(name, [])]
            if register_rows + extra:
                conn.execute(REGISTER_TABLES[name].insert(), register_rows + extra)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def sample_engine(sample_url):
    engine = connect(sample_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def full(sample_engine) -> openpyxl.Workbook:
    return _open(build_workbook(sample_engine, KORPS, YEAR, D, anonymised=False, zone="PZ Test"))


@pytest.fixture(scope="module")
def anonymised(sample_engine) -> openpyxl.Workbook:
    return _open(build_workbook(sample_engine, NETWERK, YEAR, D, anonymised=True, zone="PZ Test"))


def _visible(wb) -> list[str]:
    return [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _texts(wb: openpyxl.Workbook) -> list[str]:
    """Every cell of every sheet as text (hidden columns included)."""
    return [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def _summary_rows(wb) -> dict[str, tuple]:
    """Samenvatting: indicator label -> (value Y, value Y - 1, verschil, toelichting)."""
    ws = wb[sheets.SHEET_SUMMARY]
    table = ws.tables["Samenvatting"]
    first, last = (int(part[1:]) for part in table.ref.split(":"))
    header = [c.value for c in ws[first]]
    assert header == ["Register", "Indicator", str(YEAR), str(YEAR - 1), "Verschil", "Toelichting"]
    return {ws.cell(row=r, column=2).value: tuple(ws.cell(row=r, column=c).value for c in range(3, 7)) for r in range(first + 1, last + 1)}


def _expected_cell(value):
    return "geen gegevens" if value is None else value


# --- structure ------------------------------------------------------------------------------------


def test_both_versions_have_every_sheet_tables_and_charts(full, anonymised):
    for wb in (full, anonymised):
        assert _visible(wb) == sheets.sheet_names()
        for name in wb.sheetnames:  # only the chart copies are hidden
            assert (wb[name].sheet_state == "hidden") == (name == xc.CHART_DATA_SHEET), name
        for name in sheets.sheet_names()[1:]:
            ws = wb[name]
            if wb is anonymised and name == sheets.SHEET_ALERTS:  # what is late: not in the netwerk view
                from kpis.disclosure.release import LATE_REASON

                assert not ws.tables and ws["A4"].value == LATE_REASON
                continue
            assert ws.tables, name  # every block an Excel table
            assert ws.freeze_panes is not None, name
            assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1, name
    # the full version: a chart per split (bars) and the monthly series (line) on every register
    # sheet, and the action plan's goals
    for name in CASE_SHEETS:
        splits = [k for k in KPIS if k.unit == "split" and sheets.register_sheet_name(k.register) == name]
        kinds = sorted(type(c).__name__ for c in full[name]._charts)
        assert kinds == ["BarChart"] * len(splits) + ["LineChart"], name
    assert [type(c).__name__ for c in full[sheets.SHEET_ACTIONS]._charts] == ["BarChart"]
    # the anonymised version: a chart where at least half of the values are shown, else a note
    for name in CASE_SHEETS:
        ws = anonymised[name]
        notes = [c for row in ws.iter_rows() for c in row if str(c.value).startswith("Geen grafiek")]
        assert len(ws._charts) + len(notes) == len([t for t in ws.tables.values() if not t.name.endswith("kerncijfers")]), name
    # at about 15 complaints per 100 VTE (sample_data/profile.py) most cells of a zone's year are
    # small: the anonymised version keeps a chart where half of its values are shown
    assert len(anonymised["Klachten"]._charts) >= 1
    assert [type(c).__name__ for c in anonymised[sheets.SHEET_ACTIONS]._charts] == ["BarChart"]


def test_files_read_back_with_another_reader(sample_engine):
    """python-calamine (the importer's fast reader) opens the file too: it is not openpyxl-only."""
    import pandas as pd

    data = build_workbook(sample_engine, NETWERK, YEAR, D, anonymised=True)
    frames = pd.read_excel(io.BytesIO(data), sheet_name=None, engine="calamine", header=None)
    assert [n for n in frames if n != xc.CHART_DATA_SHEET] == sheets.sheet_names()
    assert (frames[sheets.SHEET_SUMMARY] == "Klachten ontvangen").any().any()


def test_monthly_table_as_the_screen_shows_it(sample_engine, anonymised, full):
    """D = 15/06/2025: the months of 2025 up to D (June up to the 15th) add up to the year's
    count in the Samenvatting; 2024 has whole months, as the screen's monthly trend. In the
    anonymised file every number shown is the true count (a marker otherwise)."""
    from kpis.series import yearly

    as_of = dt.date(2025, 6, 15)
    wb = _open(build_workbook(sample_engine, KORPS, YEAR, as_of, anonymised=False))
    rows = _summary_rows(wb)
    ws = wb["Klachten"]
    first, last = (int(part[1:]) for part in ws.tables["klachten_per_maand"].ref.split(":"))
    months = [[ws.cell(row=r, column=c).value for c in (1, 2, 3)] for r in range(first + 1, last + 1)]
    assert [c.value for c in ws[first]][:3] == ["Maand", "2025", "2024"]
    assert [m[0] for m in months] == ["jan", "feb", "mrt", "apr", "mei", "jun (t/m 15)"]
    assert ws.cell(row=last + 1, column=1).value == "jun: 2025 tot de peildatum, 2024 de hele maand."
    assert sum(m[1] for m in months) == rows[BY_ID["complaints_received"].label][0]
    whole = yearly(sample_engine, "klachten", 2024, 2024, as_of=dt.date(2024, 6, 30))["count"].iloc[0]
    assert sum(m[2] for m in months) == whole
    for name in ("klachten", "meldingen"):  # 31/12: the anonymised version has quarters (as the netwerk view)
        table = f"{name}_per_maand"
        a, f = anonymised[sheets.register_sheet_name(name)], full[sheets.register_sheet_name(name)]
        first, last = (int(part[1:]) for part in a.tables[table].ref.split(":"))
        assert a.cell(row=first, column=1).value == "Kwartaal"
        assert [a.cell(row=r, column=1).value for r in range(first + 1, last + 1)] == ["1e kwartaal", "2e kwartaal", "3e kwartaal", "4e kwartaal"]
        f_first, _ = (int(part[1:]) for part in f.tables[table].ref.split(":"))
        for q in range(4):  # a quarter shown is the sum of its three months in the full version
            for c in (2, 3):
                shown = a.cell(row=first + 1 + q, column=c).value
                true = sum(f.cell(row=f_first + 1 + 3 * q + m, column=c).value for m in range(3))
                assert shown == true or (shown == "<5" and 1 <= true < 5) or (shown == "x" and true >= 5), (name, q, c)


def test_the_cover_names_the_zone_saved_in_instellingen_as_text(any_engine, monkeypatch):
    from data_access.settings import save_zone_name
    from tests.test_kpi_engine import load_zone

    def cover(**kwargs):
        return _open(build_workbook(any_engine, KORPS, YEAR, D, anonymised=False, **kwargs))[sheets.SHEET_COVER]

    def cover_zone(**kwargs) -> str:
        ws = cover(**kwargs)
        return next(ws.cell(row=r, column=2).value for r in range(4, 16) if ws.cell(row=r, column=1).value == "Politiezone")

    load_zone(any_engine)
    monkeypatch.delenv("DASHBOARD_ZONE", raising=False)
    # Without a name: no subtitle 'Politiezone' above a row 'Politiezone: Politiezone'.
    assert cover_zone() == "geen naam ingesteld (pagina Instellingen)"
    assert cover().cell(row=2, column=1).value is None
    monkeypatch.setenv("DASHBOARD_ZONE", "PZ Omgeving")
    assert cover_zone() == "PZ Omgeving" == cover().cell(row=2, column=1).value
    with any_engine.begin() as conn:
        save_zone_name(conn, '=HYPERLINK("http://x","PZ")')
    assert cover_zone() == '=HYPERLINK("http://x","PZ")'  # the saved name first, and as text, not a formula
    assert cover_zone(zone="PZ Opdracht") == "PZ Opdracht"  # --zone of the command line wins


def test_cover_says_who_when_and_which_version(full, anonymised):
    def facts(wb):
        ws = wb[sheets.SHEET_COVER]
        return {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(4, 16)}

    f, a = facts(full), facts(anonymised)
    assert f["Politiezone"] == "PZ Test" and f["Jaar"] == YEAR
    assert f["Peildatum"] == dt.datetime(2025, 12, 31) and f["Gemaakt door"] == "commissaris.test"
    assert isinstance(f["Gemaakt op"], dt.datetime)
    assert f["Versie"] == "volledig — vertrouwelijk" and a["Versie"] == "geanonimiseerd"
    assert a["Gemaakt door"] == "netwerk.test"


# --- the figures equal the KPI report -------------------------------------------------------------


def test_full_summary_equals_python_m_kpis_report(sample_engine, sample_url):
    """Every scalar KPI of the Samenvatting equals `python -m kpis report` for the same year and
    date (run as a subprocess on the same database), at 31/12 and in the middle of the year;
    last year's column equals the report for Y - 1 on the same day a year earlier (compute_report,
    which tests/test_report_cli.py holds equal to the command)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    scalars = [k for k in KPIS if not k.is_split]
    for as_of in (D, MID):
        rows = _summary_rows(_open(build_workbook(sample_engine, KORPS, YEAR, as_of, anonymised=False)))
        assert len(rows) == len(scalars)
        done = subprocess.run(
            [sys.executable, "-m", "kpis", "report", "--year", str(YEAR), "--as-of", as_of.isoformat(), "--database-url", sample_url],
            cwd=ROOT, env=env, capture_output=True, timeout=120,
        )
        assert done.returncode == 0, done.stderr.decode()
        current = json.loads(done.stdout)["kpis"]
        previous = compute_report(sample_engine, YEAR - 1, as_of.replace(year=YEAR - 1)).kpis
        for column, report in ((0, current), (1, previous)):
            for kpi in scalars:
                shown, expected = rows[kpi.label][column], report[kpi.id]
                if isinstance(expected, float):
                    assert shown == pytest.approx(expected), (kpi.id, as_of, column)
                else:
                    assert shown == _expected_cell(expected), (kpi.id, as_of, column)
        # the change column is Y minus Y - 1 (percentage points for a rate)
        received = rows[BY_ID["complaints_received"].label]
        assert received[2] == received[0] - received[1]
        rate = rows[BY_ID["complaints_within_norm_rate"].label]
        if all(isinstance(v, float) for v in rate[:2]):
            assert rate[2] == pytest.approx((rate[0] - rate[1]) * 100)


def test_splits_and_criteria_equal_the_report(sample_engine, full):
    report = compute_report(sample_engine, YEAR, D)
    for kpi in (k for k in KPIS if k.unit == "split" and k.register in CASE_SHEET_REGISTERS):  # risks: their own sheet
        ws = full[sheets.register_sheet_name(kpi.register)]
        table = ws.tables[kpi.id]
        first, last = (int(part[1:]) for part in table.ref.split(":"))
        shown = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(first + 1, last + 1)}
        assert shown == report.kpis[kpi.id], kpi.id
    ws = full[sheets.SHEET_CRITERIA]
    first, last = (int(part[1:]) for part in ws.tables["Evaluatiecriteria"].ref.split(":"))
    by_id = {ws.cell(row=r, column=1).value: [ws.cell(row=r, column=c).value for c in range(1, 10)] for r in range(first + 1, last + 1)}
    assert list(by_id) == [c.id for c in report.criteria]
    for c in report.criteria:
        row = by_id[c.id]
        assert row[3] == (pytest.approx(c.value) if c.value is not None else "geen gegevens")
        assert row[4] == pytest.approx(c.norm) and row[5] == c.richting and row[6] == c.status
    # the status column has a fill per status (conditional formatting)
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert sorted(r.formula[0] for r in rules) == ['"geen gegevens"', '"gehaald"', '"niet gehaald"']


def test_anonymised_summary_equals_the_screen_share_report(sample_engine, anonymised):
    """The anonymised figures are the year's report of today's netwerk release: what the screen
    shows in screen-share mode."""
    from kpis.disclosure.release import netwerk_release

    with sample_engine.connect() as conn:
        from data_access.settings import load_settings

        threshold = load_settings(conn)["suppression_threshold"]
        report = netwerk_release(conn, dt.date.today(), threshold).report(YEAR)
    reasons = report.extra["suppression"]["reasons"]
    rows = _summary_rows(anonymised)
    for kpi in (k for k in KPIS if not k.is_split):
        value = report.kpis[kpi.id]
        expected = ("verborgen" if kpi.id in reasons else "geen gegevens") if value is None else value
        assert rows[kpi.label][0] == (pytest.approx(expected) if isinstance(expected, float) else expected), kpi.id
    assert any(isinstance(v[0], str) and v[0].startswith("<") for v in rows.values())  # the fixture has small counts
    # criteria: a value on a hidden KPI reads 'verborgen' (as on the screen), the status is the
    # suppressed report's, the problem says why
    ws = anonymised[sheets.SHEET_CRITERIA]
    first, last = (int(part[1:]) for part in ws.tables["Evaluatiecriteria"].ref.split(":"))
    shown = {ws.cell(row=r, column=1).value: [ws.cell(row=r, column=c).value for c in (4, 7, 9)] for r in range(first + 1, last + 1)}
    for c in report.criteria:
        value, status, problem = shown[c.id]
        assert status == c.status and problem == c.problem
        if c.value is not None:
            assert value == pytest.approx(c.value)
        else:  # the sample's criteria name KPI ids as written in the catalog
            assert value == ("verborgen" if c.indicator in reasons else "geen gegevens"), c.id


# --- what the anonymised version never holds ------------------------------------------------------


def test_anonymised_holds_no_person_dossier_or_free_text(sample_engine, anonymised, full):
    """Scan every cell of every sheet: no name (pseudonyms and the test name), no dossier key of
    a case register, no free text, no personal or free-text column header."""
    forbidden: set[str] = set()
    with sample_engine.connect() as conn:
        for name, table in REGISTER_TABLES.items():
            spec = BY_NAME[name]
            for column in spec.columns:
                case_key = column.key and name in ("klachten", "functioneringsnotas", "tuchtdossiers", "meldingen")
                if column.personal or column.free_text or case_key:
                    forbidden |= {str(v) for v in conn.execute(sa.select(table.c[column.name]).distinct()).scalars() if v}
    assert TEST_NAME in forbidden and TEST_REMARK in forbidden and "KL-TEST-0001" in forbidden
    assert any(v.startswith("Medewerker ") for v in forbidden)
    texts = _texts(anonymised)
    leaks = {f for f in forbidden for t in texts if f in t}
    assert not leaks
    assert not [t for t in texts if t.startswith("Medewerker ")]
    headers = {"Medewerker", "Omschrijving", "Opmerking", "Dossiernummer", "Nummer", "Dossier of actie"}
    for name in CASE_SHEETS + [sheets.SHEET_ACTIONS, sheets.SHEET_ALERTS]:
        assert not headers & {str(c.value) for row in anonymised[name].iter_rows() for c in row}, name
    # the full version (korpsleiding) does list them: the scan can fail
    full_texts = "\n".join(_texts(full))
    assert TEST_NAME in full_texts and "KL-TEST-0001" in full_texts and TEST_FREE_TEXT in full_texts


def test_anonymised_holds_no_small_count(sample_engine, anonymised):
    """No count from 1 to N - 1 in the case registers' sheets (tables and the hidden chart
    copies), in their Samenvatting rows, or among the Aandachtspunten; "<N" instead."""
    n = 5
    counts = []
    for name in CASE_SHEETS:
        ws = anonymised[name]
        counts += [c.value for row in ws.iter_rows() for c in row if c.number_format == "#,##0" and isinstance(c.value, (int, float))]
    ws = anonymised[sheets.SHEET_SUMMARY]
    case_labels = {BY_NAME[r].label for r in ("klachten", "functioneringsnotas", "tuchtdossiers", "meldingen")}
    for row in ws.iter_rows(min_row=5):
        if row[0].value in case_labels:
            counts += [c.value for c in row[2:4] if c.number_format == "#,##0" and isinstance(c.value, (int, float))]
    ws = anonymised[sheets.SHEET_ALERTS]  # the action plan's alerts hold no person: as counted
    counts += [r[1].value for r in ws.iter_rows(min_row=5) if len(r) > 1 and isinstance(r[1].value, int)
               and r[0].value != "Actie over deadline"]
    assert counts and not [v for v in counts if 1 <= v < n]
    markers = [c.value for ws in anonymised.worksheets for row in ws.iter_rows() for c in row if c.value == f"<{n}"]
    assert markers  # the sample has small counts, so they are shown as <5


def test_anonymised_alerts_are_counts_per_kind_suppressed_like_the_screen(sample_engine, anonymised, full):
    """What is late is not in the netwerk view, nor in the anonymised version: its sheet says
    why (kpis.disclosure.figures.LATE_COUNTS); the full version lists every alert."""
    from kpis.alerts import alerts
    from kpis.disclosure.release import LATE_REASON

    items = alerts(sample_engine, D)
    ws = anonymised[sheets.SHEET_ALERTS]
    assert not ws.tables and ws["A4"].value == LATE_REASON
    assert full[sheets.SHEET_ALERTS].max_row - 4 == len(items)
    # in the middle of the year (the coordinator's full version) the sample has other alerts
    wb = _open(build_workbook(sample_engine, KORPS, YEAR, MID, anonymised=False))
    assert wb[sheets.SHEET_ALERTS].max_row - 4 == len(alerts(sample_engine, MID)) != len(items)
    # the full version lists the items with their key
    header = [c.value for c in full[sheets.SHEET_ALERTS][4]]
    assert header[:3] == ["Soort", "Register", "Dossier of actie"]
    assert full[sheets.SHEET_ALERTS].max_row - 4 == len(alerts(sample_engine, D))


# --- register text is text --------------------------------------------------------------------------


def test_register_text_starting_with_equals_is_text(full, anonymised):
    def cells(wb, text):
        return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == text]

    found = cells(full, EVIL_DIENST) + cells(full, EVIL_ACTION) + cells(anonymised, EVIL_ACTION)
    assert len(found) >= 3
    assert all(c.data_type == "s" and c.quotePrefix for c in found)
    for wb_bytes in (full, anonymised):
        out = io.BytesIO()
        wb_bytes.save(out)
        with zipfile.ZipFile(out) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/sheet"):
                    assert "<f>" not in z.read(name).decode(), name


# --- roles and the audit log -------------------------------------------------------------------------


def _export_rows(engine) -> list[dict]:
    with engine.connect() as conn:
        rows = audit.search(conn, action="export")
    return [dict(r._asdict(), detail=json.loads(r.detail)) for r in rows.itertuples(index=False)]


def test_every_export_writes_an_audit_row(engine):
    before = len(_export_rows(engine))
    build_workbook(engine, KORPS, YEAR, MID, anonymised=False, file_name="jaar.xlsx")
    build_workbook(engine, NETWERK, YEAR, anonymised=True)
    rows = _export_rows(engine)
    assert len(rows) == before + 2
    anon, full = rows[0], rows[1]  # newest first
    assert full["user_name"] == "commissaris.test" and full["role"] == "korpsleiding"
    assert full["detail"] == {"soort": "volledig", "jaar": 2025, "peildatum": "2025-06-30", "geanonimiseerd": False, "bestand": "jaar.xlsx"}
    assert anon["detail"]["soort"] == "geanonimiseerd" and anon["detail"]["peildatum"] == "2025-12-31"
    assert anon["detail"]["bestand"] == export_file_name(2025, D, anonymised=True) == "jaarevaluatie_integriteit_2025_geanonimiseerd.xlsx"
    with engine.connect() as conn:  # "who exported the 2025 figures, and when"
        assert len(audit.search(conn, action="export", text="2025")) == before + 2


def test_anonymised_version_has_a_default_reference_date_only(sample_engine):
    """Two anonymised versions a day apart would show a single dossier: whoever makes it, the
    anonymised version uses the default reference date (kpis.disclosure.policy.fixed_as_of); the
    full version the date asked."""
    from dashboard.export.workbook import effective_as_of

    for access in (KORPS, NETWERK):
        assert effective_as_of(access, YEAR, MID, anonymised=True) == D
    assert effective_as_of(KORPS, YEAR, MID, anonymised=False) == MID
    assert effective_as_of(KORPS, YEAR, D, anonymised=True) == D
    wb = _open(build_workbook(sample_engine, KORPS, YEAR, MID, anonymised=True))
    assert wb[sheets.SHEET_COVER]["B6"].value == dt.datetime(2025, 12, 31)
    assert _summary_rows(wb) == _summary_rows(_open(build_workbook(sample_engine, KORPS, YEAR, D, anonymised=True)))
    assert _export_rows(sample_engine)[0]["detail"]["peildatum"] == "2025-12-31"  # the date used


def test_full_version_only_for_roles_that_may_see_rows(engine):
    with pytest.raises(AccessDenied):
        build_workbook(engine, NETWERK, YEAR, anonymised=False)
    with pytest.raises(AccessDenied):  # screen-share mode: the netwerk view for any role
        build_workbook(engine, Access("chef", "korpsleiding", screen_share=True), YEAR, anonymised=False)
    with pytest.raises(ValueError, match="Ongeldig jaar"):
        build_workbook(engine, KORPS, 0, anonymised=True)
    assert _export_rows(engine) == []  # a refused export leaves no audit row
    for access in (NETWERK, Access("chef", "korpsleiding", screen_share=True), Access("coord", "integriteitscoordinator")):
        assert build_workbook(engine, access, YEAR, anonymised=True)[:2] == b"PK"  # any role, any mode
    assert len(_export_rows(engine)) == 3


# --- the command line ------------------------------------------------------------------------------


def _cli(*args: str, python_options: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, *python_options, "-m", "dashboard.export", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=180)


def test_cli_writes_the_workbook_and_refuses_in_dutch(sample_url, tmp_path):
    out = tmp_path / "jaar.xlsx"
    # -X importtime lists every module the command imports: streamlit must not be among them
    done = _cli("--year", "2025", "--as-of", "2025-06-30", "--anonymised", "--out", str(out), "--database-url", sample_url,
                "--user", "cli.test", python_options=("-X", "importtime"))
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert "geschreven" in done.stdout.decode()
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.decode().splitlines() if line.startswith("import time:")]
    assert "dashboard.export.sheets" in imported and "openpyxl" in imported  # the -m module itself is __main__
    assert not [m for m in imported if m.split(".")[0] == "streamlit"]
    wb = openpyxl.load_workbook(out)
    assert _visible(wb) == sheets.sheet_names()
    assert wb[sheets.SHEET_COVER]["B6"].value == dt.datetime(2025, 12, 31)  # anonymised: the default date
    engine = connect(sample_url)
    try:
        rows = [r for r in _export_rows(engine) if r["user_name"] == "cli.test"]
        assert rows and rows[0]["detail"]["bestand"] == "jaar.xlsx"
        from data_access.users import add_user

        with engine.begin() as conn:
            add_user(conn, "netwerk.cli", "netwerk", None)
    finally:
        engine.dispose()
    # a known user gets their own role: netwerk may not make the full version
    done = _cli("--year", "2025", "--out", str(tmp_path / "vol.xlsx"), "--database-url", sample_url, "--user", "netwerk.cli")
    assert done.returncode == 1 and "geanonimiseerde" in done.stderr.decode()
    assert not (tmp_path / "vol.xlsx").exists()
    done = _cli("--year", "2025", "--as-of", "30/06/2025", "--out", str(out), "--database-url", sample_url)
    assert done.returncode == 2 and "geen geldige datum" in done.stderr.decode()
    done = _cli("--year", "2026", "--as-of", "2025-12-31", "--out", str(out), "--database-url", sample_url)
    assert done.returncode == 2 and "valt vóór het jaar 2026" in done.stderr.decode()


# --- the Jaarexport page ----------------------------------------------------------------------------


def _page(url: str, access: Access, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboard.shell.auth import ACCESS_KEY

    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "pages" / "export.py"), default_timeout=60)
    at.session_state[ACCESS_KEY] = access  # what dashboard/app.py sets before a page runs
    at.session_state["jaar"] = 2025
    at.session_state["peildatum"] = MID
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    buttons = [b.proto.label for b in at.get("download_button")]
    return at, buttons


def test_page_offers_the_full_version_only_to_roles_that_may_make_it(sqlite_url, engine, monkeypatch):
    at, buttons = _page(sqlite_url, KORPS, monkeypatch)
    assert buttons == ["Volledige werkmap downloaden", "Geanonimiseerde werkmap downloaden",
                       "Terugkoppeling 2025 downloaden", "Rapportage downloaden"]  # the reports (tests/reports/test_reports.py)
    from tests.dashboard_apptest import texts

    assert "Jaar 2025, peildatum 30/06/2025" in texts(at)
    for access in (NETWERK, Access("chef", "korpsleiding", screen_share=True)):
        at, buttons = _page(sqlite_url, access, monkeypatch)
        assert buttons == ["Geanonimiseerde werkmap downloaden"]
        assert "voorbehouden aan de korpsleiding" in at.info[0].value
        assert "De rapporten maakt de korpsleiding" in at.info[-1].value


def test_both_versions_on_sqlite_and_postgresql(any_engine):
    """The hand-made zone of the KPI tests: the export's own queries (action items, indicators,
    dossier rows, monthly series) give the same workbook figures on both databases."""
    from tests.test_kpi_engine import load_zone

    load_zone(any_engine)
    report = compute_report(any_engine, YEAR, D)
    full = _open(build_workbook(any_engine, KORPS, YEAR, D, anonymised=False))
    rows = _summary_rows(full)
    for kpi in (k for k in KPIS if not k.is_split):
        expected = report.kpis[kpi.id]
        assert rows[kpi.label][0] == (pytest.approx(expected) if isinstance(expected, float) else _expected_cell(expected))
    # actions_total rows of 2025: A1, A2, A3, A4, A7, A8 (A5 geschrapt, A6 a 2024 action)
    ws = full[sheets.SHEET_ACTIONS]
    first, last = (int(part[1:]) for part in ws.tables["Acties"].ref.split(":"))
    assert sorted(ws.cell(row=r, column=1).value for r in range(first + 1, last + 1)) == ["A1", "A2", "A3", "A4", "A7", "A8"]
    # dossiers of 2025 up to D: K2..K6 (K1 from 2024, K8 after D)
    ws = full["Klachten"]
    first, last = (int(part[1:]) for part in ws.tables["klachten_dossiers"].ref.split(":"))
    assert [ws.cell(row=r, column=1).value for r in range(first + 1, last + 1)] == ["K2", "K3", "K4", "K5", "K6"]
    anonymised = _open(build_workbook(any_engine, NETWERK, YEAR, D, anonymised=True))
    assert "K2" not in _texts(anonymised) and anonymised.sheetnames == full.sheetnames


def test_page_in_the_app_menu_for_every_role(sqlite_url, engine, monkeypatch):
    """Through dashboard/app.py (sign-in, menu, filters): the netwerk role reaches the page and
    gets only the anonymised download; the coordinator gets both."""
    from tests.dashboard_apptest import open_page, start_app

    for role, expected in (
        ("netwerk", ["Geanonimiseerde werkmap downloaden"]),
        ("integriteitscoordinator", ["Volledige werkmap downloaden", "Geanonimiseerde werkmap downloaden"]),
    ):
        at = open_page(start_app(sqlite_url, role, monkeypatch=monkeypatch), "export")
        # then the reports of the periods of this year that are over (none in January)
        labels = [b.proto.label for b in at.get("download_button")]
        assert labels[:2] == expected and all(label == "Rapportage downloaden" or label.startswith("Terugkoppeling ") for label in labels[2:]), role


# --- risks and references --------------------------------------------------------------------------


def _table(ws, name: str) -> list[list]:
    first, last = ws.tables[name].ref.split(":")
    cells = ws[f"{first}:{last}"]
    return [[c.value for c in row] for row in cells]


def test_risk_sheet_holds_the_matrix_counts_and_risks_in_both_versions(full, anonymised, sample_engine):
    from dashboard.export.risks import SHEET_RISKS
    from data_access.settings import load_settings
    from kpis import risicos
    from kpis.engine import compute_report

    with sample_engine.connect() as conn:
        analysis = risicos.analysis(conn, D, load_settings(conn))
    report = compute_report(sample_engine, YEAR, D)
    assert analysis.active  # the sample's risk analysis
    for wb in (full, anonymised):
        ws = wb[SHEET_RISKS]
        matrix = _table(ws, "Risicomatrix")
        assert matrix[0] == ["Kans", "impact 1", "impact 2", "impact 3", "impact 4", "impact 5"]
        cells = analysis.matrix()
        assert {(int(row[0].split()[1]), i): n for row in matrix[1:] for i, n in enumerate(row[1:], start=1)} == cells
        assert dict(r for r in _table(ws, "Risicos_per_niveau")[1:]) == report.kpis["risks_by_level"]
        assert dict(r for r in _table(ws, "Risicos_per_proces")[1:]) == report.kpis["risks_by_process"]
        assert sorted(r[0] for r in _table(ws, "Risicos")[1:]) == sorted(r.risico_id for r in analysis.risks)


def test_references_sheet_puts_each_reference_beside_the_zone_figure(full, anonymised):
    from dashboard.export.risks import SHEET_REFERENCES

    for wb in (full, anonymised):
        rows = _table(wb[SHEET_REFERENCES], "Referenties")
        assert rows[0] == ["Indicator", "Id", f"Zone {YEAR}", "Referentie", "Jaar referentie", "Populatie", "Bron"]
        found = {(r[1], r[3], r[5]) for r in rows[1:]}
        navex = "NAVEX Risk & Compliance Hotline Benchmark Report 2025"
        assert ("reports_per_100_fte", 1.57, "wereldwijd, mediaan van organisaties met minstens 10 meldingen") in found
        assert ("reports_per_100_fte", 0.67, "Europa, mediaan van organisaties met minstens 10 meldingen") in found
        assert ("reports_violation_rate", 0.46, "wereldwijd, mediaan van organisaties met minstens 10 meldingen") in found
        assert all(r[6] == navex and r[4] == 2024 for r in rows[1:])
