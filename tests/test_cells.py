"""The cell parser: every accepted form of registers.md, the Dutch refusals, and (hypothesis)
arbitrary values of every kind: parsed or a Dutch message, never an exception, and the
column-at-once path gives exactly what the one-value path gives."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from data_access.cells import display, format_number, parse_cell, parse_column
from data_access.registers import Column

D = dt.date
CHANNELS = ("burger", "Comité P", "AIG", "parket")


@pytest.mark.parametrize("raw,expected", [
    (D(2025, 3, 1), D(2025, 3, 1)),
    (dt.datetime(2025, 3, 1, 14, 30), D(2025, 3, 1)),
    ("01/03/2025", D(2025, 3, 1)),
    ("1/3/2025", D(2025, 3, 1)),
    (" 2025-03-01 ", D(2025, 3, 1)),
    ("2025-03-01 00:00:00", D(2025, 3, 1)),
])
def test_date_forms(raw, expected):
    assert parse_cell("date", raw) == (expected, None)


@pytest.mark.parametrize("raw", ["31/02/2025", "2025/03/01", "1-3-2025", "maart 2025", 45000.0, "01/03/25", "1/3/1850"])
def test_date_refusals(raw):
    value, error = parse_cell("date", raw)
    assert value is None and error.startswith(f"'{display(raw)}' is geen geldige datum")


@pytest.mark.parametrize("type_,raw,expected", [
    ("number", "45,5", 45.5), ("number", "45.5", 45.5), ("number", 12, 12.0), ("number", "1.234,5", 1234.5),
    ("number", "1 234", 1234.0), ("number", "-3,25", -3.25),
    ("int", "2025", 2025), ("int", 2025.0, 2025), ("int", " 7 ", 7),
    ("pct", "45", 45.0), ("pct", "45%", 45.0), ("pct", "45,5", 45.5), ("pct", "45,5 %", 45.5), ("pct", 0.45, 0.45),
    ("text", 12.0, "12"), ("text", " KL-1 ", "KL-1"), ("text", 2.5, "2,5"),
])
def test_number_and_text_forms(type_, raw, expected):
    assert parse_cell(type_, raw) == (expected, None)


def test_percentage_cell_reads_as_percent():
    assert parse_cell("pct", 0.45, percent_cell=True) == (45.0, None)
    assert parse_cell("pct", 0.07, percent_cell=True) == (7.0, None)  # not 7.000000000000001
    assert parse_cell("pct", "45%", percent_cell=True) == (45.0, None)  # text in a % cell is as typed


@pytest.mark.parametrize("type_,raw,message", [
    ("number", "twaalf", "'twaalf' is geen getal"),
    ("number", "1,2,3", "'1,2,3' is geen getal"),
    ("number", "nan", "'nan' is geen getal"),
    ("int", 2025.5, "'2025,5' is geen geheel getal"),
    ("int", 1e12, "'1000000000000' is geen geheel getal"),
    ("pct", "veel", "'veel' is geen percentage (bv. 45, 45% of 45,5)"),
    ("enum", "telefoon??", "'telefoon??' is geen geldige waarde (kies uit: burger, Comité P, AIG, parket)"),
    ("bool", "misschien", "'misschien' is geen geldige waarde (gebruik ja of nee)"),
    ("bool", 2, "'2' is geen geldige waarde (gebruik ja of nee)"),
])
def test_refusals_are_dutch_and_quote_the_value(type_, raw, message):
    assert parse_cell(type_, raw, CHANNELS) == (None, message)


@pytest.mark.parametrize("raw,expected", [
    ("  comité p ", "Comité P"), ("COMITE P", "Comité P"), ("Comite_P", "Comité P"), ("aig", "AIG"),
    ("burger ", "burger"),
])
def test_enum_matching(raw, expected):
    assert parse_cell("enum", raw, CHANNELS) == (expected, None)


@pytest.mark.parametrize("raw,expected", [
    ("ja", True), ("JA", True), ("j", True), ("x", True), ("X", True), (1, True), ("1", True), (True, True),
    ("nee", False), ("n", False), ("0", False), (0.0, False), (None, False), ("", False), ("  ", False),
])
def test_bool_forms(raw, expected):
    assert parse_cell("bool", raw) == (expected, None)


def test_blank_cells_are_none():
    for type_ in ("text", "date", "int", "number", "pct", "enum"):
        assert parse_cell(type_, "  ", CHANNELS) == (None, None)
        assert parse_cell(type_, None, CHANNELS) == (None, None)


def test_dutch_number_format():
    assert format_number(1234567) == "1.234.567"
    assert format_number(1234.5) == "1.234,5"
    assert format_number(0.25) == "0,25"


def test_column_percent_cells_only_scale_numbers_in_percentage_cells():
    column = Column("voortgang", "pct")
    parsed = parse_column([0.45, 0.45, "45%", 1, ""], column, np.array([True, False, True, True, False]))
    assert list(parsed.values) == [45.0, 0.45, 45.0, 100.0, None]
    assert list(parsed.blank) == [False, False, False, False, True]


def test_a_percentage_cell_too_large_to_scale_is_refused_not_infinite():
    """Found by the property test below: 1,8e306 in a percentage cell is 1,8e308 %, past a float."""
    huge = 1.797693134862316e306
    value, error = parse_cell("pct", huge, percent_cell=True)
    assert value is None and error.startswith("'1797693") and error.endswith("' is geen percentage (bv. 45, 45% of 45,5)")
    parsed = parse_column([huge, 0.5], Column("voortgang", "pct"), np.array([True, True]))
    assert list(parsed.values) == [None, 50.0]
    assert parsed.errors[0].endswith("is geen percentage (bv. 45, 45% of 45,5)") and parsed.errors[1] is None


def test_column_bools_in_a_number_column_are_refused_not_read_as_one():
    parsed = parse_column([1, True, 1.0], Column("waarde", "number"))
    assert list(parsed.values) == [1.0, None, 1.0]
    assert list(parsed.errors) == [None, "'WAAR' is geen getal", None]


# --- property tests ---------------------------------------------------------------------------

CELL_VALUES = st.one_of(
    st.none(),
    st.text(),
    st.text(alphabet="0123456789.,-/% ajnexJNX", max_size=12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(),
    st.sampled_from(["burger", " AIG ", "comite p", "45%", "1/3/2025", "2025-03-01", "ja", "x", "", "  "]),
)
TYPES = ("text", "date", "int", "number", "pct", "enum", "bool")
RESULT_TYPES = {"text": str, "date": dt.date, "int": int, "number": float, "pct": float, "enum": str, "bool": bool}
DUTCH = ("is geen geldige datum", "is geen geheel getal", "is geen getal", "is geen percentage",
         "is geen geldige waarde")


@settings(max_examples=300, deadline=None)
@given(type_=st.sampled_from(TYPES), value=CELL_VALUES, percent=st.booleans())
def test_any_value_is_parsed_or_refused_in_dutch(type_, value, percent):
    parsed, error = parse_cell(type_, value, CHANNELS, percent_cell=percent)
    if error is None:
        if parsed is not None:
            assert type(parsed) is RESULT_TYPES[type_]
            if isinstance(parsed, float):
                assert math.isfinite(parsed)
            if type_ == "enum":
                assert parsed in CHANNELS
    else:
        assert parsed is None
        assert error.startswith("'") and any(phrase in error for phrase in DUTCH), error


@settings(max_examples=150, deadline=None)
@given(type_=st.sampled_from(TYPES), values=st.lists(CELL_VALUES, max_size=30), data=st.data())
def test_a_column_gives_what_each_cell_gives(type_, values, data):
    percent = np.array(data.draw(st.lists(st.booleans(), min_size=len(values), max_size=len(values))), dtype=bool)
    column = Column("x", type_, values=CHANNELS if type_ == "enum" else ())
    parsed = parse_column(values, column, percent if type_ == "pct" else None)
    assert len(parsed.values) == len(parsed.errors) == len(parsed.blank) == len(values)
    for i, value in enumerate(values):
        expected = parse_cell(type_, value, column.values, percent_cell=type_ == "pct" and bool(percent[i]))
        assert (parsed.values[i], parsed.errors[i]) == expected, value
