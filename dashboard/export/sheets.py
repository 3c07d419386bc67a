"""The sheets of the yearly evaluation workbook, written from an ExportContent.

Every sheet is written from content that dashboard.export.content already made safe for its
version (suppressed, without persons or free text for the anonymised one); these modules only
lay it out: Dutch labels, Excel tables, number formats, native charts, print set-up. This one
holds the workbook's order and the sheets other than the registers' (dashboard.export.registers);
dashboard.export.layout the pieces they share. All cell writing goes through
data_access.xlsx_writer, so register text is never a formula.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from data_access import xlsx_writer as xw
from data_access.registers import BY_NAME
from data_access.settings import SETTINGS
from dashboard.export.content import CASE_REGISTERS, AlertCounts, ExportContent
from dashboard.export.layout import (
    CHART_HEIGHT_CM,
    HIDDEN,
    STATUS_FILLS,
    STATUS_FONTS,
    UNIT_FORMATS,
    UNIT_LABELS,
    action_colors,
    chart_rows,
    finish,
    header_title,
    heading,
    kpi_table,
    kpi_value,
    num,
    plain,
    reasons,
    scalar_kpis,
    suppression_note,
    write_rows,
)
from dashboard.export.registers import register_sheet_name, write_register
from dashboard.style.formatting import NO_DATA
from kpis.catalog import BY_ID, KPIS, KpiDef, kpi_for_indicator
from kpis.criteria import MET, NO_DATA as CRIT_NO_DATA, NOT_MET

SHEET_SUMMARY = "Samenvatting"
SHEET_CRITERIA = "Evaluatiecriteria"
SHEET_ACTIONS = "Actieplan"
SHEET_ALERTS = "Aandachtspunten"
SHEET_INDICATORS = "Indicatoren"
SHEET_DEFINITIONS = "Definities"
SHEET_COVER = "Voorblad"


def sheet_names() -> list[str]:
    """Every sheet, in workbook order."""
    return [
        SHEET_COVER,
        SHEET_SUMMARY,
        SHEET_CRITERIA,
        *(register_sheet_name(r) for r in CASE_REGISTERS),
        SHEET_ACTIONS,
        SHEET_ALERTS,
        SHEET_INDICATORS,
        SHEET_DEFINITIONS,
    ]


SHEET_PURPOSE = {
    SHEET_SUMMARY: "Elk kerncijfer van het jaar naast vorig jaar, met het verschil.",
    SHEET_CRITERIA: "De evaluatiecriteria: waarde, norm, richting en status.",
    SHEET_ACTIONS: "Het actieplan: stand per strategische doelstelling en de acties.",
    SHEET_ALERTS: "Wat op de peildatum aandacht vraagt.",
    SHEET_INDICATORS: "De gemeten indicatoren van het jaar.",
    SHEET_DEFINITIONS: "De definitie van elke indicator en de gebruikte normen.",
}


def write_workbook(content: ExportContent) -> Workbook:
    wb = xw.new_workbook()
    wb.properties.title = f"Jaarevaluatie integriteitsbeleid {content.year}"
    wb.properties.creator = content.made_by
    wb.properties.keywords = content.version_label
    cover = wb.create_sheet(SHEET_COVER)
    write_summary(wb.create_sheet(SHEET_SUMMARY), content)
    write_criteria(wb.create_sheet(SHEET_CRITERIA), content)
    for register in CASE_REGISTERS:
        write_register(wb.create_sheet(register_sheet_name(register)), content, register)
    write_actions(wb.create_sheet(SHEET_ACTIONS), content)
    write_alerts(wb.create_sheet(SHEET_ALERTS), content)
    write_indicators(wb.create_sheet(SHEET_INDICATORS), content)
    write_definitions(wb.create_sheet(SHEET_DEFINITIONS), content)
    write_cover(cover, content)
    if xw.CHART_DATA_SHEET in wb.sheetnames:  # the hidden chart copies go last
        wb.move_sheet(xw.CHART_DATA_SHEET, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(xw.CHART_DATA_SHEET))
    wb.active = 0
    return wb


# --- Voorblad ---------------------------------------------------------------------------------


def write_cover(ws: Worksheet, content: ExportContent) -> None:
    xw.write_title(ws, 1, f"Jaarevaluatie integriteitsbeleid {content.year}")
    xw.write_title(ws, 2, content.zone, font=xw.SUBTITLE_FONT)
    if content.anonymised:
        audience = "Alle medewerkers: geanonimiseerde terugkoppeling (beleidsplan 3.1.4.4)."
    else:
        audience = "Korpsleiding en integriteitscoördinator: bevat dossiers en persoonsgegevens. Niet verspreiden."
    facts = [
        ("Politiezone", content.zone),
        ("Jaar", content.year),
        ("Peildatum", content.as_of),
        ("Vergeleken met", f"{content.year - 1}, peildatum {content.previous_as_of:%d/%m/%Y}"),
        ("Gemaakt op", content.made_at),
        ("Gemaakt door", content.made_by),
        ("Versie", content.version_label),
        ("Bestemd voor", audience),
    ]
    if content.anonymised:
        facts.append(("Kleine aantallen", suppression_note(content)))
    facts.append(("Bron", "De registers in het dashboard integriteitsbeleid; definities op het blad Definities."))
    row = 4
    for label, value in facts:
        xw.write_value(ws, row, 1, label).font = Font(bold=True)
        cell = xw.write_value(ws, row, 2, value, "0" if isinstance(value, int) else None)
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        if label in ("Versie", "Bestemd voor") and not content.anonymised:
            cell.font = Font(bold=True, color="C00000")
        row += 1
    row += 1
    xw.write_title(ws, row, "Inhoud", font=xw.SUBTITLE_FONT)
    row += 1
    purposes = {
        **SHEET_PURPOSE,
        **{register_sheet_name(r): f"{BY_NAME[r].label}: kerncijfers, verdelingen en cijfers per {content.series[r].period}." for r in CASE_REGISTERS},
    }
    for name in sheet_names()[1:]:
        xw.link_to_sheet(xw.write_value(ws, row, 1, name), name)
        xw.write_value(ws, row, 2, purposes[name])
        row += 1
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 95
    xw.print_setup(ws, title=header_title(content), landscape=False)


# --- Samenvatting -----------------------------------------------------------------------------


def write_summary(ws: Worksheet, content: ExportContent) -> None:
    note = (
        f"Vorig jaar: peildatum {content.previous_as_of:%d/%m/%Y}. Verschil = {content.year} min "
        f"{content.year - 1} (bij percentages in procentpunt)."
    )
    top = heading(ws, content, f"Samenvatting {content.year}", note)
    kpi_table(ws, top, content, scalar_kpis(), name="Samenvatting", with_register=True)
    finish(ws, content, freeze_row=top)


# --- Evaluatiecriteria ------------------------------------------------------------------------


def _criterion_kpi(indicator: str) -> KpiDef | None:
    """The KPI a criterion's indicator names (matched like the engine does), or None."""
    return kpi_for_indicator(indicator)


def _criterion_cell(indicator: str, value):
    """A criterion's value or norm in its KPI's unit format; an Indicatoren value as a whole
    number or with decimals as it comes."""
    if value is None:
        return None
    kpi = _criterion_kpi(indicator)
    fmt = UNIT_FORMATS.get(kpi.unit) if kpi else None
    return xw.Fmt(value, fmt or xw.number_format_for(value))


def write_criteria(ws: Worksheet, content: ExportContent) -> None:
    top = heading(ws, content, f"Evaluatiecriteria {content.year}", "Voorgesteld door het integriteitsnetwerk, gevalideerd door de korpsleiding.")
    columns = [
        xw.Col("Criterium"),
        xw.Col("Omschrijving"),
        xw.Col("Indicator"),
        num("Waarde"),
        num("Norm"),
        xw.Col("Richting"),
        xw.Col("Status"),
        xw.Col("Gevalideerd op"),
        xw.Col("Toelichting"),
    ]
    rows = []
    for c in content.report.criteria:
        kpi = _criterion_kpi(c.indicator)
        if c.value is None:  # hidden (as on the screen: 'verborgen', the problem says why) or no data
            value = HIDDEN if kpi is not None and kpi.id in reasons(content.report) else NO_DATA
        else:
            value = _criterion_cell(c.indicator, c.value)
        validated = c.validated_on or "ontwerp"
        rows.append([c.id, c.omschrijving, kpi.label if kpi else c.indicator, value, _criterion_cell(c.indicator, c.norm), c.richting, c.status, validated, c.problem])
    block = xw.write_table(ws, top, columns, rows, name="Evaluatiecriteria")
    status_col = get_column_letter(block.first_col + 6)
    status_range = f"{status_col}{block.first_row}:{status_col}{block.last_row}"
    for status, fill in STATUS_FILLS.items():
        rule = CellIsRule(operator="equal", formula=[f'"{status}"'], fill=fill, font=STATUS_FONTS[status])
        ws.conditional_formatting.add(status_range, rule)
    row = block.next_row
    xw.write_title(ws, row, "Telling", font=xw.SUBTITLE_FONT)
    counts = [BY_ID[i] for i in ("criteria_met", "criteria_not_met", "criteria_no_data")]
    xw.write_table(
        ws,
        row + 1,
        [xw.Col("Status"), num("Aantal")],
        [[k.label, kpi_value(content.report, k)] for k in counts],
        name="Criteria_telling",
    )
    finish(ws, content, freeze_row=top, maximum=35, blocks=[(row, row + 4)])


# --- Actieplan --------------------------------------------------------------------------------


def write_actions(ws: Worksheet, content: ExportContent) -> None:
    top = heading(ws, content, f"Actieplan {content.year}", "Acties met een deadline of startdatum in het jaar, niet geschrapt.")
    xw.write_title(ws, top, "Stand per strategische doelstelling", font=xw.SUBTITLE_FONT)
    by_goal = content.report.kpis.get("actions_by_goal") or {}
    rows = []
    for goal, part in by_goal.items():
        total, done = part.get("total"), part.get("afgerond")
        share = done / total if isinstance(total, int) and isinstance(done, int) and total else None
        rows.append([goal, *(xw.Fmt(part.get(k), xw.FMT_COUNT) if isinstance(part.get(k), int) else part.get(k) for k in ("total", "afgerond", "overdue")), xw.Fmt(share, xw.FMT_PERCENT)])
    columns = [xw.Col("Strategische doelstelling"), num("Acties"), num("Afgerond"), num("Over deadline"), num("Aandeel afgerond")]
    block = xw.write_table(ws, top + 1, columns, rows, name="Actieplan_per_doelstelling")
    row = block.next_row
    if rows:  # below the table: the items' wide text columns share these columns
        refs = xw.chart_columns(ws, block, [1, 2, 3])
        xw.bar_chart(ws, f"A{row}", block.column_ref(ws, 0, with_header=False), refs, title="Acties per strategische doelstelling",
                     y_title="aantal", width=18, colors=action_colors())
        row += chart_rows(CHART_HEIGHT_CM)
    blocks = [(top, row - 2)]
    xw.write_title(ws, row, f"Acties ({len(content.actions)})", font=xw.SUBTITLE_FONT)
    table = write_rows(ws, row + 1, "actieplan", content.actions, name="Acties")
    blocks.append((row, min(table.last_row, row + 6)))
    finish(ws, content, freeze_row=2, maximum=40, blocks=blocks)


# --- Aandachtspunten --------------------------------------------------------------------------


def write_alerts(ws: Worksheet, content: ExportContent) -> None:
    alerts = content.alerts
    if isinstance(alerts, AlertCounts):
        top = heading(ws, content, f"Aandachtspunten op {content.as_of:%d/%m/%Y}", "Enkel het aantal per soort.")
        if alerts.counts is None:  # withheld: a small count could be recomputed
            xw.write_note(ws, top, alerts.reason)
        else:
            rows = [[kind, xw.Fmt(n, xw.FMT_COUNT) if isinstance(n, int) else n] for kind, n in alerts.counts.items()]
            xw.write_table(ws, top, [xw.Col("Soort"), num("Aantal")], rows, name="Aandachtspunten")
        finish(ws, content, freeze_row=top)
        return
    top = heading(ws, content, f"Aandachtspunten op {content.as_of:%d/%m/%Y}", "Open items voorbij of dicht bij hun termijn, dringendste eerst.")
    columns = [
        xw.Col("Soort"),
        xw.Col("Register"),
        xw.Col("Dossier of actie"),
        xw.Col("Termijn"),
        num("Dagen te laat"),
        xw.Col("Omschrijving"),
    ]
    rows = [
        [a.kind, BY_NAME[a.register].label, a.key, plain(a.due), xw.Fmt(int(a.days_late), xw.FMT_DELTA_COUNT), a.text]
        for a in alerts.itertuples(index=False)
    ]
    xw.write_table(ws, top, columns, rows, name="Aandachtspunten")
    xw.write_note(ws, 3, "Dagen te laat: positief = termijn verstreken, negatief = dagen die nog resten.")
    finish(ws, content, freeze_row=top, maximum=70)


# --- Indicatoren and Definities ---------------------------------------------------------------


def write_indicators(ws: Worksheet, content: ExportContent) -> None:
    top = heading(ws, content, f"Indicatoren {content.year}", "Gemeten waarden uit het register Indicatoren.")
    write_rows(ws, top, "indicatoren", content.indicators, name="Indicatoren")
    finish(ws, content, freeze_row=top)


def write_definitions(ws: Worksheet, content: ExportContent) -> None:
    top = heading(ws, content, "Definities", "De tekst van de KPI-catalogus; 'in het jaar' betekent tussen 1 januari en de peildatum.")
    rows = [[BY_NAME[k.register].label, k.label, k.id, UNIT_LABELS[k.unit], k.definition] for k in KPIS]
    block = xw.write_table(
        ws,
        top,
        [xw.Col("Register"), xw.Col("Indicator"), xw.Col("Id"), xw.Col("Eenheid"), xw.Col("Definitie", width=90)],
        rows,
        name="Definities",
    )
    row = block.next_row
    xw.write_title(ws, row, "Gebruikte normen", font=xw.SUBTITLE_FONT)
    norms = [[s.label, xw.Fmt(content.settings[s.key], xw.FMT_COUNT)] for s in SETTINGS]
    block = xw.write_table(ws, row + 1, [xw.Col("Norm"), num("Waarde")], norms, name="Normen")
    blocks = [(row, block.last_row)]
    row = block.next_row
    notes = [
        f"Status van een criterium: '{MET}' als de waarde de norm haalt in de gevraagde richting "
        f"(minstens of hoogstens), '{NOT_MET}' als niet, '{CRIT_NO_DATA}' zonder waarde.",
        "Verschil met vorig jaar: dezelfde definitie, op dezelfde dag een jaar eerder.",
    ]
    for note in notes:
        xw.write_note(ws, row, note)
        row += 1
    finish(ws, content, freeze_row=top, maximum=45, blocks=blocks)  # Definitie keeps its own width
