"""The PDF reports (dashboard.reports): made on the zone sample, their text extracted (pypdf)
and read back. Every figure equals the netwerk release's (and, where shown in full, the KPI
report's); the staff version holds no person, no dossier number, no count from 1 to 4 in the
clear; the addressee changes only the cover letter; each report is audited and only the
korpsleiding and the coordinator make one."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from datetime import date

import pypdf
import pytest
import sqlalchemy as sa

from dashboard.reports.make import AUTHORITIES, STAFF, build_report
from dashboard.reports.periods import choices, parse_period, period_problem
from data_access import audit
from data_access.access import Access, AccessDenied
from data_access.schema import REGISTER_TABLES
from data_access.settings import ADDRESSEES, DEFAULT_COVER_LETTERS, load_cover_letter, save_cover_letter
from kpis.catalog import BY_ID
from kpis.disclosure.figures import PERIOD_FIGURES
from kpis.disclosure.markers import is_suppressed
from kpis.disclosure.release import netwerk_release
from kpis.engine import compute_report
from tests.reports.common import COORDINATOR, LAST_YEAR, MADE_AT, ROOT, TODAY, ZONE

# --- periods ----------------------------------------------------------------------------------


def test_periods_and_what_they_are_compared_with():
    q3 = parse_period("2025-Q3", 2025)
    assert (q3.first, q3.last, q3.label, q3.code) == (date(2025, 7, 1), date(2025, 9, 30), "3e kwartaal 2025", "2025-Q3")
    assert [p.code for p in q3.comparisons()] == ["2025-Q2", "2024-Q3"]
    assert [p.code for p in parse_period("2025-q1", 2025).comparisons()] == ["2024-Q4", "2024-Q1"]
    h2 = parse_period("2025-H2", 2025)
    assert (h2.first, h2.last, h2.label) == (date(2025, 7, 1), date(2025, 12, 31), "2e halfjaar 2025")
    assert [p.code for p in h2.comparisons()] == ["2025-H1", "2024-H2"]
    year = parse_period(None, 2025)
    assert (year.first, year.last, [p.code for p in year.comparisons()]) == (date(2025, 1, 1), date(2025, 12, 31), ["2024"])
    for bad in ("2025-Q5", "Q3", "2024-Q3"):
        with pytest.raises(ValueError, match="periode|valt niet"):
            parse_period(bad, 2025)
    assert period_problem(q3, date(2025, 9, 30)) and period_problem(q3, date(2025, 10, 1)) is None
    assert [p.code for p in choices(2026, date(2026, 12, 5))] == ["2026-Q3", "2026-H1", "2026-Q2", "2026-Q1"]


# --- the figures of a period, on a hand-made register -------------------------------------------


def _dossier(i: int, opened: date, soort: str, order: date | None = None) -> dict:
    return dict(dossiernummer=f"T{i}", soort=soort, categorie="geweld", dienst="A", datum_kennisname=opened,
                datum_opening=opened, fase="lopend", ordemaatregel="voorlopige schorsing" if order else None,
                datum_ordemaatregel=order)


def test_period_figures_count_as_worked_out_by_hand(engine):
    """Threshold 1 (nothing small): tucht opened in Q1 2025 x2, Q2 x1 (+1 tucht en gerechtelijk);
    gerechtelijk Q2 x1 (+ that one), Q4 x1; an ordemaatregel on 10/05/2025 in a 2024 dossier and
    one on 02/01/2026 in a 2025 dossier (in 2026, not 2025)."""
    rows = [
        _dossier(1, date(2025, 1, 5), "tucht"), _dossier(2, date(2025, 3, 31), "tucht"),
        _dossier(3, date(2025, 4, 1), "tucht"), _dossier(4, date(2025, 6, 30), "tucht en gerechtelijk"),
        _dossier(5, date(2025, 5, 1), "gerechtelijk"), _dossier(6, date(2025, 11, 11), "gerechtelijk", order=date(2026, 1, 2)),
        _dossier(7, date(2024, 12, 1), "tucht", order=date(2025, 5, 10)),
    ]
    with engine.begin() as conn:
        conn.execute(REGISTER_TABLES["tuchtdossiers"].insert(), rows)
    with engine.connect() as conn:
        release = netwerk_release(conn, date(2026, 3, 1), 1)
    p = release.period
    q = [date(2025, m, 1) for m in (1, 4, 7, 10)]
    assert [p("discipline_opened", d, 3) for d in q] == [2, 2, 0, 0]
    assert [p("judicial_opened", d, 3) for d in q] == [0, 2, 0, 1]
    assert [p("order_measures", d, 3) for d in q] == [0, 1, 0, 0]
    assert p("order_measures", date(2026, 1, 1), 3) == 1 and p("order_measures", date(2024, 10, 1), 3) == 0
    assert [p("discipline_opened", d, 6) for d in (date(2025, 1, 1), date(2025, 7, 1))] == [4, 0]
    assert [p("judicial_opened", d, 6) for d in (date(2025, 1, 1), date(2025, 7, 1))] == [2, 1]
    assert (p("discipline_opened", q[0], 12), p("judicial_opened", q[0], 12), p("order_measures", q[0], 12)) == (4, 3, 1)


# --- the reports on the zone sample -------------------------------------------------------------


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def staff_pdf(sample) -> bytes:
    return build_report(sample, COORDINATOR, STAFF, parse_period(None, LAST_YEAR), made_at=MADE_AT)


def _shown(value) -> str:
    from dashboard.reports.figures import shown

    return shown(value)


def _row(text: str, label: str) -> list[str]:
    """The values written after `label` on its line."""
    line = next(line for line in text.splitlines() if line.startswith(label + " "))
    return line[len(label):].split()


def test_authorities_report_holds_the_releases_figures(sample, release):
    period = parse_period(f"{LAST_YEAR}-Q3", LAST_YEAR)
    data = build_report(sample, COORDINATOR, AUTHORITIES, period, addressee="comite-p", made_at=MADE_AT)
    pages = _pages(data)
    figures = "\n".join(pages[1:])
    assert f"Rapportage integriteit — 3e kwartaal {LAST_YEAR}" in figures
    columns = [period, *period.comparisons()]
    for kpi_id in PERIOD_FIGURES:
        expected = [_shown(release.period(kpi_id, p.first, p.months)) for p in columns]
        assert _row(figures, BY_ID[kpi_id].label) == expected, kpi_id
    # a year: the release's year figures, which are the KPI report's wherever shown in full
    year = parse_period(None, LAST_YEAR)
    text = "\n".join(_pages(build_report(sample, COORDINATOR, AUTHORITIES, year, addressee="tuchtraad", made_at=MADE_AT))[1:])
    with sample.connect() as conn:
        reports = {y: compute_report(conn, y, date(y, 12, 31)) for y in (LAST_YEAR, LAST_YEAR - 1)}
    for kpi_id in PERIOD_FIGURES:
        row = _row(text, BY_ID[kpi_id].label)
        for value, y in zip(row, (LAST_YEAR, LAST_YEAR - 1)):
            shown = release.report(y).kpis[kpi_id]
            assert value == _shown(shown)
            if not is_suppressed(shown):
                assert int(value) == reports[y].kpis[kpi_id]
    assert "Termijnen" in text and "wet van 8 december 2022" in " ".join(text.split())


def test_the_addressee_changes_the_cover_letter_only(sample):
    period = parse_period(f"{LAST_YEAR}-H2", LAST_YEAR)
    with sample.begin() as conn:
        save_cover_letter(conn, "tuchtraad", "Geachte leden van de Tuchtraad,\n\nHierbij de cijfers van {periode}.")
    try:
        made = {a: _pages(build_report(sample, COORDINATOR, AUTHORITIES, period, addressee=a, made_at=MADE_AT)) for a in ADDRESSEES}
    finally:
        with sample.begin() as conn:
            save_cover_letter(conn, "tuchtraad", DEFAULT_COVER_LETTERS["tuchtraad"])
    assert f"Hierbij de cijfers van 2e halfjaar {LAST_YEAR}." in made["tuchtraad"][0]
    assert "Comité P" in made["comite-p"][0] and "burgemeester" in made["burgemeester"][0]
    assert made["burgemeester"][1:] == made["comite-p"][1:] == made["tuchtraad"][1:]
    with sample.connect() as conn:
        assert load_cover_letter(conn, "tuchtraad") == DEFAULT_COVER_LETTERS["tuchtraad"]
    with pytest.raises(ValueError, match="leeg"):
        save_cover_letter(None, "tuchtraad", "  \n ")


def test_staff_report_holds_the_releases_figures(staff_pdf, release, sample):
    pages = _pages(staff_pdf)
    assert 2 <= len(pages) <= 4
    text = "\n".join(pages)
    report, previous = release.report(LAST_YEAR), release.report(LAST_YEAR - 1)
    with sample.connect() as conn:
        kpi_report = compute_report(conn, LAST_YEAR, date(LAST_YEAR, 12, 31))
    from dashboard.reports.staff import KEY_COUNTS, KEY_RATES, shown_staff

    for kpi_id in KEY_COUNTS + KEY_RATES:
        unit = BY_ID[kpi_id].unit
        expected = [shown_staff(report.kpis[kpi_id], unit), shown_staff(previous.kpis[kpi_id], unit)]
        assert _row(text, BY_ID[kpi_id].label) == " ".join(expected).split(), kpi_id
        value = report.kpis[kpi_id]
        if unit == "count" and isinstance(value, int) and value >= 5:
            assert value == kpi_report.kpis[kpi_id]
    assert f"Integriteit in {LAST_YEAR}" in text and ZONE in text


def _sample_values(conn, register: str, columns: tuple[str, ...]) -> set[str]:
    table = REGISTER_TABLES[register]
    values = set()
    for column in columns:
        if column in table.c:
            values |= {str(v) for v in conn.execute(sa.select(table.c[column]).distinct()).scalars() if v}
    return values


def _counts_in_the_clear(text: str) -> list[str]:
    """Whole numbers 1..4 standing alone in the text, once what is no count is taken out:
    dates, years, percentages, the policy plan's paragraph numbers, page numbers, norms and
    terms ("hoogstens 2", "3 maanden")."""
    text = re.sub(r"\d{2}/\d{2}/\d{4}", " ", text)
    text = re.sub(r"\b\d+(,\d+)?\s?%", " ", text)
    text = re.sub(r"\b\d+(\.\d+)+\b", " ", text)  # 3.1.4.4, 5.1.3
    text = re.sub(r"Pagina \d+ van \d+", " ", text)
    text = re.sub(r"\b(minstens|hoogstens|standaard)\s+\d+", " ", text)
    text = re.sub(r"\b\d+\s+(dagen|maanden|kalendermaanden)\b", " ", text)
    return [m.group(0) for m in re.finditer(r"(?<![\w<,.])[1-4](?![\w,.%])", text)]


def test_staff_report_names_no_person_no_dossier_and_no_small_count(staff_pdf, sample):
    text = "\n".join(_pages(staff_pdf))
    with sample.connect() as conn:
        persons = set().union(*(_sample_values(conn, r, ("medewerker",)) for r in REGISTER_TABLES if "medewerker" in REGISTER_TABLES[r].c))
        numbers = set().union(*(_sample_values(conn, r, ("dossiernummer", "nummer")) for r in ("klachten", "functioneringsnotas", "tuchtdossiers", "meldingen")))
        free = set().union(*(_sample_values(conn, r, ("omschrijving",)) for r in ("klachten", "meldingen")))
    assert persons and numbers
    assert not [p for p in persons if p in text]
    assert not [n for n in numbers if n in text]
    assert not [f for f in free if len(f) > 12 and f in text]
    assert _counts_in_the_clear(text) == [], _counts_in_the_clear(text)
    # the checker itself finds a small count
    assert _counts_in_the_clear("Tuchtdossiers geopend 3 <5") == ["3"]


def test_pdf_is_a4_tagged_with_embedded_fonts_and_metadata(staff_pdf):
    reader = pypdf.PdfReader(io.BytesIO(staff_pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"] and root["/Lang"] == "nl-BE"
    assert ZONE in reader.metadata.title and reader.metadata.author == ZONE
    for page in reader.pages:
        assert [round(float(x)) for x in page.mediabox[2:]] == [595, 842]
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"]
    assert [f"Pagina {i} van {len(reader.pages)}" in page.extract_text() for i, page in enumerate(reader.pages, 1)] == [True] * len(reader.pages)


def test_every_report_is_audited_and_only_allowed_roles_make_one(sample):
    with sample.connect() as conn:
        before = len(audit.search(conn, action="export", limit=None))
    period = parse_period(f"{LAST_YEAR}-Q4", LAST_YEAR)
    build_report(sample, Access("chef", "korpsleiding"), AUTHORITIES, period, addressee="burgemeester", made_at=MADE_AT)
    with sample.connect() as conn:
        rows = audit.search(conn, action="export", limit=None)
    assert len(rows) == before + 1
    described = audit.describe(rows.iloc[0]["detail"])
    assert rows.iloc[0]["user_name"] == "chef" and "rapportage aan de overheden" in described
    assert f"periode: {LAST_YEAR}-Q4" in described and "voor: De burgemeester en het politiecollege" in described
    with pytest.raises(AccessDenied, match="korpsleiding en de integriteitscoördinator"):
        build_report(sample, Access("lid", "netwerk"), STAFF, parse_period(None, LAST_YEAR))
    with pytest.raises(AccessDenied, match="Schermdeling is actief"):
        build_report(sample, Access("chef", "korpsleiding", screen_share=True), STAFF, parse_period(None, LAST_YEAR))
    with pytest.raises(ValueError, match="nog niet voorbij"):
        build_report(sample, COORDINATOR, STAFF, parse_period(None, TODAY.year))
    with sample.connect() as conn:
        assert len(audit.search(conn, action="export", limit=None)) == before + 1


def test_command_line_writes_a_report_and_refuses_what_it_cannot_make(sample_url, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "dashboard.export", "--database-url", sample_url, *args],
                              cwd=tmp_path, env=env, capture_output=True, timeout=180)

    done = run("--year", str(LAST_YEAR), "--format", "pdf", "--report", "authorities", "--period", f"{LAST_YEAR}-Q3",
               "--addressee", "comite-p")
    assert done.returncode == 0, done.stderr.decode()
    out = tmp_path / f"integriteit_{LAST_YEAR}-Q3_rapportage_comite-p.pdf"  # the default name, in the current folder
    assert "Comité P" in _pages(out.read_bytes())[0]
    done = run("--year", str(TODAY.year), "--format", "pdf", "--report", "staff")
    assert done.returncode == 2 and "nog niet voorbij" in done.stderr.decode()
    done = run("--year", str(LAST_YEAR), "--format", "pdf", "--report", "authorities", "--period", f"{LAST_YEAR}-Q9")
    assert done.returncode == 2 and "Ongeldige periode" in done.stderr.decode()
