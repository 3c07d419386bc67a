"""import_workbook on valid workbooks: what arrives, re-imports, logging, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import io
import json

import sqlalchemy as sa

from data_access.db import data_version
from data_access.importer import import_workbook
from data_access.schema import REGISTER_TABLES, import_log
from tests.workbooks import (
    all_tables,
    clean_data,
    clean_workbook,
    expected_rows,
    messy_workbook,
    one_sheet,
    save,
    sheet_rows,
    table_rows,
)


def test_clean_workbook_arrives_row_for_row_and_is_logged(any_engine):
    data = clean_workbook()
    report = import_workbook(any_engine, data, file_name="registers.xlsx", user="Els")
    assert report.ok and report.applied, report.errors
    assert table_rows(any_engine) == expected_rows()
    assert report.counts["klachten"] == {"added": 3, "updated": 0, "unchanged": 0}
    assert report.counts["indicatoren"] == {"added": 2, "updated": 0, "unchanged": 0}
    with any_engine.connect() as conn:
        log = conn.execute(sa.select(import_log)).one()
        assert data_version(conn) == 1
        ids = conn.execute(sa.select(REGISTER_TABLES["klachten"].c.import_id).distinct()).scalars().all()
    assert log.id == report.import_id and ids == [report.import_id]
    assert (log.user_name, log.file_name) == ("Els", "registers.xlsx")
    assert log.sha256 == hashlib.sha256(data).hexdigest()
    assert json.loads(log.counts) == report.counts


def test_messy_workbook_imports_exactly_the_clean_rows(any_engine):
    report = import_workbook(any_engine, messy_workbook(), file_name="rommelig.xlsx", user="t")
    assert report.ok, report.errors
    assert table_rows(any_engine) == expected_rows()
    # the one extra column is a warning naming file, sheet, row and column
    assert report.warnings == ["rommelig.xlsx: Klachten, rij 3: kolom 'Interne nota' (J) is onbekend en werd genegeerd"]


def test_reimport_changes_nothing(any_engine):
    first = import_workbook(any_engine, clean_workbook(), file_name="a.xlsx", user="t")
    before = table_rows(any_engine, with_import_id=True)
    second = import_workbook(any_engine, messy_workbook(), file_name="b.xlsx", user="t")
    assert first.ok and second.ok and second.applied
    assert all(c["added"] == 0 and c["updated"] == 0 for c in second.counts.values())
    assert second.counts["klachten"]["unchanged"] == 3
    # not rewritten: every row still carries the first import's id
    assert table_rows(any_engine, with_import_id=True) == before


def test_reimport_updates_by_key_and_never_deletes(any_engine):
    import_workbook(any_engine, clean_workbook(), file_name="a.xlsx", user="t")
    data = clean_data()
    data["klachten"][1].update(status="afgesloten", datum_afsluiting=clean_data()["klachten"][2]["datum_ontvangst"],
                               beoordeling="gegrond")
    del data["klachten"][2]  # a row missing from the file stays in the database
    data["klachten"].append(dict(data["klachten"][0], dossiernummer="KL-2025-0099"))
    report = import_workbook(any_engine, one_sheet("klachten", data["klachten"]), file_name="b.xlsx", user="t")
    assert report.ok, report.errors
    assert report.counts == {"klachten": {"added": 1, "updated": 1, "unchanged": 1}}
    table = REGISTER_TABLES["klachten"]
    with any_engine.connect() as conn:
        rows = {r.dossiernummer: r for r in conn.execute(sa.select(table))}
    assert sorted(rows) == ["KL-2025-0001", "KL-2025-0002", "KL-2025-0003", "KL-2025-0099"]
    assert (rows["KL-2025-0002"].status, rows["KL-2025-0002"].beoordeling) == ("afgesloten", "gegrond")
    assert rows["KL-2025-0002"].import_id == rows["KL-2025-0099"].import_id == report.import_id
    assert rows["KL-2025-0001"].import_id == rows["KL-2025-0003"].import_id != report.import_id


def test_missing_optional_column_leaves_stored_values_alone(engine):
    import_workbook(engine, clean_workbook(), file_name="a.xlsx", user="t")
    rows = sheet_rows("klachten", clean_data()["klachten"])
    without_description = [row[:-1] for row in rows]  # omschrijving is the last column
    report = import_workbook(engine, save({"Klachten": without_description}), file_name="b.xlsx", user="t")
    assert report.ok and report.counts["klachten"]["unchanged"] == 3
    assert table_rows(engine)["klachten"] == expected_rows()["klachten"]


def test_dry_run_counts_but_writes_nothing(any_engine):
    before = all_tables(any_engine)
    report = import_workbook(any_engine, clean_workbook(), file_name="a.xlsx", user="t", dry_run=True)
    assert report.ok and not report.applied and report.import_id is None
    assert report.counts["meldingen"] == {"added": 2, "updated": 0, "unchanged": 0}
    assert all_tables(any_engine) == before


def test_source_may_be_a_path_bytes_or_a_file_object(engine, tmp_path):
    path = clean_workbook(tmp_path / "registers.xlsx")
    assert import_workbook(engine, path, user="t").file_name == "registers.xlsx"
    assert import_workbook(engine, str(path), user="t").counts["klachten"]["unchanged"] == 3
    with open(path, "rb") as fh:
        assert import_workbook(engine, fh, user="t").file_name == "registers.xlsx"
    report = import_workbook(engine, io.BytesIO(path.read_bytes()), file_name="upload.xlsx", user="t")
    assert report.ok and report.file_name == "upload.xlsx"


def test_progress_is_reported_up_to_done(engine):
    seen = []
    import_workbook(engine, clean_workbook(), file_name="a.xlsx", user="t", progress=lambda m, f: seen.append((m, f)))
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and seen[-1] == ("Klaar", 1.0)
    assert any(m == "Klachten wegschrijven" for m, _ in seen)
