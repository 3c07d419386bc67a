"""The yearly evaluation workbook in French (issue 17): French sheet names, headings, labels and
list values, the same figures as the Dutch workbook, and `python -m dashboard.export --lang fr`."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from dashboard.export import sheets
from dashboard.export.workbook import build_workbook, export_file_name
from data_access import register_terms as terms
from data_access.access import Access
from data_access.db import connect
from data_access.registers import BY_NAME, REGISTERS
from data_access.schema import REGISTER_TABLES
from i18n import language
from kpis.catalog import KPIS, label
from sample_data.generate import build_sample

ROOT = Path(__file__).resolve().parent.parent
YEAR, D = 2025, dt.date(2025, 12, 31)
KORPS, NETWERK = Access("commissaris.test", "korpsleiding"), Access("netwerk.test", "netwerk")
FRENCH_SHEETS = ["Page de garde", "Synthèse", "Critères d'évaluation", "Plaintes", "Notes de fonctionnement",
                 "Dossiers disciplinaires", "Signalements", "Plan d'action", "Risques", "Points d'attention", "Indicateurs",
                 "Références", "Définitions"]


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('export_fr') / 'zone.sqlite'}"
    engine = connect(url)
    with engine.begin() as conn:
        for name, rows in build_sample(dt.date(2026, 3, 1)).items():
            if rows:  # Referenties: a new database holds the published references (migration 0004)
                conn.execute(REGISTER_TABLES[name].insert(), rows)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def workbooks(sample_url) -> dict[tuple[str, bool], openpyxl.Workbook]:
    engine = connect(sample_url)
    try:
        return {
            (lang, anonymised): openpyxl.load_workbook(io.BytesIO(build_workbook(
                engine, NETWERK if anonymised else KORPS, YEAR, D, anonymised=anonymised, zone="ZP Test", lang=lang)))
            for lang in ("nl", "fr") for anonymised in (False, True)
        }
    finally:
        engine.dispose()


def _table(ws, name: str) -> list[list]:
    first, last = ws.tables[name].ref.split(":")
    return [[c.value for c in row] for row in ws[first:last]]


def _texts(wb) -> set[str]:
    return {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}


def test_french_workbook_opens_with_french_sheet_names(workbooks):
    for anonymised in (False, True):
        wb = workbooks[("fr", anonymised)]
        assert [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"] == FRENCH_SHEETS
        assert all(ws.title == "Données des graphiques" for ws in wb.worksheets if ws.sheet_state == "hidden")
    with language("fr"):
        assert sheets.sheet_names() == FRENCH_SHEETS
    assert sheets.sheet_names()[:2] == ["Voorblad", "Samenvatting"]  # and Dutch outside the block


def test_french_summary_has_the_dutch_figures_under_french_labels(workbooks):
    """Both versions: every figure, marker and explanation equal to the Dutch workbook's, under
    French labels (each build computes the netwerk release anew; the solver is deterministic)."""
    for anonymised in (False, True):
        nl = _table(workbooks[("nl", anonymised)]["Samenvatting"], "Samenvatting")
        fr = _table(workbooks[("fr", anonymised)]["Synthèse"], "Samenvatting")
        assert fr[0] == ["Registre", "Indicateur", "2025", "2024", "Différence", "Explication"]
        assert len(fr) == len(nl)
        by_label = {label(k, "fr"): k for k in KPIS}
        for row_nl, row_fr in zip(nl[1:], fr[1:]):
            kpi = by_label[row_fr[1]]
            assert row_nl[1] == kpi.label and row_fr[0] == terms.label(kpi.register, "fr")
            for a, b in zip(row_nl[2:5], row_fr[2:5]):
                if isinstance(a, str):  # a marker or 'geen gegevens': the same thing in French
                    assert b == {"geen gegevens": "pas de données", "verborgen": "masqué"}.get(a, a)
                else:
                    assert a == b


def test_french_splits_criteria_and_register_rows_speak_french(workbooks):
    nl, fr = workbooks[("nl", False)], workbooks[("fr", False)]
    channels = _table(fr["Plaintes"], "complaints_by_channel")
    assert channels[0] == ["Canal", "2025", "2024"]
    assert [r[0] for r in channels[1:]] == list(terms.values(BY_NAME["klachten"].column("kanaal"), "fr"))
    assert [r[1:] for r in channels[1:]] == [r[1:] for r in _table(nl["Klachten"], "complaints_by_channel")[1:]]
    criteria = _table(fr["Critères d'évaluation"], "Evaluatiecriteria")
    assert criteria[0][:7] == ["Critère", "Description", "Indicateur", "Valeur", "Norme", "Sens", "Statut"]
    assert {r[5] for r in criteria[1:]} <= {"au moins", "au plus"}
    assert {r[6] for r in criteria[1:]} <= {"atteint", "non atteint", "pas de données"}
    rules = sorted(r.formula[0] for cf in fr["Critères d'évaluation"].conditional_formatting for r in cf.rules)
    assert rules == ['"atteint"', '"non atteint"', '"pas de données"']
    dossiers = _table(fr["Plaintes"], "klachten_dossiers")
    assert dossiers[0][:3] == ["Numéro de dossier", "Date de réception", "Canal"]
    assert {r[2] for r in dossiers[1:]} <= set(terms.values(BY_NAME["klachten"].column("kanaal"), "fr"))
    assert "citoyen" in {r[2] for r in dossiers[1:]}


def test_no_dutch_label_left_in_the_french_workbook(workbooks):
    """Every text the product writes (sheet names, headers, KPI names, register labels, list
    values) is French; what is left in Dutch is what people typed in the registers."""
    dutch = {k.label for k in KPIS} | {r.label for r in REGISTERS} | {r.sheet for r in REGISTERS}
    dutch |= {c.header.capitalize() for r in REGISTERS for c in r.columns}
    dutch |= {v for r in REGISTERS for c in r.columns if c.type == "enum" for v in c.values}
    dutch |= {"Samenvatting", "Voorblad", "Peildatum", "Kerncijfers", "geen gegevens", "verborgen", "Politiezone"}
    for (lang, anonymised), wb in workbooks.items():
        if lang != "fr":
            continue
        same = {t for t in dutch if terms.header_key(t) in {terms.header_key(f) for f in _french_equal()}}
        left = (_texts(wb) & dutch) - same
        typed = {"korpschef", "integriteitscoördinator"}  # the action plan's trekker is free text
        assert left - typed == set(), (anonymised, sorted(left - typed))
        # why a figure is hidden (kpis.disclosure, an i18n.Text) is French too
        said = [t for t in _texts(wb) if "Verborgen" in t or "netwerkweergave" in t or "Peildatum" in t]
        assert said == [], (anonymised, said[:3])
    notes = _texts(workbooks[("fr", True)])
    assert any(t.startswith("Masqué : ") for t in notes)
    assert "Pas dans la vue réseau : ce qui est en retard" in " ".join(notes)


def _french_equal() -> set[str]:
    """Words both languages write alike (AIG, Comité P, ...)."""
    out = set()
    for r in REGISTERS:
        for c in r.columns:
            out |= {v for v in c.values if terms.value(v, "fr") == v}
            if terms.header(c, "fr").lower() == c.header.lower():
                out.add(c.header.capitalize())
    return out


def test_file_name_and_command_in_french(sample_url, tmp_path):
    with language("fr"):
        assert export_file_name(2025, None, anonymised=True) == "evaluation_annuelle_integrite_2025_anonymisee.xlsx"
    assert export_file_name(2025, None, anonymised=True) == "jaarevaluatie_integriteit_2025_geanonimiseerd.xlsx"
    out = tmp_path / "export.xlsx"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.export", "--year", "2025", "--out", str(out), "--anonymised", "--lang", "fr",
         "--database-url", sample_url, "--user", "t"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Export annuel 2025 (anonymisée) écrit : {out} (")
    assert openpyxl.load_workbook(out).sheetnames[:2] == ["Page de garde", "Synthèse"]
    done = subprocess.run([sys.executable, "-m", "dashboard.export", "--year", "2025", "--out", str(tmp_path / "x.csv"),
                           "--lang", "fr"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stderr.strip() == f"Le fichier de sortie doit se terminer par .xlsx : {tmp_path / 'x.csv'}"
