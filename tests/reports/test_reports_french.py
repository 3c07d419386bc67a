"""The PDF reports in French (issue 17): both reports made on the zone sample with lang="fr",
their text extracted (pypdf) and read back. The figures are the Dutch report's, written the
French way (a hidden value 'masqué' where Dutch writes 'verborgen'); headings, periods, page
numbers and metadata are French; no Dutch word is left once the zone's own texts (its criteria,
its actions) are taken out; the default cover letter is French, a letter the coordinator wrote
stays as written."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pypdf
import pytest

from dashboard.reports.make import AUTHORITIES, STAFF, build_report
from dashboard.reports.periods import parse_period
from data_access.settings import DEFAULT_COVER_LETTERS, default_cover_letter, save_cover_letter
from i18n import language
from kpis.catalog import BY_ID, label
from kpis.disclosure.figures import PERIOD_FIGURES
from tests.reports.common import COORDINATOR, LAST_YEAR, MADE_AT, ROOT, ZONE
from tests.reports.test_reports import _counts_in_the_clear, _pages, _row
from tests.test_pages_french import DUTCH, zone_texts

MARKERS_NL = {"masqué": "verborgen"}  # the one marker written differently


@pytest.fixture(scope="module")
def zone(sample_url) -> list[str]:
    return [" ".join(t.split()) for t in zone_texts(sample_url)]


def _make(sample, kind, period, lang, addressee=None) -> bytes:
    return build_report(sample, COORDINATOR, kind, period, addressee=addressee, made_at=MADE_AT, lang=lang)


def _shown(value) -> str:
    from dashboard.reports.figures import shown

    return shown(value)


def dutch_left(pages: list[str], zone: list[str]) -> list[str]:
    """Dutch words in the text once the zone's own texts are taken out (lines joined: the PDF
    wraps a long text over lines)."""
    text = " ".join(" ".join(pages).split())
    for written in zone:
        text = text.replace(written, " ")
    return sorted({f"{m[0]!r} in: …{text[max(0, m.start() - 60):m.end() + 60]}…" for m in DUTCH.finditer(text)})


def _as_dutch(values: list[str]) -> list[str]:
    return [MARKERS_NL.get(v, v) for v in values]


def test_authorities_report_in_french_has_the_dutch_figures(sample, release, zone):
    period = parse_period(f"{LAST_YEAR}-Q3", LAST_YEAR)
    french, dutch = _pages(_make(sample, AUTHORITIES, period, "fr", "comite-p")), _pages(_make(sample, AUTHORITIES, period, "nl", "comite-p"))
    figures_fr, figures_nl = "\n".join(french[1:]), "\n".join(dutch[1:])
    assert f"Rapportage intégrité — 3e trimestre {LAST_YEAR}" in figures_fr
    flat = " ".join(figures_fr.split())
    assert f"Période du 01/07/{LAST_YEAR} au 30/09/{LAST_YEAR} inclus" in flat
    assert "au trimestre précédent et au même trimestre un an plus tôt" in flat
    assert f"Nombre 3e trimestre {LAST_YEAR} 2e trimestre {LAST_YEAR} 3e trimestre {LAST_YEAR - 1}" in figures_fr
    assert "Délais" in figures_fr and "loi du 8 décembre 2022" in flat and "Page 2 sur 2" in figures_fr
    assert "tombe dans le trimestre" in flat and "dans l'année" not in flat  # the catalog definition said of the quarter
    columns = [period, *period.comparisons()]
    for kpi_id in PERIOD_FIGURES:
        kpi = BY_ID[kpi_id]
        row = _row(figures_fr, label(kpi, "fr"))
        with language("fr"):
            assert row == [_shown(release.period(kpi_id, p.first, p.months)) for p in columns], kpi_id
        assert _as_dutch(row) == _row(figures_nl, kpi.label), kpi_id
    letter = " ".join(french[0].split())
    assert "Madame, Monsieur le Président" in letter and "Comité permanent de contrôle des services de police" in letter
    assert f"de {ZONE} pour la période 3e trimestre {LAST_YEAR}." in letter and "Date : 15/01/2026" in letter
    left = dutch_left(french, zone)
    assert not left, "\n".join(left)


def test_staff_report_in_french_has_the_dutch_figures(sample, release, zone):
    year = parse_period(None, LAST_YEAR)
    french, dutch = _pages(_make(sample, STAFF, year, "fr")), _pages(_make(sample, STAFF, year, "nl"))
    assert len(french) == len(dutch) and 2 <= len(french) <= 4
    text, text_nl = "\n".join(french), "\n".join(dutch)
    for heading in (f"L'intégrité en {LAST_YEAR} : ce que nous avons fait", f"Les chiffres de {LAST_YEAR} comparés à ceux de {LAST_YEAR - 1}",
                    "Ce que le plan d'action a permis de réaliser", f"Les critères d'évaluation de {LAST_YEAR}", "Atteints",
                    "Non atteints", f"Page 1 sur {len(french)}"):
        assert heading in text, heading
    from dashboard.reports.staff import KEY_COUNTS, KEY_RATES, shown_staff

    report, previous = release.report(LAST_YEAR), release.report(LAST_YEAR - 1)
    for kpi_id in KEY_COUNTS + KEY_RATES:
        kpi = BY_ID[kpi_id]
        row = _row(text, label(kpi, "fr"))
        with language("fr"):
            expected = [shown_staff(report.kpis[kpi_id], kpi.unit), shown_staff(previous.kpis[kpi_id], kpi.unit)]
        assert row == " ".join(expected).split(), kpi_id
        assert _as_dutch(row) == _row(text_nl, kpi.label), kpi_id
    # the action plan's share and the criteria's results, as in Dutch
    done_fr = re.search(r"Des actions prévues pour \d{4}, (\S+ %) sont terminées \(en \d{4} : (\S+ %)\)", " ".join(text.split()))
    done_nl = re.search(r"gepland waren, is (\S+ %) afgerond \(in \d{4}: (\S+ %)\)", " ".join(text_nl.split()))
    assert done_fr and done_nl and done_fr.groups() == done_nl.groups()
    results_fr = re.findall(r"résultat : ([^)]+)\)", " ".join(text.split()))
    results_nl = re.findall(r"resultaat: ([^)]+)\)", " ".join(text_nl.split()))
    assert results_fr and [r.replace(" jours", " dagen") for r in _as_dutch(results_fr)] == results_nl
    left = dutch_left(french, zone)
    assert not left, "\n".join(left)
    # no small count in the clear in French either (the French words for what is no count taken out)
    plain = re.sub(r"Page \d+ sur \d+", " ", text)
    plain = re.sub(r"\b(au moins|au plus)\s+\d+", " ", plain)
    plain = re.sub(r"\b\d+\s+(jours|mois)\b", " ", plain)
    assert _counts_in_the_clear(plain) == []


def test_french_pdf_metadata(sample):
    data = _make(sample, STAFF, parse_period(None, LAST_YEAR), "fr")
    reader = pypdf.PdfReader(__import__("io").BytesIO(data))
    assert reader.trailer["/Root"]["/Lang"] == "fr-BE"
    assert reader.metadata.title == f"L'intégrité en {LAST_YEAR} : retour d'information à tous les membres du personnel — {ZONE}"
    assert reader.metadata.author == ZONE


def test_french_cover_letter_default_and_an_edited_letter_as_written(sample):
    period = parse_period(f"{LAST_YEAR}-H2", LAST_YEAR)
    french_default = default_cover_letter("tuchtraad", "fr")
    assert french_default.startswith("Madame, Monsieur le Président") and "{zone}" in french_default and "{periode}" in french_default
    assert default_cover_letter("tuchtraad", "nl") == DEFAULT_COVER_LETTERS["tuchtraad"]
    try:
        with sample.begin() as conn:
            save_cover_letter(conn, "tuchtraad", "Geachte leden van de Tuchtraad,\n\nHierbij de cijfers van {periode}.")
        edited = _pages(_make(sample, AUTHORITIES, period, "fr", "tuchtraad"))[0]
        with sample.begin() as conn:  # saved as the Dutch default: still a default letter, French in a French report
            save_cover_letter(conn, "tuchtraad", DEFAULT_COVER_LETTERS["tuchtraad"])
        default = " ".join(_pages(_make(sample, AUTHORITIES, period, "fr", "tuchtraad"))[0].split())
    finally:
        with sample.begin() as conn:
            save_cover_letter(conn, "tuchtraad", DEFAULT_COVER_LETTERS["tuchtraad"])
    assert f"Hierbij de cijfers van 2e semestre {LAST_YEAR}." in edited and "À : Le Conseil de discipline" in edited
    assert "Mesdames et Messieurs les membres du Conseil de discipline" in default and "Geachte" not in default


def test_command_line_writes_the_french_report(sample_url, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "dashboard.export", "--database-url", sample_url, "--year", str(LAST_YEAR),
                           "--format", "pdf", "--report", "staff", "--lang", "fr"],
                          cwd=tmp_path, env=env, capture_output=True, timeout=180)
    assert done.returncode == 0, done.stderr.decode()
    out = tmp_path / f"integrite_{LAST_YEAR}_retour_personnel.pdf"  # the default name, in French
    assert done.stdout.decode().startswith(f"Retour d'information à tous les membres du personnel {LAST_YEAR} écrit : {out.name}")
    assert f"L'intégrité en {LAST_YEAR}" in _pages(out.read_bytes())[0]
    done = subprocess.run([sys.executable, "-m", "dashboard.export", "--database-url", sample_url, "--year", str(LAST_YEAR),
                           "--format", "pdf", "--report", "authorities", "--period", f"{LAST_YEAR}-Q9", "--lang", "fr"],
                          cwd=tmp_path, env=env, capture_output=True, timeout=180)
    assert done.returncode == 2 and "Période non valable" in done.stderr.decode()
