"""Property test through the whole stack (issue 8, item 2): any value openpyxl can put in any
cell of a register goes through calamine, the parser and the rules, and ends as an applied row
or as Dutch messages naming file, sheet, row and column; never an exception or the 'unforeseen
failure' net."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from data_access.db import connect
from data_access.importer import import_workbook
from data_access.registers import BY_NAME
from tests.workbooks import clean_data, save, sheet_rows

REGISTERS = ("klachten", "tuchtdossiers", "meldingen", "actieplan", "evaluatiecriteria", "indicatoren")
LINE = re.compile(r"^f\.xlsx: [A-Z][\w' ]+, rij \d+, kolom [\w ]+: .+")

VALUES = st.one_of(
    st.none(),
    st.text(max_size=20).map(lambda s: ILLEGAL_CHARACTERS_RE.sub("", s)),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["45%", "45,5", "1/3/2025", "2025-03-01", " JA ", "x", "=A1", "#N/A", "afgesloten"]),
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    eng = connect(f"sqlite:///{tmp_path_factory.mktemp('waarden') / 'w.sqlite'}")
    yield eng
    eng.dispose()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(register=st.sampled_from(REGISTERS), data=st.data())
def test_any_cell_value_is_imported_or_refused_in_dutch(engine, register, data):
    rows = sheet_rows(register, clean_data()[register])
    header = rows[0]
    for _ in range(data.draw(st.integers(1, 3))):
        row = data.draw(st.integers(1, len(rows) - 1))
        column = data.draw(st.integers(0, len(header) - 1))
        rows[row][column] = data.draw(VALUES)
    report = import_workbook(engine, save({BY_NAME[register].sheet: rows}), file_name="f.xlsx", user="t", dry_run=True)
    for error in report.errors:
        assert LINE.match(error), error
        assert "onverwachts" not in error
    if report.ok:
        assert sum(report.counts[register].values()) >= 1
