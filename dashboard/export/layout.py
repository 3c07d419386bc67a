"""Layout pieces shared by the sheets of the yearly evaluation workbook.

Number formats per KPI unit, the title and notes of a sheet, the finishing touches (frozen
rows, widths, print set-up, page breaks), a KPI as a cell and the "Y next to Y - 1" table, the
rule for drawing a chart over suppressed values, the dashboard's colours, and register rows as
a table with the register's own headers. Every cell goes through data_access.xlsx_writer.
Texts are in the current language (i18n.current(): build_workbook's `lang`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import column_index_from_string
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.export.content import ExportContent
from dashboard.style.formatting import HIDDEN, NO_DATA
from dashboard.style.theme import PREVIOUS_COLOR, REGISTER_COLORS, STATUS_COLORS
from data_access import register_terms as terms, xlsx_charts as xc, xlsx_print as xp, xlsx_writer as xw
from data_access.registers import BY_NAME
from i18n import N_, _, pgettext, shown
from kpis.catalog import KPIS, KpiDef, label
from kpis.criteria import MET, NO_DATA as CRIT_NO_DATA, NOT_MET
from kpis.disclosure.markers import is_suppressed

CHART_COLUMN = "E"  # charts sit right of the 3-column tables of a register sheet
CHART_HEIGHT_CM = 7.5
ROW_CM = 0.53  # a default row is 15 pt


def chart_rows(height_cm: float) -> int:
    """Rows a chart of `height_cm` covers, plus one blank row."""
    return int(height_cm / ROW_CM) + 2


UNIT_FORMATS = {"count": xw.FMT_COUNT, "rate": xw.FMT_PERCENT, "days": xw.FMT_DECIMAL, "per_fte": xw.FMT_DECIMAL}
DELTA_FORMATS = {"count": xw.FMT_DELTA_COUNT, "rate": xw.FMT_DELTA_POINTS, "days": xw.FMT_DELTA_DECIMAL, "per_fte": xw.FMT_DELTA_DECIMAL}
UNIT_LABELS = {  # shown with _()
    "count": N_("aantal"),
    "rate": N_("percentage"),
    "days": N_("dagen (mediaan)"),
    "per_fte": N_("per 100 VTE"),
    "split": N_("verdeling (aantallen)"),
    "goal_split": N_("verdeling per doelstelling"),
}


def hidden() -> str:
    """The marker of a value hidden by suppression, in the current language."""
    return _(HIDDEN)


def marker(value: str) -> str:
    """A suppression marker as a cell shows it: '<5' and 'x' as they are, 'verborgen' (a
    withheld value, kpis.disclosure.markers) in the current language."""
    return _(value) if value == HIDDEN else value


def title(sheet: str) -> str:
    """A sheet's name in the current language ('Samenvatting' / 'Synthèse')."""
    return xw.sheet_title(pgettext("sheet", sheet))


def delta_format(unit: str) -> str:
    """The number format of a difference with last year (percentage points in the language)."""
    return xw.delta_points_format() if unit == "rate" else DELTA_FORMATS[unit]
STATUS_FILLS = {
    MET: PatternFill("solid", fgColor="C6EFCE"),
    NOT_MET: PatternFill("solid", fgColor="FFC7CE"),
    CRIT_NO_DATA: PatternFill("solid", fgColor="E7E6E6"),
}
STATUS_FONTS = {MET: Font(color="006100"), NOT_MET: Font(color="9C0006"), CRIT_NO_DATA: Font(color="3A3838")}


# --- sheet title, notes and finishing ---------------------------------------------------------


def header_title(content: ExportContent) -> str:
    title = _("Jaarevaluatie integriteitsbeleid {year}").format(year=content.year)
    return f"{content.zone} · {title} · {content.version_label}"


def heading(ws: Worksheet, content: ExportContent, title: str, note: str | None = None) -> int:
    """Title in row 1, a note in row 2 (peildatum, version, `note`), the suppression rule in
    row 3 for the anonymised version; returns the first free row (4)."""
    xw.write_title(ws, 1, title)
    parts = [_("Peildatum {date}").format(date=f"{content.as_of:%d/%m/%Y}"), content.version_label]
    if note:
        parts.append(note)
    xw.write_note(ws, 2, " · ".join(parts))
    if content.anonymised:
        xw.write_note(ws, 3, suppression_note(content))
    return 4


def finish(ws: Worksheet, content: ExportContent, *, freeze_row: int, maximum: float = 60, blocks=()) -> None:
    """Frozen rows 1..freeze_row (also printed on every page), widths, print set-up, and page
    breaks that keep each block (first row, last row) on one page."""
    xw.freeze_below(ws, freeze_row)
    xw.fit_widths(ws, maximum=maximum)
    xp.print_setup(ws, title=header_title(content), repeat_rows=f"1:{freeze_row}")
    xp.keep_together(ws, blocks, repeated_rows=freeze_row)


def suppression_note(content: ExportContent) -> str | None:
    if not content.anonymised:
        return None
    n = content.threshold
    return _(
        "Aantallen van 1 tot {last} staan als <{n}; x is verborgen zodat een klein aantal niet kan "
        "worden teruggerekend; '{hidden}' is een cijfer op te weinig dossiers."
    ).format(last=n - 1, n=n, hidden=hidden())


def reasons(report) -> dict[str, str]:
    return ((report.extra or {}).get("suppression") or {}).get("reasons", {})


# --- KPI cells and the "Y next to Y - 1" table ------------------------------------------------


def kpi_value(report, kpi: KpiDef):
    """A KPI value as a cell: a number in its unit's format, a suppression marker as text,
    'verborgen' (hidden by suppression) or 'geen gegevens' (null)."""
    value = report.kpis.get(kpi.id)
    if is_suppressed(value):
        return marker(value)
    if value is None:
        return hidden() if kpi.id in reasons(report) else _(NO_DATA)
    return xw.Fmt(value, UNIT_FORMATS[kpi.unit])


def kpi_delta(current, previous, kpi: KpiDef):
    """Y minus Y - 1 when both are numbers (a rate's difference in percentage points)."""
    a, b = current.kpis.get(kpi.id), previous.kpis.get(kpi.id)
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (a, b)):
        return None
    diff = (a - b) * 100 if kpi.unit == "rate" else a - b
    return xw.Fmt(round(diff, 6) if isinstance(diff, float) else diff, delta_format(kpi.unit))


def _kpi_note(content: ExportContent, kpi: KpiDef) -> str | None:
    """Why a value is hidden ("verborgen"); a "<N" explains itself (note on top of the sheet)."""
    parts = []
    for report, prefix in ((content.report, ""), (content.previous, _("Vorig jaar: "))):
        if report.kpis.get(kpi.id) is None and kpi.id in reasons(report):
            parts.append(prefix + shown(reasons(report)[kpi.id]))
    return " ".join(parts) or None


def scalar_kpis(register: str | None = None) -> list[KpiDef]:
    return [k for k in KPIS if not k.is_split and (register is None or k.register == register)]


def kpi_table(ws: Worksheet, top: int, content: ExportContent, kpis: Sequence[KpiDef], *, name: str, with_register: bool) -> xw.Block:
    """Indicator | Y | Y - 1 | Verschil | Toelichting (with a Register column first when asked)."""
    y, p = content.year, content.year - 1
    columns = [xw.Col(_("Indicator")), num(str(y)), num(str(p)), num(_("Verschil")), xw.Col(_("Toelichting"))]
    if with_register:
        columns.insert(0, xw.Col(_("Register")))
    rows = []
    for kpi in kpis:
        row = [
            label(kpi),
            kpi_value(content.report, kpi),
            kpi_value(content.previous, kpi),
            kpi_delta(content.report, content.previous, kpi),
            _kpi_note(content, kpi),
        ]
        rows.append(([terms.label(kpi.register)] if with_register else []) + row)
    return xw.write_table(ws, top, columns, rows, name=name)


def num(header: str) -> xw.Col:
    """A column of figures (and the markers standing in for hidden ones)."""
    return xw.Col(header, numeric=True)


def below(block: xw.Block, height_cm: float = CHART_HEIGHT_CM, *, note: bool = False) -> int:
    """The first free row below a table (with a note under it when `note`) and the chart of
    `height_cm` beside it, with a blank row in between."""
    return max(block.next_row + (1 if note else 0), block.header_row + chart_rows(height_cm))


# --- charts ------------------------------------------------------------------------------------

MIN_SHOWN_FOR_CHART = 0.5


def chart_or_note(ws: Worksheet, block: xw.Block, offsets: list[int], anchor: str) -> bool:
    """True when at least half of the values are shown and one of them is above zero; else a
    note where the chart would be (a chart of mostly hidden values shows gaps and zeros)."""
    values = [ws.cell(row=r, column=block.first_col + o).value for o in offsets for r in range(block.first_row, block.last_row + 1)]
    if xc.numeric_share(ws, block, offsets) >= MIN_SHOWN_FOR_CHART and any(isinstance(v, (int, float)) and v > 0 for v in values):
        return True
    column, row = anchor[0], int(anchor[1:])
    xw.write_note(ws, row + 1, _("Geen grafiek: de meeste aantallen zijn verborgen (zie de tabel)."),
                  column=column_index_from_string(column))
    return False


def year_colors(register: str) -> tuple[str, str]:
    """This year in the register's colour, last year in grey, as on the dashboard."""

    return REGISTER_COLORS[register], PREVIOUS_COLOR


def action_colors() -> tuple[str, str, str]:
    """Acties, afgerond, over deadline: the action plan's colour, then gehaald green and niet gehaald red."""

    return REGISTER_COLORS["actieplan"], STATUS_COLORS[MET], STATUS_COLORS[NOT_MET]


# --- register rows -----------------------------------------------------------------------------


def _column_header(header: str) -> str:
    return header[:1].upper() + header[1:]


def _cell_for(column, value):
    if isinstance(value, str) and column.type == "enum":
        return terms.value(value)
    if isinstance(value, str) and column.name == "indicator":
        return terms.indicator(value)
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
    columns = [xw.Col(_column_header(terms.header(c))) for c in specs]
    rows = ([_cell_for(c, plain(v)) for c, v in zip(specs, values)] for values in frame.itertuples(index=False))
    return xw.write_table(ws, top, columns, rows, name=name)


def plain(value):
    """pandas values back to plain Python (NaT/NaN -> None, Timestamp -> date)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value
