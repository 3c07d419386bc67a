"""dashboard.tables: which columns a table draws at which width, and cells as text."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from dashboard.style import tables


def test_a_narrow_table_keeps_every_column_at_its_natural_width():
    frame = pd.DataFrame({"jaar": [2024, 2025], "aantal": [3, 12]})
    fit = tables.fit(frame, {"jaar": "Jaar", "aantal": "Aantal"})
    assert fit.shown == ["jaar", "aantal"] and not fit.hidden and not fit.shortened
    # 'Aantal': 6 header characters of 8,2 px plus 28 px padding
    assert fit.widths["aantal"] == int(6 * tables.HEADER_CHAR_PX + tables.PADDING_PX)


def test_a_long_text_gives_up_width_before_any_column_is_left_out():
    frame = pd.DataFrame({"nummer": ["A-1"], "omschrijving": ["x" * 200], "status": ["open"]})
    headers = {"nummer": "Nummer", "omschrijving": "Omschrijving", "status": "Status"}
    fit = tables.fit(frame, headers, budget=400)
    assert fit.shown == ["nummer", "omschrijving", "status"] and fit.shortened
    assert sum(fit.widths.values()) <= 400
    assert fit.widths["omschrijving"] < tables.TEXT_CAP


def test_columns_that_do_not_fit_are_left_out_from_the_end():
    frame = pd.DataFrame({f"k{i}": ["waarde " * 3] for i in range(8)})
    headers = {c: c for c in frame.columns}
    fit = tables.fit(frame, headers, budget=600, keep=["k7"])
    assert sum(fit.widths.values()) <= 600
    assert fit.hidden and "k7" in fit.shown  # kept, though it is the last
    assert fit.shown == ["k0", "k1", "k2", "k3", "k7"][: len(fit.shown) - 1] + ["k7"]
    assert sorted(fit.shown + fit.hidden) == sorted(frame.columns)


def test_missing_cells_are_empty_and_values_read_the_dutch_way():
    assert tables.cell_text(None) == ""
    assert tables.cell_text(float("nan")) == ""
    assert tables.cell_text(pd.NaT) == ""
    assert tables.cell_text(pd.NA) == ""
    assert tables.cell_text(np.int64(1234)) == "1.234"
    assert tables.cell_text(12.5) == "12,5"
    assert tables.cell_text(dt.date(2025, 3, 7)) == "07/03/2025"
    assert tables.cell_text(pd.Timestamp("2025-03-07")) == "07/03/2025"
    assert tables.cell_text(True) == "ja"
    assert tables.cell_text("<5") == "<5"


def test_one_record_lists_every_field_with_its_header():
    frame = pd.DataFrame({"nummer": ["A-1", "A-2"], "datum": [dt.date(2025, 1, 2), None]})
    shown = tables.record(frame, 1, {"nummer": "Nummer", "datum": "Datum"})
    assert shown.to_dict("list") == {"Veld": ["Nummer", "Datum"], "Waarde": ["A-2", ""]}
