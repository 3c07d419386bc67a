"""data_access.xlsx_writer: text stays text (never a formula), Dutch formats as Excel codes,
tables, widths, print set-up and charts, checked by reading the saved file back."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from data_access import xlsx_charts as xc, xlsx_print as xp, xlsx_writer as xw

DANGEROUS = [
    '=HYPERLINK("http://evil.example","klik")',
    "+32 3 123 45 67",
    "-2+3",
    "@SUM(A1)",
    "\tinspringing",
    "\rterug",
]


def reopen(wb) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(xw.to_bytes(wb)))


def test_text_starting_like_a_formula_is_stored_as_text():
    wb = xw.new_workbook()
    ws = wb.create_sheet("Blad")
    for row, text in enumerate([*DANGEROUS, "gewone tekst"], start=1):
        xw.write_value(ws, row, 1, text)
    data = xw.to_bytes(wb)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml  # no formula anywhere in the file
    back = openpyxl.load_workbook(io.BytesIO(data))["Blad"]
    for row, text in enumerate(DANGEROUS, start=1):
        cell = back.cell(row=row, column=1)
        # the text comes back as written, a CR included (lxml writes it as &#13;)
        assert cell.value == text and cell.data_type == "s"
        assert cell.quotePrefix is True
    plain = back.cell(row=len(DANGEROUS) + 1, column=1)
    assert plain.value == "gewone tekst" and plain.data_type == "s" and not plain.quotePrefix


def test_values_keep_their_type_and_dutch_formats():
    wb = xw.new_workbook()
    ws = wb.create_sheet("Blad")
    xw.write_row(
        ws,
        1,
        [1234, 0.455, dt.date(2025, 3, 7), dt.datetime(2025, 3, 7, 14, 5), True, None, float("nan"), "a\x00b\x07c"],
        [xw.FMT_COUNT, xw.FMT_PERCENT],
    )
    xw.write_row(ws, 2, [xw.Fmt(12.5, xw.FMT_DECIMAL), 3], [xw.FMT_COUNT, xw.FMT_COUNT])
    back = reopen(wb)["Blad"]
    row = [back.cell(row=1, column=c) for c in range(1, 9)]
    # '#.##0' and '0,0%' in Dutch are the Excel codes '#,##0' and '0.0%' (Excel localises them)
    assert (row[0].value, row[0].number_format) == (1234, "#,##0")
    assert (row[1].value, row[1].number_format) == (0.455, "0.0%")
    assert row[2].value == dt.datetime(2025, 3, 7) and row[2].number_format == "DD/MM/YYYY"
    assert row[3].value == dt.datetime(2025, 3, 7, 14, 5) and row[3].number_format == "DD/MM/YYYY HH:MM"
    assert row[4].value == "ja"
    assert row[5].value is None and row[6].value is None  # NaN is an empty cell, not an error
    assert row[7].value == "abc"  # control characters that XML cannot hold are dropped
    assert back["A2"].value == 12.5 and back["A2"].number_format == "#,##0.0"  # Fmt overrides the column
    assert xw.number_format_for(53.0) == "#,##0" and xw.number_format_for(87.4) == "#,##0.0"


def test_tables_are_excel_tables_with_unique_names():
    wb = xw.new_workbook()
    a, b = wb.create_sheet("A"), wb.create_sheet("B")
    block = xw.write_table(a, 3, [xw.Col("Naam"), xw.Col("Aantal", xw.FMT_COUNT)], [["x", 7], ["=y", 12]], name="cijfers")
    assert (block.header_row, block.first_row, block.last_row, block.first_col, block.last_col) == (3, 4, 5, 1, 2)
    empty = xw.write_table(b, 1, [xw.Col("Naam")], [], name="cijfers")  # same base name on another sheet
    with pytest.raises(ValueError):
        xw.write_table(b, 10, [xw.Col("X"), xw.Col("X")], [], name="dubbel")
    back = reopen(wb)
    assert back["A"].tables["cijfers"].ref == "A3:B5"
    assert back["B"].tables["cijfers_2"].ref == "A1:A2"
    assert back["B"]["A2"].value == xw.EMPTY_TABLE_TEXT and empty.last_row == 2
    assert back["A"]["B4"].number_format == "#,##0"
    assert back["A"]["A5"].data_type == "s" and back["A"]["A5"].value == "=y"
    assert xw.table_name(a, "12 rare naam!") == "T_12_rare_naam"


def test_widths_count_table_cells_only_and_wrap_long_text():
    wb = xw.new_workbook()
    ws = wb.create_sheet("Blad")
    xw.write_title(ws, 1, "Een heel lange titel die over veel kolommen mag lopen zonder kolom A te verbreden")
    long_text = "woord " * 30
    xw.write_table(ws, 3, [xw.Col("Kort"), xw.Col("Lang"), xw.Col("Vast", width=40)], [["abc", long_text, "x"]], name="t")
    xw.fit_widths(ws, maximum=50)
    assert ws.column_dimensions["A"].width == 8  # "Kort"/"abc" + 2, raised to the minimum; the title does not count
    assert ws.column_dimensions["B"].width == 50 and ws["B4"].alignment.wrap_text
    assert ws.column_dimensions["C"].width == 40  # a fixed width stays


def test_link_to_sheet_is_internal():
    wb = xw.new_workbook()
    ws, other = wb.create_sheet("Blad"), wb.create_sheet("Nota's")
    xw.link_to_sheet(xw.write_value(ws, 1, 1, "Nota's"), other.title)
    data = xw.to_bytes(wb)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not [n for n in z.namelist() if n.endswith("sheet1.xml.rels")]  # no external target
    link = openpyxl.load_workbook(io.BytesIO(data))["Blad"]["A1"].hyperlink
    assert link.location == "'Nota''s'!A1"


def test_freeze_and_print_setup():
    wb = xw.new_workbook()
    ws = wb.create_sheet("Blad")
    xw.write_value(ws, 1, 1, "titel")
    xw.freeze_below(ws, 4)
    xp.print_setup(ws, title="PZ & co", repeat_rows="1:4")
    back = reopen(wb)["Blad"]
    assert back.freeze_panes == "A5"
    assert back.page_setup.orientation == "landscape"
    assert back.page_setup.fitToWidth == 1 and back.page_setup.fitToHeight == 0
    assert back.sheet_properties.pageSetUpPr.fitToPage is True
    assert back.print_title_rows == "$1:$4"
    assert back.oddHeader.left.text == "PZ && co"  # & is a header code in Excel
    assert "&P" in back.oddFooter.center.text


def test_chart_over_suppressed_values_uses_a_hidden_numeric_copy():
    wb = xw.new_workbook()
    ws = wb.create_sheet("Blad")
    rows = [["jan", 12, 7], ["feb", "<5", 9], ["mrt", "x", 0]]
    columns = [xw.Col("Maand"), xw.Col("2025", xw.FMT_COUNT, numeric=True), xw.Col("2024", xw.FMT_COUNT, numeric=True)]
    block = xw.write_table(ws, 1, columns, rows, name="m")
    refs = xc.chart_columns(ws, block, [1, 2])
    xc.line_chart(ws, "E1", block.column_ref(ws, 0, with_header=False), refs, title="Per maand", colors=("#1F5F9E", None))
    xc.bar_chart(ws, "E20", block.column_ref(ws, 0, with_header=False), refs[1:], title="Vorig jaar", horizontal=True, colors=("A7B1BA",))
    # the column with text got a copy on the hidden sheet: numbers kept, "<5" and "x" empty (a gap, not 0)
    data = wb[xc.CHART_DATA_SHEET]
    assert data.sheet_state == "hidden"
    assert [data.cell(row=r, column=2).value for r in range(2, 6)] == ["2025", 12, None, None]
    assert refs[0].worksheet is data and refs[1].worksheet is ws  # the all-numeric column is charted in place
    assert data.max_column == 2  # one copy only
    assert ws["B3"].value == "<5" and ws["B3"].alignment.horizontal == "right"  # the marker lines up with the numbers
    line, bar = ws._charts
    assert line.series[0].graphicalProperties.line.solidFill.srgbClr == "1F5F9E"
    assert bar.series[0].graphicalProperties.solidFill.srgbClr == "A7B1BA"
    assert line.display_blanks == "gap"
    back = reopen(wb)
    assert len(back["Blad"]._charts) == 2 and back[xc.CHART_DATA_SHEET].sheet_state == "hidden"
    assert xc.numeric_share(ws, block, [1]) == pytest.approx(1 / 3)


def test_wrapped_text_gets_its_row_height():
    wb = xw.new_workbook()
    ws = wb.create_sheet("Blad")
    text = "een zin van ongeveer veertig tekens lang " * 3  # 123 characters
    xw.write_table(ws, 1, [xw.Col("Tekst"), xw.Col("Getal", numeric=True)], [[text, 5], ["kort", 6]], name="t")
    xw.fit_widths(ws, maximum=42)
    # column width 42 leaves 41 characters a line: 123 characters need 3 lines of 15 pt
    assert ws.column_dimensions["A"].width == 42
    assert ws.row_dimensions[2].height == 45 and ws["A2"].alignment.wrap_text
    assert ws["B2"].alignment.vertical == "top" and ws["B2"].alignment.horizontal == "right"
    assert ws.row_dimensions[3].height is None


def test_keep_together_breaks_before_a_block_that_would_straddle_a_page():
    wb = xw.new_workbook()
    ws = wb.create_sheet("Blad")
    for row in range(1, 80):
        xw.write_value(ws, row, 1, f"regel {row}")
    ws.column_dimensions["A"].width = 200  # (200*7+5)/96*2.54 = 37.2 cm: scale 27.2/37.2 = 0.731
    xp.print_setup(ws, repeat_rows="1:2")
    assert xp.print_scale(ws) == pytest.approx(27.2 / ((200 * 7 + 5) / 96 * 2.54))
    # a row is 15 pt = 0.529 cm, x 0.731 = 0.387 cm; 17 cm holds 43 rows. Block 5-20 fits; at
    # row 39 the page holds 15.1 cm, block 40-60 (21 rows, 8.1 cm) would run over: a break after
    # row 39. The next page starts with the 2 title rows (0.8 cm) + 40-61 (8.5 cm); block 62-70
    # (3.5 cm) still fits.
    assert xp.keep_together(ws, [(5, 20), (40, 60), (62, 70)], repeated_rows=2) == [39]
    assert [b.id for b in ws.row_breaks.brk] == [39]
    # a block longer than a page is not moved (it cannot fit anyway)
    ws2 = wb.create_sheet("Lang")
    ws2.column_dimensions["A"].width = 200
    xp.print_setup(ws2)
    assert xp.keep_together(ws2, [(1, 200)]) == []
