"""One sheet per case register in the yearly evaluation workbook: its key figures next to last
year, each split with a bar chart, the monthly counts with a line chart and, in the full
version only, the register's dossiers of the year."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from dashboard.export.content import ExportContent
from dashboard.export.layout import (
    CHART_COLUMN,
    CHART_HEIGHT_CM,
    below,
    chart_or_note,
    finish,
    heading,
    hidden,
    kpi_table,
    marker,
    num,
    reasons,
    scalar_kpis,
    write_rows,
    year_colors,
)
from data_access import register_terms as terms, xlsx_charts as xc, xlsx_writer as xw
from data_access.registers import BY_NAME
from i18n import _, shown
from kpis.catalog import KPIS, KpiDef, label


def register_sheet_name(register: str) -> str:
    return xw.sheet_title(terms.sheet_name(BY_NAME[register]))


def split_header(kpi: KpiDef) -> str:
    """'Klachten per categorie' -> 'Categorie' ('Plaintes par catégorie' -> 'Catégorie')."""
    tail = label(kpi).split(_(" per "), 1)[-1]
    return tail[:1].upper() + tail[1:]


def _split_column(report, kpi: KpiDef, keys: list) -> list:
    values = report.kpis.get(kpi.id)
    if values is None:
        return [hidden()] * len(keys)
    return [xw.Fmt(values.get(k, 0), xw.FMT_COUNT) if isinstance(values.get(k, 0), int) else _shown(values.get(k))
            for k in keys]


def _shown(value):
    return marker(value) if isinstance(value, str) else value


def write_split(ws: Worksheet, top: int, content: ExportContent, kpi: KpiDef) -> int:
    """A split of Y next to Y - 1, with a bar chart; returns the next free row."""
    xw.write_title(ws, top, label(kpi), font=xw.SUBTITLE_FONT)
    current, previous = content.report.kpis.get(kpi.id), content.previous.kpis.get(kpi.id)
    keys = list(dict.fromkeys([*(current or {}), *(previous or {})]))
    y, p = str(content.year), str(content.year - 1)
    rows = [[terms.value(k), *pair]
            for k, *pair in zip(keys, _split_column(content.report, kpi, keys), _split_column(content.previous, kpi, keys))]
    block = xw.write_table(ws, top + 1, [xw.Col(split_header(kpi)), num(y), num(p)], rows, name=kpi.id)
    notes = [shown(r) for r in (reasons(content.report).get(kpi.id), reasons(content.previous).get(kpi.id)) if r]
    if notes:
        xw.write_note(ws, block.last_row + 1, " ".join(dict.fromkeys(notes)))
    height = max(CHART_HEIGHT_CM, 0.6 * len(keys) + 2)
    if keys and chart_or_note(ws, block, [1, 2], f"{CHART_COLUMN}{top + 1}"):
        refs = xc.chart_columns(ws, block, [1, 2])
        xc.bar_chart(
            ws,
            f"{CHART_COLUMN}{top + 1}",
            block.column_ref(ws, 0, with_header=False),
            refs,
            title=label(kpi),
            horizontal=True,
            height=height,
            colors=year_colors(kpi.register),
        )
    return below(block, height, note=bool(notes))


def write_monthly(ws: Worksheet, top: int, content: ExportContent, register: str) -> int:
    spec = BY_NAME[register]
    series = content.series[register]
    period = _(series.period)
    title = _("Per {period} ({column})").format(period=period, column=terms.header(spec.column(spec.main_date)))
    xw.write_title(ws, top, title, font=xw.SUBTITLE_FONT)
    if series.table is None:
        xw.write_note(ws, top + 1, shown(series.reason) or hidden())
        return top + 3
    table = series.table
    rows = [[month, *(xw.Fmt(v, xw.FMT_COUNT) if isinstance(v, int) else _shown(v) for v in table.loc[month])]
            for month in table.index]
    columns = [xw.Col(period.capitalize()), *(num(str(c)) for c in table.columns)]
    block = xw.write_table(ws, top + 1, columns, rows, name=f"{register}_per_maand")
    partial = [m for m in table.index if " (" in m]  # content.month_labels: 'dec (t/m 15)'
    if partial:
        y, p = table.columns
        xw.write_note(ws, block.last_row + 1, _("{label}: {year} tot de peildatum, {previous} de hele {period}.").format(
            label=partial[0].split(" (")[0], year=y, previous=p, period=period))
    offsets = list(range(1, len(columns)))
    if len(table) and chart_or_note(ws, block, offsets, f"{CHART_COLUMN}{top + 1}"):
        refs = xc.chart_columns(ws, block, offsets)
        categories = block.column_ref(ws, 0, with_header=False)
        title = _("{register} per {period}").format(register=terms.label(spec), period=period)
        xc.line_chart(ws, f"{CHART_COLUMN}{top + 1}", categories, refs, title=title, y_title=_("aantal"),
                      colors=year_colors(register))
    return below(block, note=bool(partial))


def write_register(ws: Worksheet, content: ExportContent, register: str) -> None:
    spec = BY_NAME[register]
    top = heading(ws, content, f"{terms.label(spec)} {content.year}")
    xw.write_title(ws, top, _("Kerncijfers"), font=xw.SUBTITLE_FONT)
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
        xw.write_title(ws, row, _("Dossiers {year} ({count}) — vertrouwelijk").format(year=content.year, count=len(frame)),
                       font=xw.SUBTITLE_FONT)
        xw.write_note(ws, row + 1, _(
            "{column} in {year} tot de peildatum; de andere kolommen zoals het register ze bij het maken van de "
            "export bevat."
        ).format(column=terms.header(spec.column(spec.main_date)).capitalize(), year=content.year))
        table = write_rows(ws, row + 2, register, frame, name=f"{register}_dossiers")
        blocks.append((row, min(table.last_row, row + 8)))  # the title with the first rows
    finish(ws, content, freeze_row=2, maximum=50, blocks=blocks)
