"""The yearly workbook's sheets "Risico's" and "Referenties".

Risico's: the risk analysis at the reference date (kpis.risicos): the 5 x 5 matrix of active
risks (kans x impact), the risks per level and per process, and the risks themselves with the
actions that treat them. The register names processes and functions, never persons: the
anonymised version holds the same (taken from the netwerk release, as the screen's netwerk view).
Referenties: each external reference (register Referenties) beside the zone's own figure of the
year, with its source, year and population; a comparison, never a norm.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from dashboard.export.content import ExportContent
from dashboard.export.layout import UNIT_FORMATS, finish, heading, kpi_value, num
from data_access import xlsx_writer as xw
from data_access.registers import RISK_PROCESSES
from kpis.catalog import BY_ID
from kpis.risicos import LEVELS, SCALE, level

SHEET_RISKS = "Risico's"
SHEET_REFERENCES = "Referenties"
PURPOSE = {
    SHEET_RISKS: "De risicoanalyse: matrix kans × impact, risico's per niveau en per proces, en elk risico met zijn acties.",
    SHEET_REFERENCES: "Externe referenties naast de eigen cijfers, met bron, jaar en populatie (ter vergelijking, geen norm).",
}


def write_risks(ws: Worksheet, content: ExportContent) -> None:
    s = content.settings
    top = heading(ws, content, f"Risicoanalyse op {content.as_of:%d/%m/%Y}",
                  f"Score = kans × impact; hoog vanaf {s['risk_high_score']}, midden vanaf {s['risk_medium_score']}.")
    risks = content.risks
    if risks is None:
        xw.write_note(ws, top, "Niet in deze versie: enkel de jaren tot en met vandaag, elk op één peildatum.")
        finish(ws, content, freeze_row=top)
        return
    if content.anonymised:
        xw.write_note(ws, top, "De risicoanalyse noemt processen en functies, geen personen: haar aantallen staan er volledig.")
        top += 1
    cells = risks.matrix()
    xw.write_title(ws, top, "Actieve risico's per kans (rijen) en impact (kolommen)", font=xw.SUBTITLE_FONT)
    rows = [[f"kans {k}", *(xw.Fmt(cells[(k, i)], xw.FMT_COUNT) for i in SCALE)] for k in reversed(SCALE)]
    block = xw.write_table(ws, top + 1, [xw.Col("Kans"), *(num(f"impact {i}") for i in SCALE)], rows, name="Risicomatrix")
    row = block.next_row
    xw.write_note(ws, row, "Niveau per cel: " + "; ".join(
        f"{lvl}: " + ", ".join(f"{k}×{i}" for k in SCALE for i in SCALE if level(k * i, s) == lvl) for lvl in LEVELS[:2]
    ) + "; de andere cellen laag.")
    blocks = [(top, row)]
    row += 2
    by_level = content.report.kpis.get("risks_by_level") or {}
    xw.write_title(ws, row, "Per niveau", font=xw.SUBTITLE_FONT)
    block = xw.write_table(ws, row + 1, [xw.Col("Niveau"), num("Actieve risico's")],
                           [[lvl, xw.Fmt(by_level.get(lvl, 0), xw.FMT_COUNT)] for lvl in LEVELS], name="Risicos_per_niveau")
    row = block.next_row + 1
    by_process = content.report.kpis.get("risks_by_process") or {}
    xw.write_title(ws, row, "Per proces", font=xw.SUBTITLE_FONT)
    block = xw.write_table(ws, row + 1, [xw.Col("Proces"), num("Actieve risico's")],
                           [[p, xw.Fmt(by_process.get(p, 0), xw.FMT_COUNT)] for p in RISK_PROCESSES], name="Risicos_per_proces")
    row = block.next_row + 1
    xw.write_title(ws, row, f"Risico's ({len(risks.risks)}, afgesloten inbegrepen)", font=xw.SUBTITLE_FONT)
    columns = [xw.Col("Risico"), xw.Col("Proces"), xw.Col("Omschrijving"), xw.Col("Kritieke functie"), num("Kans"),
               num("Impact"), num("Score"), xw.Col("Niveau"), xw.Col("Status"), xw.Col("Eigenaar"), xw.Col("Datum analyse"),
               xw.Col("Herziening"), xw.Col("Acties (status)")]
    rows = [
        [r.risico_id, r.proces, r.omschrijving, r.kritieke_functie, xw.Fmt(r.kans, xw.FMT_COUNT), xw.Fmt(r.impact, xw.FMT_COUNT),
         xw.Fmt(r.score, xw.FMT_COUNT), r.level, r.status, r.eigenaar, xw.Fmt(r.datum_analyse, xw.FMT_DATE),
         xw.Fmt(r.herziening, xw.FMT_DATE) if r.herziening else None, r.actions_text]
        for r in sorted(risks.risks, key=lambda r: (not r.active, -r.score, r.risico_id))
    ]
    xw.write_table(ws, row + 1, columns, rows, name="Risicos")
    finish(ws, content, freeze_row=top - 1, maximum=50, blocks=blocks)


def write_references(ws: Worksheet, content: ExportContent) -> None:
    top = heading(ws, content, "Referenties", "Gepubliceerde cijfers om mee te vergelijken: geen norm, geen oordeel.")
    columns = [xw.Col("Indicator"), xw.Col("Id"), num(f"Zone {content.year}"), num("Referentie"), num("Jaar referentie"),
               xw.Col("Populatie"), xw.Col("Bron")]
    rows = []
    for kpi_id, refs in content.references.items():
        kpi = BY_ID.get(kpi_id)
        if kpi is None:
            continue
        for ref in refs:
            rows.append([kpi.label, kpi_id, kpi_value(content.report, kpi), xw.Fmt(ref.on_kpi_scale, UNIT_FORMATS[kpi.unit]),
                         xw.Fmt(ref.jaar, "0"), ref.populatie, ref.bron])
    if rows:
        xw.write_table(ws, top, columns, rows, name="Referenties")
    else:
        xw.write_note(ws, top, "Geen referenties in het register Referenties.")
    finish(ws, content, freeze_row=top)
