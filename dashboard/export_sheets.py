"""The sheets of the yearly evaluation workbook, written from an ExportContent.

Every sheet is written from content that dashboard.export_content already made safe for its
version (suppressed, without persons or free text for the anonymised one); this module only
lays it out: Dutch labels, Excel tables, number formats, native charts, print set-up. All cell
writing goes through data_access.xlsx_writer, so register text is never a formula.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from data_access import xlsx_writer as xw
from data_access.registers import BY_NAME, header_key
from data_access.settings import SETTINGS
from dashboard.export_content import CASE_REGISTERS, AlertCounts, ExportContent
from dashboard.formatting import NO_DATA
from kpis.catalog import BY_ID, KPIS, KpiDef
from kpis.criteria import MET, NO_DATA as CRIT_NO_DATA, NOT_MET

HIDDEN = "verborgen"
CHART_COLUMN = "E"  # charts sit right of the 3-column tables of a register sheet
CHART_HEIGHT_CM = 7.5
ROW_CM = 0.53  # a default row is 15 pt


def chart_rows(height_cm: float) -> int:
    """Rows a chart of `height_cm` covers, plus one blank row."""
    return int(height_cm / ROW_CM) + 2

UNIT_FORMATS = {"count": xw.FMT_COUNT, "rate": xw.FMT_PERCENT, "days": xw.FMT_DECIMAL, "per_fte": xw.FMT_DECIMAL}
DELTA_FORMATS = {"count": xw.FMT_DELTA_COUNT, "rate": xw.FMT_DELTA_POINTS, "days": xw.FMT_DELTA_DECIMAL, "per_fte": xw.FMT_DELTA_DECIMAL}
UNIT_LABELS = {
    "count": "aantal",
    "rate": "percentage",
    "days": "dagen (mediaan)",
    "per_fte": "per 100 VTE",
    "split": "verdeling (aantallen)",
    "goal_split": "verdeling per doelstelling",
}
STATUS_FILLS = {
    MET: PatternFill("solid", fgColor="C6EFCE"),
    NOT_MET: PatternFill("solid", fgColor="FFC7CE"),
    CRIT_NO_DATA: PatternFill("solid", fgColor="E7E6E6"),
}
STATUS_FONTS = {MET: Font(color="006100"), NOT_MET: Font(color="9C0006"), CRIT_NO_DATA: Font(color="3A3838")}

SHEET_SUMMARY = "Samenvatting"
SHEET_CRITERIA = "Evaluatiecriteria"
SHEET_ACTIONS = "Actieplan"
SHEET_ALERTS = "Aandachtspunten"
SHEET_INDICATORS = "Indicatoren"
SHEET_DEFINITIONS = "Definities"
SHEET_COVER = "Voorblad"


def register_sheet_name(register: str) -> str:
    return xw.sheet_title(BY_NAME[register].sheet)


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


# --- shared pieces ----------------------------------------------------------------------------


def _header_title(content: ExportContent) -> str:
    return f"{content.zone} · Jaarevaluatie integriteitsbeleid {content.year} · {content.version_label}"


def _heading(ws: Worksheet, content: ExportContent, title: str, note: str | None = None) -> int:
    """Title in row 1, a note in row 2 (peildatum, version, `note`), the suppression rule in
    row 3 for the anonymised version; returns the first free row (4)."""
    xw.write_title(ws, 1, title)
    parts = [f"Peildatum {content.as_of:%d/%m/%Y}", content.version_label]
    if note:
        parts.append(note)
    xw.write_note(ws, 2, " · ".join(parts))
    if content.anonymised:
        xw.write_note(ws, 3, _suppression_note(content))
    return 4


def _finish(ws: Worksheet, content: ExportContent, *, freeze_row: int, maximum: float = 60, blocks=()) -> None:
    """Frozen rows 1..freeze_row (also printed on every page), widths, print set-up, and page
    breaks that keep each block (first row, last row) on one page."""
    xw.freeze_below(ws, freeze_row)
    xw.fit_widths(ws, maximum=maximum)
    xw.print_setup(ws, title=_header_title(content), repeat_rows=f"1:{freeze_row}")
    xw.keep_together(ws, blocks, repeated_rows=freeze_row)


def _suppression_note(content: ExportContent) -> str | None:
    if not content.anonymised:
        return None
    n = content.threshold
    return (
        f"Aantallen van 1 tot {n - 1} staan als <{n}; x is verborgen zodat een klein aantal niet kan "
        "worden teruggerekend; 'verborgen' is een cijfer op te weinig dossiers."
    )


def _reasons(report) -> dict[str, str]:
    return ((report.extra or {}).get("suppression") or {}).get("reasons", {})


def kpi_value(report, kpi: KpiDef):
    """A KPI value as a cell: a number in its unit's format, a suppression marker as text,
    'verborgen' (hidden by suppression) or 'geen gegevens' (null)."""
    value = report.kpis.get(kpi.id)
    if isinstance(value, str):
        return value
    if value is None:
        return HIDDEN if kpi.id in _reasons(report) else NO_DATA
    return xw.Fmt(value, UNIT_FORMATS[kpi.unit])


def kpi_delta(current, previous, kpi: KpiDef):
    """Y minus Y - 1 when both are numbers (a rate's difference in percentage points)."""
    a, b = current.kpis.get(kpi.id), previous.kpis.get(kpi.id)
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (a, b)):
        return None
    diff = (a - b) * 100 if kpi.unit == "rate" else a - b
    return xw.Fmt(round(diff, 6) if isinstance(diff, float) else diff, DELTA_FORMATS[kpi.unit])


def _kpi_note(content: ExportContent, kpi: KpiDef) -> str | None:
    """Why a value is hidden ("verborgen"); a "<N" explains itself (note on top of the sheet)."""
    parts = []
    for report, prefix in ((content.report, ""), (content.previous, "Vorig jaar: ")):
        if report.kpis.get(kpi.id) is None and kpi.id in _reasons(report):
            parts.append(prefix + _reasons(report)[kpi.id])
    return " ".join(parts) or None


def scalar_kpis(register: str | None = None) -> list[KpiDef]:
    return [k for k in KPIS if not k.is_split and (register is None or k.register == register)]


def kpi_table(ws: Worksheet, top: int, content: ExportContent, kpis: Sequence[KpiDef], *, name: str, with_register: bool) -> xw.Block:
    """Indicator | Y | Y - 1 | Verschil | Toelichting (with a Register column first when asked)."""
    y, p = content.year, content.year - 1
    columns = [xw.Col("Indicator"), _num(str(y)), _num(str(p)), _num("Verschil"), xw.Col("Toelichting")]
    if with_register:
        columns.insert(0, xw.Col("Register"))
    rows = []
    for kpi in kpis:
        row = [
            kpi.label,
            kpi_value(content.report, kpi),
            kpi_value(content.previous, kpi),
            kpi_delta(content.report, content.previous, kpi),
            _kpi_note(content, kpi),
        ]
        rows.append(([BY_NAME[kpi.register].label] if with_register else []) + row)
    return xw.write_table(ws, top, columns, rows, name=name)


def _num(header: str) -> xw.Col:
    """A column of figures (and the markers standing in for hidden ones)."""
    return xw.Col(header, numeric=True)


def _below(block: xw.Block, height_cm: float = CHART_HEIGHT_CM, *, note: bool = False) -> int:
    """The first free row below a table (with a note under it when `note`) and the chart of
    `height_cm` beside it, with a blank row in between."""
    return max(block.next_row + (1 if note else 0), block.header_row + chart_rows(height_cm))


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
        facts.append(("Kleine aantallen", _suppression_note(content)))
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
        **{register_sheet_name(r): f"{BY_NAME[r].label}: kerncijfers, verdelingen en cijfers per maand." for r in CASE_REGISTERS},
    }
    for name in sheet_names()[1:]:
        xw.link_to_sheet(xw.write_value(ws, row, 1, name), name)
        xw.write_value(ws, row, 2, purposes[name])
        row += 1
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 95
    xw.print_setup(ws, title=_header_title(content), landscape=False)


# --- Samenvatting -----------------------------------------------------------------------------


def write_summary(ws: Worksheet, content: ExportContent) -> None:
    note = (
        f"Vorig jaar: peildatum {content.previous_as_of:%d/%m/%Y}. Verschil = {content.year} min "
        f"{content.year - 1} (bij percentages in procentpunt)."
    )
    top = _heading(ws, content, f"Samenvatting {content.year}", note)
    kpi_table(ws, top, content, scalar_kpis(), name="Samenvatting", with_register=True)
    _finish(ws, content, freeze_row=top)


# --- Evaluatiecriteria ------------------------------------------------------------------------


def _criterion_kpi(indicator: str) -> KpiDef | None:
    """The KPI a criterion's indicator names (matched like the engine does), or None."""
    return {header_key(k.id): k for k in KPIS}.get(header_key(indicator or ""))


def _criterion_cell(indicator: str, value):
    """A criterion's value or norm in its KPI's unit format; an Indicatoren value as a whole
    number or with decimals as it comes."""
    if value is None:
        return None
    kpi = _criterion_kpi(indicator)
    fmt = UNIT_FORMATS.get(kpi.unit) if kpi else None
    return xw.Fmt(value, fmt or xw.number_format_for(value))


def write_criteria(ws: Worksheet, content: ExportContent) -> None:
    top = _heading(ws, content, f"Evaluatiecriteria {content.year}", "Voorgesteld door het integriteitsnetwerk, gevalideerd door de korpsleiding.")
    columns = [
        xw.Col("Criterium"),
        xw.Col("Omschrijving"),
        xw.Col("Indicator"),
        _num("Waarde"),
        _num("Norm"),
        xw.Col("Richting"),
        xw.Col("Status"),
        xw.Col("Gevalideerd op"),
        xw.Col("Toelichting"),
    ]
    rows = []
    for c in content.report.criteria:
        kpi = _criterion_kpi(c.indicator)
        if c.value is None:  # hidden (as on the screen: 'verborgen', the problem says why) or no data
            value = HIDDEN if kpi is not None and kpi.id in _reasons(content.report) else NO_DATA
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
        [xw.Col("Status"), _num("Aantal")],
        [[k.label, kpi_value(content.report, k)] for k in counts],
        name="Criteria_telling",
    )
    _finish(ws, content, freeze_row=top, maximum=35, blocks=[(row, row + 4)])


# --- one sheet per case register ---------------------------------------------------------------


def split_header(kpi: KpiDef) -> str:
    """'Klachten per categorie' -> 'Categorie'."""
    tail = kpi.label.split(" per ", 1)[-1]
    return tail[:1].upper() + tail[1:]


def _split_column(report, kpi: KpiDef, keys: list) -> list:
    values = report.kpis.get(kpi.id)
    if values is None:
        return [HIDDEN] * len(keys)
    return [xw.Fmt(values.get(k, 0), xw.FMT_COUNT) if isinstance(values.get(k, 0), int) else values.get(k) for k in keys]


def write_split(ws: Worksheet, top: int, content: ExportContent, kpi: KpiDef) -> int:
    """A split of Y next to Y - 1, with a bar chart; returns the next free row."""
    xw.write_title(ws, top, kpi.label, font=xw.SUBTITLE_FONT)
    current, previous = content.report.kpis.get(kpi.id), content.previous.kpis.get(kpi.id)
    keys = list(dict.fromkeys([*(current or {}), *(previous or {})]))
    y, p = str(content.year), str(content.year - 1)
    rows = [[k, *pair] for k, *pair in zip(keys, _split_column(content.report, kpi, keys), _split_column(content.previous, kpi, keys))]
    block = xw.write_table(ws, top + 1, [xw.Col(split_header(kpi)), _num(y), _num(p)], rows, name=kpi.id)
    notes = [r for r in (_reasons(content.report).get(kpi.id), _reasons(content.previous).get(kpi.id)) if r]
    if notes:
        xw.write_note(ws, block.last_row + 1, " ".join(dict.fromkeys(notes)))
    height = max(CHART_HEIGHT_CM, 0.6 * len(keys) + 2)
    if keys and _chart_or_note(ws, block, [1, 2], f"{CHART_COLUMN}{top + 1}"):
        refs = xw.chart_columns(ws, block, [1, 2])
        xw.bar_chart(
            ws,
            f"{CHART_COLUMN}{top + 1}",
            block.column_ref(ws, 0, with_header=False),
            refs,
            title=kpi.label,
            horizontal=True,
            height=height,
            colors=_year_colors(kpi.register),
        )
    return _below(block, height, note=bool(notes))


def write_monthly(ws: Worksheet, top: int, content: ExportContent, register: str) -> int:
    spec = BY_NAME[register]
    title = f"Per maand ({spec.column(spec.main_date).header})"
    xw.write_title(ws, top, title, font=xw.SUBTITLE_FONT)
    series = content.series[register]
    if series.table is None:
        xw.write_note(ws, top + 1, series.reason or HIDDEN)
        return top + 3
    table = series.table
    rows = [[month, *(xw.Fmt(v, xw.FMT_COUNT) if isinstance(v, int) else v for v in table.loc[month])] for month in table.index]
    columns = [xw.Col("Maand"), *(_num(str(c)) for c in table.columns)]
    block = xw.write_table(ws, top + 1, columns, rows, name=f"{register}_per_maand")
    if series.reason:
        xw.write_note(ws, block.last_row + 1, series.reason)
    offsets = list(range(1, len(columns)))
    if len(table) and _chart_or_note(ws, block, offsets, f"{CHART_COLUMN}{top + 1}"):
        refs = xw.chart_columns(ws, block, offsets)
        categories = block.column_ref(ws, 0, with_header=False)
        title = f"{spec.label} per maand"
        xw.line_chart(ws, f"{CHART_COLUMN}{top + 1}", categories, refs, title=title, y_title="aantal", colors=_year_colors(register))
    return _below(block, note=bool(series.reason))


MIN_SHOWN_FOR_CHART = 0.5


def _chart_or_note(ws: Worksheet, block: xw.Block, offsets: list[int], anchor: str) -> bool:
    """True when at least half of the values are shown and one of them is above zero; else a
    note where the chart would be (a chart of mostly hidden values shows gaps and zeros)."""
    values = [ws.cell(row=r, column=block.first_col + o).value for o in offsets for r in range(block.first_row, block.last_row + 1)]
    if xw.numeric_share(ws, block, offsets) >= MIN_SHOWN_FOR_CHART and any(isinstance(v, (int, float)) and v > 0 for v in values):
        return True
    column, row = anchor[0], int(anchor[1:])
    from openpyxl.utils import column_index_from_string

    xw.write_note(ws, row + 1, "Geen grafiek: de meeste aantallen zijn verborgen (zie de tabel).", column=column_index_from_string(column))
    return False


def _year_colors(register: str) -> tuple[str, str]:
    """This year in the register's colour, last year in grey, as on the dashboard."""
    from dashboard.theme import PREVIOUS_COLOR, REGISTER_COLORS

    return REGISTER_COLORS[register], PREVIOUS_COLOR


def _action_colors() -> tuple[str, str, str]:
    """Acties, afgerond, over deadline: the action plan's colour, then gehaald green and niet gehaald red."""
    from dashboard.theme import REGISTER_COLORS, STATUS_COLORS

    return REGISTER_COLORS["actieplan"], STATUS_COLORS[MET], STATUS_COLORS[NOT_MET]


def _column_header(header: str) -> str:
    return header[:1].upper() + header[1:]


def _cell_for(column, value):
    if column.type == "pct" and isinstance(value, (int, float)):
        return xw.Fmt(value / 100, "0%")
    if column.type in ("int",) and isinstance(value, (int, float)):
        return xw.Fmt(value, xw.FMT_COUNT)
    if column.type == "number" and isinstance(value, (int, float)):
        return xw.Fmt(value, xw.number_format_for(value))
    return value


def write_rows(ws: Worksheet, top: int, register: str, frame: pd.DataFrame, *, name: str) -> xw.Block:
    """Register rows with the register's own headers and formats (dates, percentages)."""
    spec = BY_NAME[register]
    specs = [spec.column(c) for c in frame.columns]
    columns = [xw.Col(_column_header(c.header)) for c in specs]
    rows = ([_cell_for(c, _plain(v)) for c, v in zip(specs, values)] for values in frame.itertuples(index=False))
    return xw.write_table(ws, top, columns, rows, name=name)


def _plain(value):
    """pandas values back to plain Python (NaT/NaN -> None, Timestamp -> date)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def write_register(ws: Worksheet, content: ExportContent, register: str) -> None:
    spec = BY_NAME[register]
    top = _heading(ws, content, f"{spec.label} {content.year}")
    xw.write_title(ws, top, "Kerncijfers", font=xw.SUBTITLE_FONT)
    block = kpi_table(ws, top + 1, content, scalar_kpis(register), name=f"{register}_kerncijfers", with_register=False)
    row = block.next_row
    blocks = [(top, block.last_row)]
    for kpi in (k for k in KPIS if k.register == register and k.unit == "split"):
        start, row = row, write_split(ws, row, content, kpi)
        blocks.append((start, row - 2))
    start, row = row, write_monthly(ws, row, content, register)
    blocks.append((start, row - 2))
    if not content.anonymised and register in content.dossiers:
        frame = content.dossiers[register]
        xw.write_title(ws, row, f"Dossiers {content.year} ({len(frame)}) — vertrouwelijk", font=xw.SUBTITLE_FONT)
        xw.write_note(ws, row + 1, f"{spec.column(spec.main_date).header.capitalize()} in {content.year} tot de peildatum; "
                      "de andere kolommen zoals het register ze bij het maken van de export bevat.")
        table = write_rows(ws, row + 2, register, frame, name=f"{register}_dossiers")
        blocks.append((row, min(table.last_row, row + 8)))  # the title with the first rows
    _finish(ws, content, freeze_row=2, maximum=50, blocks=blocks)


# --- Actieplan --------------------------------------------------------------------------------


def write_actions(ws: Worksheet, content: ExportContent) -> None:
    top = _heading(ws, content, f"Actieplan {content.year}", "Acties met een deadline of startdatum in het jaar, niet geschrapt.")
    xw.write_title(ws, top, "Stand per strategische doelstelling", font=xw.SUBTITLE_FONT)
    by_goal = content.report.kpis.get("actions_by_goal") or {}
    rows = []
    for goal, part in by_goal.items():
        total, done = part.get("total"), part.get("afgerond")
        share = done / total if isinstance(total, int) and isinstance(done, int) and total else None
        rows.append([goal, *(xw.Fmt(part.get(k), xw.FMT_COUNT) if isinstance(part.get(k), int) else part.get(k) for k in ("total", "afgerond", "overdue")), xw.Fmt(share, xw.FMT_PERCENT)])
    columns = [xw.Col("Strategische doelstelling"), _num("Acties"), _num("Afgerond"), _num("Over deadline"), _num("Aandeel afgerond")]
    block = xw.write_table(ws, top + 1, columns, rows, name="Actieplan_per_doelstelling")
    row = block.next_row
    if rows:  # below the table: the items' wide text columns share these columns
        refs = xw.chart_columns(ws, block, [1, 2, 3])
        xw.bar_chart(ws, f"A{row}", block.column_ref(ws, 0, with_header=False), refs, title="Acties per strategische doelstelling",
                     y_title="aantal", width=18, colors=_action_colors())
        row += chart_rows(CHART_HEIGHT_CM)
    blocks = [(top, row - 2)]
    xw.write_title(ws, row, f"Acties ({len(content.actions)})", font=xw.SUBTITLE_FONT)
    table = write_rows(ws, row + 1, "actieplan", content.actions, name="Acties")
    blocks.append((row, min(table.last_row, row + 6)))
    _finish(ws, content, freeze_row=2, maximum=40, blocks=blocks)


# --- Aandachtspunten --------------------------------------------------------------------------


def write_alerts(ws: Worksheet, content: ExportContent) -> None:
    alerts = content.alerts
    if isinstance(alerts, AlertCounts):
        top = _heading(ws, content, f"Aandachtspunten op {content.as_of:%d/%m/%Y}", "Enkel het aantal per soort.")
        if alerts.counts is None:  # withheld: a small count could be recomputed
            xw.write_note(ws, top, alerts.reason)
        else:
            rows = [[kind, xw.Fmt(n, xw.FMT_COUNT) if isinstance(n, int) else n] for kind, n in alerts.counts.items()]
            xw.write_table(ws, top, [xw.Col("Soort"), _num("Aantal")], rows, name="Aandachtspunten")
        _finish(ws, content, freeze_row=top)
        return
    top = _heading(ws, content, f"Aandachtspunten op {content.as_of:%d/%m/%Y}", "Open items voorbij of dicht bij hun termijn, dringendste eerst.")
    columns = [
        xw.Col("Soort"),
        xw.Col("Register"),
        xw.Col("Dossier of actie"),
        xw.Col("Termijn"),
        _num("Dagen te laat"),
        xw.Col("Omschrijving"),
    ]
    rows = [
        [a.kind, BY_NAME[a.register].label, a.key, _plain(a.due), xw.Fmt(int(a.days_late), xw.FMT_DELTA_COUNT), a.text]
        for a in alerts.itertuples(index=False)
    ]
    xw.write_table(ws, top, columns, rows, name="Aandachtspunten")
    xw.write_note(ws, 3, "Dagen te laat: positief = termijn verstreken, negatief = dagen die nog resten.")
    _finish(ws, content, freeze_row=top, maximum=70)


# --- Indicatoren and Definities ---------------------------------------------------------------


def write_indicators(ws: Worksheet, content: ExportContent) -> None:
    top = _heading(ws, content, f"Indicatoren {content.year}", "Gemeten waarden uit het register Indicatoren.")
    write_rows(ws, top, "indicatoren", content.indicators, name="Indicatoren")
    _finish(ws, content, freeze_row=top)


def write_definitions(ws: Worksheet, content: ExportContent) -> None:
    top = _heading(ws, content, "Definities", "De tekst van de KPI-catalogus; 'in het jaar' betekent tussen 1 januari en de peildatum.")
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
    block = xw.write_table(ws, row + 1, [xw.Col("Norm"), _num("Waarde")], norms, name="Normen")
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
    _finish(ws, content, freeze_row=top, maximum=45, blocks=blocks)  # Definitie keeps its own width
