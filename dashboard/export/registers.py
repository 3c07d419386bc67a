"""One sheet per case register in the yearly evaluation workbook: its key figures next to last
year, each split with a bar chart, the monthly counts with a line chart and, in the full
version only, the register's dossiers of the year."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from data_access import xlsx_writer as xw
from data_access.registers import BY_NAME
from dashboard.export.content import ExportContent
from dashboard.export.layout import (
    CHART_COLUMN,
    CHART_HEIGHT_CM,
    HIDDEN,
    below,
    chart_or_note,
    finish,
    heading,
    kpi_table,
    num,
    reasons,
    scalar_kpis,
    write_rows,
    year_colors,
)
from kpis.catalog import KPIS, KpiDef


def register_sheet_name(register: str) -> str:
    return xw.sheet_title(BY_NAME[register].sheet)


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
    block = xw.write_table(ws, top + 1, [xw.Col(split_header(kpi)), num(y), num(p)], rows, name=kpi.id)
    notes = [r for r in (reasons(content.report).get(kpi.id), reasons(content.previous).get(kpi.id)) if r]
    if notes:
        xw.write_note(ws, block.last_row + 1, " ".join(dict.fromkeys(notes)))
    height = max(CHART_HEIGHT_CM, 0.6 * len(keys) + 2)
    if keys and chart_or_note(ws, block, [1, 2], f"{CHART_COLUMN}{top + 1}"):
        refs = xw.chart_columns(ws, block, [1, 2])
        xw.bar_chart(
            ws,
            f"{CHART_COLUMN}{top + 1}",
            block.column_ref(ws, 0, with_header=False),
            refs,
            title=kpi.label,
            horizontal=True,
            height=height,
            colors=year_colors(kpi.register),
        )
    return below(block, height, note=bool(notes))


def write_monthly(ws: Worksheet, top: int, content: ExportContent, register: str) -> int:
    spec = BY_NAME[register]
    series = content.series[register]
    title = f"Per {series.period} ({spec.column(spec.main_date).header})"
    xw.write_title(ws, top, title, font=xw.SUBTITLE_FONT)
    if series.table is None:
        xw.write_note(ws, top + 1, series.reason or HIDDEN)
        return top + 3
    table = series.table
    rows = [[month, *(xw.Fmt(v, xw.FMT_COUNT) if isinstance(v, int) else v for v in table.loc[month])] for month in table.index]
    columns = [xw.Col(series.period.capitalize()), *(num(str(c)) for c in table.columns)]
    block = xw.write_table(ws, top + 1, columns, rows, name=f"{register}_per_maand")
    partial = [m for m in table.index if "t/m" in m]
    if partial:
        y, p = table.columns
        xw.write_note(ws, block.last_row + 1, f"{partial[0].split(' (t/m')[0]}: {y} tot de peildatum, {p} de hele {series.period}.")
    offsets = list(range(1, len(columns)))
    if len(table) and chart_or_note(ws, block, offsets, f"{CHART_COLUMN}{top + 1}"):
        refs = xw.chart_columns(ws, block, offsets)
        categories = block.column_ref(ws, 0, with_header=False)
        title = f"{spec.label} per {series.period}"
        xw.line_chart(ws, f"{CHART_COLUMN}{top + 1}", categories, refs, title=title, y_title="aantal", colors=year_colors(register))
    return below(block, note=bool(partial))


def write_register(ws: Worksheet, content: ExportContent, register: str) -> None:
    spec = BY_NAME[register]
    top = heading(ws, content, f"{spec.label} {content.year}")
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
    finish(ws, content, freeze_row=2, maximum=50, blocks=blocks)
