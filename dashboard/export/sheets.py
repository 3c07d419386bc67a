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

from dashboard.export.content import CASE_REGISTERS, DEFAULT_ZONE, AlertCounts, ExportContent
from dashboard.export.layout import (
    CHART_HEIGHT_CM,
    STATUS_FILLS,
    STATUS_FONTS,
    UNIT_FORMATS,
    UNIT_LABELS,
    action_colors,
    chart_rows,
    finish,
    header_title,
    heading,
    hidden,
    kpi_table,
    kpi_value,
    marker,
    num,
    plain,
    reasons,
    scalar_kpis,
    suppression_note,
    title,
    write_rows,
)
from dashboard.export.registers import register_sheet_name, write_register
from dashboard.export.risks import PURPOSE as RISK_PURPOSE, SHEET_REFERENCES, SHEET_RISKS, write_references, write_risks
from dashboard.style.formatting import NO_DATA
from data_access import register_terms as terms, xlsx_charts as xc, xlsx_print as xp, xlsx_writer as xw
from data_access.settings import SETTINGS
from i18n import N_, NP_, _, shown
from kpis.catalog import BY_ID, KPIS, KpiDef, definition, kpi_for_indicator, label
from kpis.criteria import MET, NO_DATA as CRIT_NO_DATA, NOT_MET

# The sheets' names in Dutch; title() gives them in the current language.
SHEET_SUMMARY = NP_("sheet", "Samenvatting")
SHEET_CRITERIA = NP_("sheet", "Evaluatiecriteria")
SHEET_ACTIONS = NP_("sheet", "Actieplan")
SHEET_ALERTS = NP_("sheet", "Aandachtspunten")
SHEET_INDICATORS = NP_("sheet", "Indicatoren")
SHEET_DEFINITIONS = NP_("sheet", "Definities")
SHEET_COVER = NP_("sheet", "Voorblad")


def sheet_names() -> list[str]:
    """Every sheet, in workbook order, in the current language."""
    return [
        title(SHEET_COVER),
        title(SHEET_SUMMARY),
        title(SHEET_CRITERIA),
        *(register_sheet_name(r) for r in CASE_REGISTERS),
        title(SHEET_ACTIONS),
        title(SHEET_RISKS),
        title(SHEET_ALERTS),
        title(SHEET_INDICATORS),
        title(SHEET_REFERENCES),
        title(SHEET_DEFINITIONS),
    ]


SHEET_PURPOSE = {  # shown with _()
    SHEET_SUMMARY: N_("Elk kerncijfer van het jaar naast vorig jaar, met het verschil."),
    SHEET_CRITERIA: N_("De evaluatiecriteria: waarde, norm, richting en status."),
    SHEET_ACTIONS: N_("Het actieplan: stand per strategische doelstelling en de acties."),
    SHEET_ALERTS: N_("Wat op de peildatum aandacht vraagt."),
    SHEET_INDICATORS: N_("De gemeten indicatoren van het jaar."),
    SHEET_DEFINITIONS: N_("De definitie van elke indicator en de gebruikte normen."),
    **RISK_PURPOSE,
}


def write_workbook(content: ExportContent) -> Workbook:
    wb = xw.new_workbook()
    wb.properties.title = _("Jaarevaluatie integriteitsbeleid {year}").format(year=content.year)
    wb.properties.creator = content.made_by
    wb.properties.keywords = content.version_label
    cover = wb.create_sheet(title(SHEET_COVER))
    write_summary(wb.create_sheet(title(SHEET_SUMMARY)), content)
    write_criteria(wb.create_sheet(title(SHEET_CRITERIA)), content)
    for register in CASE_REGISTERS:
        write_register(wb.create_sheet(register_sheet_name(register)), content, register)
    write_actions(wb.create_sheet(title(SHEET_ACTIONS)), content)
    write_risks(wb.create_sheet(title(SHEET_RISKS)), content)
    write_alerts(wb.create_sheet(title(SHEET_ALERTS)), content)
    write_indicators(wb.create_sheet(title(SHEET_INDICATORS)), content)
    write_references(wb.create_sheet(title(SHEET_REFERENCES)), content)
    write_definitions(wb.create_sheet(title(SHEET_DEFINITIONS)), content)
    write_cover(cover, content)
    charts = xc.chart_data_title()
    if charts in wb.sheetnames:  # the hidden chart copies go last
        wb.move_sheet(charts, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(charts))
    wb.active = 0
    return wb


# --- Voorblad ---------------------------------------------------------------------------------


def write_cover(ws: Worksheet, content: ExportContent) -> None:
    xw.write_title(ws, 1, _("Jaarevaluatie integriteitsbeleid {year}").format(year=content.year))
    named = content.zone != DEFAULT_ZONE  # without a name, no 'Politiezone / Politiezone'
    if named:
        xw.write_title(ws, 2, content.zone, font=xw.SUBTITLE_FONT)
    if content.anonymised:
        audience = _("Alle medewerkers: geanonimiseerde terugkoppeling (beleidsplan 3.1.4.4).")
    else:
        audience = _("Korpsleiding en integriteitscoördinator: bevat dossiers en persoonsgegevens. Niet verspreiden.")
    facts = [
        (_("Politiezone"), content.zone if named else _("geen naam ingesteld (pagina Instellingen)"), False),
        (_("Jaar"), content.year, False),
        (_("Peildatum"), content.as_of, False),
        (_("Vergeleken met"), _("{year}, peildatum {date}").format(
            year=content.year - 1, date=f"{content.previous_as_of:%d/%m/%Y}"), False),
        (_("Gemaakt op"), content.made_at, False),
        (_("Gemaakt door"), content.made_by, False),
        (_("Versie"), content.version_label, True),
        (_("Bestemd voor"), audience, True),
    ]
    if content.anonymised:
        facts.append((_("Kleine aantallen"), suppression_note(content), False))
    facts.append((_("Bron"), _("De registers in het dashboard integriteitsbeleid; definities op het blad {sheet}.").format(
        sheet=title(SHEET_DEFINITIONS)), False))
    row = 4
    for fact, value, warn in facts:
        xw.write_value(ws, row, 1, fact).font = Font(bold=True)
        cell = xw.write_value(ws, row, 2, value, "0" if isinstance(value, int) else None)
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        if warn and not content.anonymised:
            cell.font = Font(bold=True, color="C00000")
        row += 1
    row += 1
    xw.write_title(ws, row, _("Inhoud"), font=xw.SUBTITLE_FONT)
    row += 1
    purposes = {
        **{title(sheet): _(purpose) for sheet, purpose in SHEET_PURPOSE.items()},
        **{register_sheet_name(r): _("{register}: kerncijfers, verdelingen en cijfers per {period}.").format(
            register=terms.label(r), period=_(content.series[r].period)) for r in CASE_REGISTERS},
    }
    for name in sheet_names()[1:]:
        xw.link_to_sheet(xw.write_value(ws, row, 1, name), name)
        xw.write_value(ws, row, 2, purposes[name])
        row += 1
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 95
    xp.print_setup(ws, title=header_title(content), landscape=False)


# --- Samenvatting -----------------------------------------------------------------------------


def write_summary(ws: Worksheet, content: ExportContent) -> None:
    note = _(
        "Vorig jaar: peildatum {date}. Verschil = {year} min {previous} (bij percentages in procentpunt)."
    ).format(date=f"{content.previous_as_of:%d/%m/%Y}", year=content.year, previous=content.year - 1)
    top = heading(ws, content, f"{title(SHEET_SUMMARY)} {content.year}", note)
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
    top = heading(ws, content, f"{title(SHEET_CRITERIA)} {content.year}",
                  _("Voorgesteld door het integriteitsnetwerk, gevalideerd door de korpsleiding."))
    columns = [
        xw.Col(_("Criterium")),
        xw.Col(_("Omschrijving")),
        xw.Col(_("Indicator")),
        num(_("Waarde")),
        num(_("Norm")),
        xw.Col(_("Richting")),
        xw.Col(_("Status")),
        xw.Col(_("Gevalideerd op")),
        xw.Col(_("Toelichting")),
    ]
    rows = []
    for c in content.report.criteria:
        kpi = _criterion_kpi(c.indicator)
        if c.value is None:  # hidden (as on the screen: 'verborgen', the problem says why) or no data
            value = hidden() if kpi is not None and kpi.id in reasons(content.report) else _(NO_DATA)
        else:
            value = _criterion_cell(c.indicator, c.value)
        validated = c.validated_on or _("ontwerp")
        indicator = label(kpi) if kpi else terms.indicator(c.indicator)
        rows.append([c.id, c.omschrijving, indicator, value, _criterion_cell(c.indicator, c.norm), terms.value(c.richting),
                     _(c.status), validated, shown(c.problem)])
    block = xw.write_table(ws, top, columns, rows, name="Evaluatiecriteria")
    status_col = get_column_letter(block.first_col + 6)
    status_range = f"{status_col}{block.first_row}:{status_col}{block.last_row}"
    for status, fill in STATUS_FILLS.items():
        rule = CellIsRule(operator="equal", formula=[f'"{_(status)}"'], fill=fill, font=STATUS_FONTS[status])
        ws.conditional_formatting.add(status_range, rule)
    row = block.next_row
    xw.write_title(ws, row, _("Telling"), font=xw.SUBTITLE_FONT)
    counts = [BY_ID[i] for i in ("criteria_met", "criteria_not_met", "criteria_no_data")]
    xw.write_table(
        ws,
        row + 1,
        [xw.Col(_("Status")), num(_("Aantal"))],
        [[label(k), kpi_value(content.report, k)] for k in counts],
        name="Criteria_telling",
    )
    finish(ws, content, freeze_row=top, maximum=35, blocks=[(row, row + 4)])


# --- Actieplan --------------------------------------------------------------------------------


def write_actions(ws: Worksheet, content: ExportContent) -> None:
    top = heading(ws, content, f"{title(SHEET_ACTIONS)} {content.year}",
                  _("Acties met een deadline of startdatum in het jaar, niet geschrapt."))
    xw.write_title(ws, top, _("Stand per strategische doelstelling"), font=xw.SUBTITLE_FONT)
    by_goal = content.report.kpis.get("actions_by_goal") or {}
    rows = []
    for goal, part in by_goal.items():
        total, done = part.get("total"), part.get("afgerond")
        share = done / total if isinstance(total, int) and isinstance(done, int) and total else None
        rows.append([terms.value(goal), *(xw.Fmt(part.get(k), xw.FMT_COUNT) if isinstance(part.get(k), int) else part.get(k) for k in ("total", "afgerond", "overdue")), xw.Fmt(share, xw.FMT_PERCENT)])
    columns = [xw.Col(_("Strategische doelstelling")), num(_("Acties")), num(_("Afgerond")), num(_("Over deadline")),
               num(_("Aandeel afgerond"))]
    block = xw.write_table(ws, top + 1, columns, rows, name="Actieplan_per_doelstelling")
    row = block.next_row
    if rows:  # below the table: the items' wide text columns share these columns
        refs = xc.chart_columns(ws, block, [1, 2, 3])
        xc.bar_chart(ws, f"A{row}", block.column_ref(ws, 0, with_header=False), refs,
                     title=label(BY_ID["actions_by_goal"]), y_title=_("aantal"), width=18, colors=action_colors())
        row += chart_rows(CHART_HEIGHT_CM)
    blocks = [(top, row - 2)]
    xw.write_title(ws, row, _("Acties ({count})").format(count=len(content.actions)), font=xw.SUBTITLE_FONT)
    table = write_rows(ws, row + 1, "actieplan", content.actions, name="Acties")
    blocks.append((row, min(table.last_row, row + 6)))
    finish(ws, content, freeze_row=2, maximum=40, blocks=blocks)


# --- Aandachtspunten --------------------------------------------------------------------------


def write_alerts(ws: Worksheet, content: ExportContent) -> None:
    alerts = content.alerts
    if isinstance(alerts, AlertCounts):
        top = heading(ws, content, _alerts_title(content), _("Enkel het aantal per soort."))
        if alerts.counts is None:  # withheld: a small count could be recomputed
            xw.write_note(ws, top, shown(alerts.reason))
        else:
            rows = [[_(kind), xw.Fmt(n, xw.FMT_COUNT) if isinstance(n, int) else marker(n)] for kind, n in alerts.counts.items()]
            xw.write_table(ws, top, [xw.Col(_("Soort")), num(_("Aantal"))], rows, name="Aandachtspunten")
        finish(ws, content, freeze_row=top)
        return
    top = heading(ws, content, _alerts_title(content), _("Open items voorbij of dicht bij hun termijn, dringendste eerst."))
    columns = [
        xw.Col(_("Soort")),
        xw.Col(_("Register")),
        xw.Col(_("Dossier of actie")),
        xw.Col(_("Termijn")),
        num(_("Dagen te laat")),
        xw.Col(_("Omschrijving")),
    ]
    rows = [
        [_(a.kind), terms.label(a.register), a.key, plain(a.due), xw.Fmt(int(a.days_late), xw.FMT_DELTA_COUNT), shown(a.text)]
        for a in alerts.itertuples(index=False)
    ]
    xw.write_table(ws, top, columns, rows, name="Aandachtspunten")
    xw.write_note(ws, 3, _("Dagen te laat: positief = termijn verstreken, negatief = dagen die nog resten."))
    finish(ws, content, freeze_row=top, maximum=70)


def _alerts_title(content: ExportContent) -> str:
    return _("{sheet} op {date}").format(sheet=title(SHEET_ALERTS), date=f"{content.as_of:%d/%m/%Y}")


# --- Indicatoren and Definities ---------------------------------------------------------------


def write_indicators(ws: Worksheet, content: ExportContent) -> None:
    top = heading(ws, content, f"{title(SHEET_INDICATORS)} {content.year}",
                  _("Gemeten waarden uit het register {register}.").format(register=terms.label("indicatoren")))
    write_rows(ws, top, "indicatoren", content.indicators, name="Indicatoren")
    finish(ws, content, freeze_row=top)


def write_definitions(ws: Worksheet, content: ExportContent) -> None:
    top = heading(ws, content, title(SHEET_DEFINITIONS),
                  _("De tekst van de KPI-catalogus; 'in het jaar' betekent tussen 1 januari en de peildatum."))
    rows = [[terms.label(k.register), label(k), k.id, _(UNIT_LABELS[k.unit]), definition(k)] for k in KPIS]
    block = xw.write_table(
        ws,
        top,
        [xw.Col(_("Register")), xw.Col(_("Indicator")), xw.Col(_("Id")), xw.Col(_("Eenheid")),
         xw.Col(_("Definitie"), width=90)],
        rows,
        name="Definities",
    )
    row = block.next_row
    xw.write_title(ws, row, _("Gebruikte normen"), font=xw.SUBTITLE_FONT)
    norms = [[_(s.label), xw.Fmt(content.settings[s.key], xw.FMT_COUNT)] for s in SETTINGS]
    block = xw.write_table(ws, row + 1, [xw.Col(_("Norm")), num(_("Waarde"))], norms, name="Normen")
    blocks = [(row, block.last_row)]
    row = block.next_row
    notes = [
        _("Status van een criterium: '{met}' als de waarde de norm haalt in de gevraagde richting "
          "({at_least} of {at_most}), '{not_met}' als niet, '{no_data}' zonder waarde.").format(
            met=_(MET), at_least=terms.value("minstens"), at_most=terms.value("hoogstens"), not_met=_(NOT_MET),
            no_data=_(CRIT_NO_DATA)),
        _("Verschil met vorig jaar: dezelfde definitie, op dezelfde dag een jaar eerder."),
    ]
    for note in notes:
        xw.write_note(ws, row, note)
        row += 1
    finish(ws, content, freeze_row=top, maximum=45, blocks=blocks)  # Definitie keeps its own width
