"""Faults during an import (issue 8, item 3): a process killed half-way leaves the database as
it was, and two imports at once are serialised, or the second is refused clearly when the first
holds the lock too long. On SQLite and on a real PostgreSQL."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import sqlalchemy as sa

from data_access import db, importer
from data_access.db import connect
from data_access.importer import BUSY_MESSAGE, import_workbook
from data_access.schema import import_log
from tests.workbooks import all_tables, clean_data, clean_workbook, one_sheet, table_rows

ROOT = Path(__file__).resolve().parent.parent

# Runs a real import in a child process; once every row is written and the data version bumped,
# but before the commit, it reports how many Klachten its own transaction sees, then hangs.
CHILD = textwrap.dedent(
    """
    import sys, time
    import sqlalchemy as sa
    from data_access import db, importer

    real_bump = db.bump_data_version

    def bump_then_hang(conn):
        real_bump(conn)
        seen = conn.execute(sa.text("SELECT count(*) FROM klachten")).scalar()
        print(f"GESCHREVEN {seen}", flush=True)
        time.sleep(300)

    db.bump_data_version = bump_then_hang
    engine = db.connect(sys.argv[1])
    importer.import_workbook(engine, sys.argv[2], user="wordt gestopt")
    print("NIET GESTOPT", flush=True)
    """
)


def _changed_workbook(path: Path) -> Path:
    data = clean_data()
    data["klachten"][0]["dienst"] = "Wijkwerking"
    data["klachten"] += [dict(data["klachten"][1], dossiernummer=f"KL-2026-{i:04d}") for i in range(50)]
    return clean_workbook(path, data)


def test_import_killed_half_way_leaves_the_database_as_it_was(any_url, tmp_path):
    engine = connect(any_url)
    assert import_workbook(engine, clean_workbook(), file_name="a.xlsx", user="t").ok
    before = all_tables(engine)
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    child = subprocess.Popen(
        [sys.executable, str(script), any_url, str(_changed_workbook(tmp_path / "b.xlsx"))],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True,
    )
    try:
        line = _read_line(child, timeout=60)
        assert line == "GESCHREVEN 53"  # its transaction holds 3 + 50 rows: the writes did happen
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert all_tables(engine) == before
    # and the lock died with the process: the next import goes through
    report = import_workbook(engine, clean_workbook(), file_name="c.xlsx", user="t")
    assert report.ok and report.applied, report.errors
    engine.dispose()


def _read_line(child: subprocess.Popen, timeout: float) -> str:
    result: list[str] = []
    reader = threading.Thread(target=lambda: result.append(child.stdout.readline().strip()), daemon=True)
    reader.start()
    reader.join(timeout)
    assert result, "the child import did not reach the end of its transaction in time"
    return result[0]


def test_two_imports_at_once_are_serialised(any_engine, monkeypatch):
    """Each import sleeps inside its transaction; with the import lock the two never overlap."""
    events: list[tuple[str, str]] = []
    real_bump = db.bump_data_version

    def slow_bump(conn):
        name = threading.current_thread().name
        events.append(("in", name))
        time.sleep(0.4)
        events.append(("uit", name))
        return real_bump(conn)

    monkeypatch.setattr(db, "bump_data_version", slow_bump)
    data = clean_data()["klachten"]
    other = [dict(r, dossiernummer=r["dossiernummer"].replace("KL-", "KL-B-")) for r in data]
    books = {"eerste": one_sheet("klachten", data), "tweede": one_sheet("klachten", other)}
    reports = {}
    threads = [
        threading.Thread(name=name, target=lambda n=name: reports.__setitem__(
            n, import_workbook(any_engine, books[n], file_name=f"{n}.xlsx", user=n)))
        for name in books
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert all(r.ok and r.applied for r in reports.values()), [r.errors for r in reports.values()]
    first = events[0][1]
    second = "tweede" if first == "eerste" else "eerste"
    assert events == [("in", first), ("uit", first), ("in", second), ("uit", second)]
    assert len(table_rows(any_engine)["klachten"]) == 6
    with any_engine.connect() as conn:
        assert len(conn.execute(sa.select(import_log)).all()) == 2
        assert db.data_version(conn) == 2


@contextlib.contextmanager
def _holding_the_import_lock(engine):
    """Another import in progress, as seen from the database."""
    if engine.dialect.name == "sqlite":
        holder = sqlite3.connect(engine.url.database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    else:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": importer._PG_LOCK_KEY})
            yield
            conn.rollback()


def test_second_import_is_refused_clearly_when_the_first_takes_too_long(any_engine, monkeypatch):
    monkeypatch.setattr(importer, "LOCK_WAIT_SECONDS", 0.5)
    before = all_tables(any_engine)
    with _holding_the_import_lock(any_engine):
        report = import_workbook(any_engine, clean_workbook(), file_name="b.xlsx", user="t")
    assert report.errors == [f"b.xlsx: {BUSY_MESSAGE}"]
    assert not report.applied and report.import_id is None
    assert all_tables(any_engine) == before
    # once the other import is done, it goes through
    assert import_workbook(any_engine, clean_workbook(), file_name="b.xlsx", user="t").applied


def test_database_error_during_write_is_reported_and_rolled_back(engine, monkeypatch):
    assert import_workbook(engine, clean_workbook(), file_name="a.xlsx", user="t").ok
    before = all_tables(engine)

    def failing_bump(conn):
        conn.execute(sa.text("SELECT * FROM tabel_die_niet_bestaat"))

    monkeypatch.setattr(db, "bump_data_version", failing_bump)
    data = clean_data()
    data["klachten"][0]["dienst"] = "Wijkwerking"
    report = import_workbook(engine, clean_workbook(data=data), file_name="b.xlsx", user="t")
    assert len(report.errors) == 1
    assert report.errors[0].startswith("b.xlsx: de databank weigerde de import (no such table: tabel_die_niet_bestaat)")
    assert report.errors[0].endswith("; er werd niets gewijzigd")
    assert not report.applied and report.import_id is None
    assert all_tables(engine) == before


def test_an_unforeseen_failure_is_a_dutch_error_not_a_traceback(engine, monkeypatch):
    def broken(table, today=None):
        raise KeyError("onvoorzien")

    monkeypatch.setattr(importer, "validate_table", broken)
    report = import_workbook(engine, clean_workbook(), file_name="a.xlsx", user="t")
    assert report.errors == ["a.xlsx: er liep iets onverwachts mis bij het inlezen (KeyError); er werd niets "
                             "gewijzigd. Meld dit aan de beheerder."]
    assert not report.applied and table_rows(engine)["klachten"] == []


def test_unreachable_database_raises_the_apps_dutch_error_after_checking_the_file():
    import pytest

    engine = db.make_engine("postgresql://niemand:x@127.0.0.1:9/geen")
    data = clean_data()
    data["klachten"][0]["kanaal"] = "fax"
    # a bad file is refused without needing the database ...
    assert import_workbook(engine, clean_workbook(data=data), file_name="a.xlsx", user="t").errors
    # ... a good one needs it, and its absence is the app's Dutch DatabaseUnavailable, not a traceback
    for dry_run in (True, False):
        with pytest.raises(db.DatabaseUnavailable, match=r"^De databank is niet bereikbaar \(postgresql\+psycopg://niemand:\*\*\*@127\.0\.0\.1:9/geen\)"):
            import_workbook(engine, clean_workbook(), file_name="a.xlsx", user="t", dry_run=dry_run)
    engine.dispose()
