"""An import and what it leaves besides the rows: the "import" audit row (command line and app,
once each, in the import's transaction) and the end of the sample-data mark (data_access.demo)."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from data_access import importer
from data_access.access import Access
from data_access.demo import SAMPLE_USER, clear_sample_mark, is_sample_database, mark_as_sample, offers_demo
from data_access.importer import cli_import, import_workbook
from data_access.schema import audit_log, import_log
from tests.workbooks import clean_data, clean_workbook


def _audit_rows(engine) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(audit_log).where(audit_log.c.action == "import").order_by(audit_log.c.id))
        return [dict(r._mapping, detail=json.loads(r.detail)) for r in rows]


def _imports(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(import_log)).scalar()


@pytest.fixture
def sample_marked(engine):
    with engine.begin() as conn:
        mark_as_sample(conn)
    return engine


def test_sample_data_re_exports_the_mark_from_data_access():
    import sample_data
    from data_access import demo

    assert sample_data.SAMPLE_USER == demo.SAMPLE_USER == "voorbeeldgegevens"
    assert sample_data.clear_sample_mark is demo.clear_sample_mark
    assert sample_data.is_sample_database is demo.is_sample_database


def test_cli_import_ends_the_sample_mark_and_is_audited(tmp_path, sqlite_url, sample_marked, capsys):
    engine = sample_marked
    assert offers_demo_now(engine)
    book = clean_workbook(tmp_path / "echte-gegevens.xlsx")
    assert cli_import(str(book), database_url=sqlite_url, dry_run=False, user="els.claes") == 0
    with engine.connect() as conn:
        assert not is_sample_database(conn) and not offers_demo(conn)
    (row,) = _audit_rows(engine)
    assert (row["user_name"], row["role"]) == ("els.claes", "integriteitscoordinator")
    assert row["detail"]["bestand"] == "echte-gegevens.xlsx" and row["detail"]["resultaat"] == "geïmporteerd"
    assert row["detail"]["aantallen"]["klachten"] == {"added": 3, "updated": 0, "unchanged": 0}
    assert len(row["detail"]["sha256"]) == 64


def offers_demo_now(engine) -> bool:
    with engine.connect() as conn:
        return offers_demo(conn)


def test_the_sample_import_keeps_the_mark_and_a_dry_run_changes_nothing(tmp_path, sample_marked):
    engine = sample_marked
    book = clean_workbook(tmp_path / "voorbeeld.xlsx")
    assert import_workbook(engine, book, user="els.claes", dry_run=True, access=Access("els.claes", "integriteitscoordinator")).ok
    assert offers_demo_now(engine) and _audit_rows(engine) == []
    assert import_workbook(engine, book, user=SAMPLE_USER).applied
    assert offers_demo_now(engine)


def test_a_refused_cli_import_keeps_the_mark_and_is_audited_as_refused(tmp_path, sqlite_url, sample_marked, capsys):
    engine = sample_marked
    data = clean_data()
    data["klachten"][1]["kanaal"] = "telefoon??"
    book = clean_workbook(tmp_path / "fout.xlsx", data)
    assert cli_import(str(book), database_url=sqlite_url, dry_run=False, user="els.claes") == 1
    assert offers_demo_now(engine) and _imports(engine) == 0
    (row,) = _audit_rows(engine)
    assert row["detail"]["resultaat"] == "geweigerd" and row["detail"]["fouten"] == 1


def test_the_audit_row_and_the_mark_are_part_of_the_import_transaction(tmp_path, sqlite_url, sample_marked, monkeypatch, capsys):
    engine = sample_marked
    book = clean_workbook(tmp_path / "registers.xlsx")

    def failing_write(*args, **kwargs):
        raise sa.exc.OperationalError("INSERT", {}, Exception("schijf vol"))

    # the rows cannot be written: no import, the mark stays, the audit says refused
    monkeypatch.setattr(importer, "_write", failing_write)
    assert cli_import(str(book), database_url=sqlite_url, dry_run=False, user="els.claes") == 1
    assert _imports(engine) == 0 and offers_demo_now(engine)
    assert [r["detail"]["resultaat"] for r in _audit_rows(engine)] == ["geweigerd"]
    monkeypatch.undo()

    # the audit row cannot be written: nothing of the import stays either
    real_record = importer.audit.record

    def failing_record(conn, access, action, detail=None, **kwargs):
        if detail and detail.get("resultaat") == "geïmporteerd":
            raise sa.exc.OperationalError("INSERT", {}, Exception("auditlog weigert"))
        return real_record(conn, access, action, detail, **kwargs)

    monkeypatch.setattr(importer.audit, "record", failing_record)
    assert cli_import(str(book), database_url=sqlite_url, dry_run=False, user="els.claes") == 1
    assert _imports(engine) == 0 and offers_demo_now(engine)


def test_cli_refuses_the_sample_user_name(tmp_path, sqlite_url, sample_marked, capsys):
    book = clean_workbook(tmp_path / "registers.xlsx")
    assert cli_import(str(book), database_url=sqlite_url, dry_run=False, user=SAMPLE_USER) == 1
    assert "voorbehouden" in capsys.readouterr().err
    assert _imports(sample_marked) == 0 and offers_demo_now(sample_marked)


def test_clear_sample_mark_without_a_mark_is_harmless(engine):
    with engine.begin() as conn:
        clear_sample_mark(conn)
        assert not is_sample_database(conn)


def test_no_account_can_take_the_sample_user_name(engine):
    from data_access.users import add_user

    with engine.begin() as conn, pytest.raises(ValueError, match="voorbehouden"):
        add_user(conn, " Voorbeeldgegevens ", "integriteitscoordinator", "lang-genoeg-wachtwoord")
