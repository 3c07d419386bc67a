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
from dashboard.export.layout import UNIT_FORMATS, finish, heading, kpi_value, num, title
from data_access import register_terms as terms, xlsx_writer as xw
from data_access.registers import RISK_PROCESSES
from i18n import N_, NP_, _
from kpis.catalog import BY_ID, label
from kpis.risicos import LEVELS, SCALE, level

SHEET_RISKS = NP_("sheet", "Risico's")
SHEET_REFERENCES = NP_("sheet", "Referenties")
LEVEL_NAMES = (N_("hoog"), N_("midden"), N_("laag"))  # kpis.risicos.LEVELS, shown with _()
PURPOSE = {  # shown with _()
    SHEET_RISKS: N_("De risicoanalyse: matrix kans × impact, risico's per niveau en per proces, en elk risico met zijn acties."),
    SHEET_REFERENCES: N_("Externe referenties naast de eigen cijfers, met bron, jaar en populatie (ter vergelijking, geen norm)."),
}


def write_risks(ws: Worksheet, content: ExportContent) -> None:
    s = content.settings
    top = heading(ws, content, _("Risicoanalyse op {date}").format(date=f"{content.as_of:%d/%m/%Y}"),
                  _("Score = kans × impact; hoog vanaf {high}, midden vanaf {medium}.").format(
                      high=s["risk_high_score"], medium=s["risk_medium_score"]))
    risks = content.risks
    if risks is None:
        xw.write_note(ws, top, _("Niet in deze versie: enkel de jaren tot en met vandaag, elk op één peildatum."))
        finish(ws, content, freeze_row=top)
        return
    if content.anonymised:
        xw.write_note(ws, top, _("De risicoanalyse noemt processen en functies, geen personen: haar aantallen staan er volledig."))
        top += 1
    cells = risks.matrix()
    xw.write_title(ws, top, _("Actieve risico's per kans (rijen) en impact (kolommen)"), font=xw.SUBTITLE_FONT)
    rows = [[_("kans {k}").format(k=k), *(xw.Fmt(cells[(k, i)], xw.FMT_COUNT) for i in SCALE)] for k in reversed(SCALE)]
    block = xw.write_table(ws, top + 1, [xw.Col(_("Kans")), *(num(_("impact {i}").format(i=i)) for i in SCALE)], rows, name="Risicomatrix")
    row = block.next_row
    xw.write_note(ws, row, _("Niveau per cel: {cells}; de andere cellen laag.").format(cells="; ".join(
        f"{_(lvl)}: " + ", ".join(f"{k}×{i}" for k in SCALE for i in SCALE if level(k * i, s) == lvl) for lvl in LEVELS[:2]
    )))
    blocks = [(top, row)]
    row += 2
    by_level = content.report.kpis.get("risks_by_level") or {}
    xw.write_title(ws, row, _("Per niveau"), font=xw.SUBTITLE_FONT)
    block = xw.write_table(ws, row + 1, [xw.Col(_("Niveau")), num(_("Actieve risico's"))],
                           [[_(lvl), xw.Fmt(by_level.get(lvl, 0), xw.FMT_COUNT)] for lvl in LEVELS], name="Risicos_per_niveau")
    row = block.next_row + 1
    by_process = content.report.kpis.get("risks_by_process") or {}
    xw.write_title(ws, row, _("Per proces"), font=xw.SUBTITLE_FONT)
    block = xw.write_table(ws, row + 1, [xw.Col(_("Proces")), num(_("Actieve risico's"))],
                           [[terms.value(p), xw.Fmt(by_process.get(p, 0), xw.FMT_COUNT)] for p in RISK_PROCESSES], name="Risicos_per_proces")
    row = block.next_row + 1
    xw.write_title(ws, row, _("Risico's ({count}, afgesloten inbegrepen)").format(count=len(risks.risks)), font=xw.SUBTITLE_FONT)
    columns = [xw.Col(_("Risico")), xw.Col(_("Proces")), xw.Col(_("Omschrijving")), xw.Col(_("Kritieke functie")),
               num(_("Kans")), num(_("Impact")), num(_("Score")), xw.Col(_("Niveau")), xw.Col(_("Status")),
               xw.Col(_("Eigenaar")), xw.Col(_("Datum analyse")), xw.Col(_("Herziening")), xw.Col(_("Acties (status)"))]
    rows = [
        [r.risico_id, terms.value(r.proces), r.omschrijving, r.kritieke_functie, xw.Fmt(r.kans, xw.FMT_COUNT), xw.Fmt(r.impact, xw.FMT_COUNT),
         xw.Fmt(r.score, xw.FMT_COUNT), _(r.level), terms.value(r.status), r.eigenaar, xw.Fmt(r.datum_analyse, xw.FMT_DATE),
         xw.Fmt(r.herziening, xw.FMT_DATE) if r.herziening else None, _actions_text(r)]
        for r in sorted(risks.risks, key=lambda r: (not r.active, -r.score, r.risico_id))
    ]
    xw.write_table(ws, row + 1, columns, rows, name="Risicos")
    finish(ws, content, freeze_row=top - 1, maximum=50, blocks=blocks)


def _actions_text(risk) -> str:
    """kpis.risicos.Risk.actions_text in the current language."""
    return "; ".join(f"{a.actie_id} ({terms.value(a.status) if a.status else _('niet in het actieplan')})"
                     for a in risk.actions)


def write_references(ws: Worksheet, content: ExportContent) -> None:
    top = heading(ws, content, title(SHEET_REFERENCES),
                  _("Gepubliceerde cijfers om mee te vergelijken: geen norm, geen oordeel."))
    columns = [xw.Col(_("Indicator")), xw.Col(_("Id")), num(_("Zone {year}").format(year=content.year)), num(_("Referentie")),
               num(_("Jaar referentie")), xw.Col(_("Populatie")), xw.Col(_("Bron"))]
    rows = []
    for kpi_id, refs in content.references.items():
        kpi = BY_ID.get(kpi_id)
        if kpi is None:
            continue
        for ref in refs:
            rows.append([label(kpi), kpi_id, kpi_value(content.report, kpi), xw.Fmt(ref.on_kpi_scale, UNIT_FORMATS[kpi.unit]),
                         xw.Fmt(ref.jaar, "0"), ref.populatie, ref.bron])
    if rows:
        xw.write_table(ws, top, columns, rows, name="Referenties")
    else:
        xw.write_note(ws, top, _("Geen referenties in het register Referenties."))
    finish(ws, content, freeze_row=top)
