"""The schema: migrations create every register table, on SQLite and PostgreSQL alike, and make
the audit log append-only on both (also on a database an older version left behind)."""

import pytest
import sqlalchemy as sa

from data_access.db import bump_data_version, connect, data_version, is_empty, make_engine, resolve_url, upgrade
from data_access.registers import REGISTERS
from data_access.schema import REGISTER_TABLES, audit_log

HEAD = "0004"


def test_migration_creates_every_register_table(any_engine):
    names = set(sa.inspect(any_engine).get_table_names())
    assert {r.name for r in REGISTERS} <= names
    assert {"settings", "meta", "import_log", "audit_log", "users"} <= names
    with any_engine.connect() as conn:
        assert is_empty(conn)


def test_migration_is_idempotent(any_url):
    connect(any_url).dispose()
    eng = connect(any_url)  # second upgrade: nothing to do, nothing lost
    with eng.begin() as conn:
        assert bump_data_version(conn) == 1
    eng.dispose()
    eng = connect(any_url)
    with eng.connect() as conn:
        assert data_version(conn) == 1
    eng.dispose()


def test_url_precedence(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@h/db")
    assert resolve_url("sqlite:///x.sqlite") == "sqlite:///x.sqlite"
    assert resolve_url() == "postgresql+psycopg://u:p@h/db"
    monkeypatch.delenv("DATABASE_URL")
    assert resolve_url().startswith("sqlite:///") and resolve_url().endswith("data/dashboard.sqlite")


def _audit_row(conn, user: str) -> None:
    import datetime as dt

    conn.execute(audit_log.insert().values(at=dt.datetime(2026, 1, 1), user_name=user, role="korpsleiding", action="export", detail="{}"))


def _audit_users(engine) -> list[str]:
    with engine.connect() as conn:
        return conn.execute(sa.select(audit_log.c.user_name).order_by(audit_log.c.id)).scalars().all()


def _assert_append_only(engine) -> None:
    """UPDATE and DELETE (with and without WHERE) fail and leave every row; INSERT works."""
    before = _audit_users(engine)
    assert before
    for stmt in (
        audit_log.delete(),
        audit_log.delete().where(audit_log.c.user_name == before[0]),
        audit_log.update().values(user_name="iemand anders"),
        audit_log.update().where(audit_log.c.user_name == before[0]).values(detail='{"gewist": true}'),
        sa.text("DELETE FROM audit_log"),
    ):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            with engine.begin() as conn:
                conn.execute(stmt)
        assert _audit_users(engine) == before, stmt
    with engine.begin() as conn:
        _audit_row(conn, "nog een")
    assert _audit_users(engine) == before + ["nog een"]


def test_audit_log_is_append_only(any_engine):
    with any_engine.begin() as conn:
        _audit_row(conn, "a")
    _assert_append_only(any_engine)


def test_a_database_left_at_0001_is_upgraded_in_place(any_url):
    """A database made by the first version (no SQLite triggers yet) gets them at connect, and
    keeps its rows."""
    engine = make_engine(any_url)
    try:
        upgrade(engine, "0001")
        with engine.begin() as conn:
            _audit_row(conn, "a")
            _audit_row(conn, "b")
            conn.execute(REGISTER_TABLES["indicatoren"].insert().values(indicator="personeelsbestand (VTE)", periode="2025", waarde=120.0))
            assert _revision(conn) == "0001"
            if engine.dialect.name == "sqlite":
                assert _sqlite_triggers(conn) == set()
    finally:
        engine.dispose()

    engine = connect(any_url)  # as the app and every command do: migrate, then work
    try:
        with engine.connect() as conn:
            assert _revision(conn) == HEAD
            if engine.dialect.name == "sqlite":
                assert _sqlite_triggers(conn) == {"audit_log_no_update", "audit_log_no_delete"}
            assert conn.execute(sa.select(REGISTER_TABLES["indicatoren"].c.waarde)).scalars().all() == [120.0]
        assert _audit_users(engine) == ["a", "b"]
        _assert_append_only(engine)
    finally:
        engine.dispose()


NAVEX = "NAVEX Risk & Compliance Hotline Benchmark Report 2025"
NAVEX_ROWS = {
    ("reports_per_100_fte", 2024, 1.57, "wereldwijd, mediaan van organisaties met minstens 10 meldingen", NAVEX),
    ("reports_per_100_fte", 2024, 0.67, "Europa, mediaan van organisaties met minstens 10 meldingen", NAVEX),
    ("reports_violation_rate", 2024, 46.0, "wereldwijd, mediaan van organisaties met minstens 10 meldingen", NAVEX),
}


def _references(conn) -> set[tuple]:
    t = REGISTER_TABLES["referenties"]
    return set(conn.execute(sa.select(t.c.indicator, t.c.jaar, t.c.waarde, t.c.populatie, t.c.bron)).all())


def test_a_database_left_at_0002_gets_risks_and_references_and_keeps_its_rows(any_url):
    """A database made by the previous version (at 0002, with rows in its registers) gets the
    Risico's and Referenties tables at connect, the NAVEX 2025 references, and keeps every row."""
    import datetime as dt

    engine = make_engine(any_url)
    try:
        upgrade(engine, "0002")
        with engine.begin() as conn:
            _audit_row(conn, "a")
            conn.execute(REGISTER_TABLES["indicatoren"].insert().values(indicator="personeelsbestand (VTE)", periode="2025", waarde=120.0))
            conn.execute(REGISTER_TABLES["actieplan"].insert().values(
                actie_id="A-1", strategische_doelstelling="Begeleiden", operationele_doelstelling="3.1",
                actie="Dilemmatraining", trekker="integriteitscoördinator", deadline=dt.date(2025, 6, 30), status="lopend"))
            conn.execute(REGISTER_TABLES["klachten"].insert().values(
                dossiernummer="KL-1", datum_ontvangst=dt.date(2025, 2, 3), kanaal="burger", categorie="bejegening",
                dienst="Interventie", status="ontvangen", medewerker="X"))
            assert "risicos" not in sa.inspect(conn).get_table_names()
    finally:
        engine.dispose()

    engine = connect(any_url)
    try:
        with engine.connect() as conn:
            assert _revision(conn) == HEAD
            assert {"risicos", "referenties"} <= set(sa.inspect(conn).get_table_names())
            assert conn.execute(sa.select(REGISTER_TABLES["indicatoren"].c.waarde)).scalars().all() == [120.0]
            assert conn.execute(sa.select(REGISTER_TABLES["actieplan"].c.actie_id)).scalars().all() == ["A-1"]
            assert conn.execute(sa.select(REGISTER_TABLES["klachten"].c.medewerker)).scalars().all() == ["X"]
            assert conn.execute(sa.select(sa.func.count()).select_from(REGISTER_TABLES["risicos"])).scalar() == 0
            assert _references(conn) == NAVEX_ROWS
        assert _audit_users(engine) == ["a"]
        _assert_append_only(engine)
    finally:
        engine.dispose()


def test_a_new_database_starts_with_the_navex_references_and_counts_as_empty(any_engine):
    with any_engine.connect() as conn:
        assert _references(conn) == NAVEX_ROWS
        assert is_empty(conn)  # references are not the zone's own data: the sample still loads


def test_migrations_match_the_schema_model(any_engine):
    """What the migrations build is what data_access.schema declares (alembic autogenerate finds nothing)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from data_access.schema import metadata

    with any_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_downgrade_to_0001_removes_the_sqlite_triggers(sqlite_url):
    from alembic import command
    from alembic.config import Config

    from data_access.db import MIGRATIONS_DIR

    engine = connect(sqlite_url)
    try:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.set_main_option("path_separator", "os")
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0001")
        with engine.connect() as conn:
            assert _sqlite_triggers(conn) == set() and _revision(conn) == "0001"
    finally:
        engine.dispose()


def _revision(conn) -> str:
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def _sqlite_triggers(conn) -> set[str]:
    return set(conn.execute(sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")).scalars())
