"""The zone sample under the name ZONE and its netwerk release of TODAY, made once per module.

The reports' tests write (the zone name, cover letters, audit rows): they get a copy of the
worker's sample (tests/conftest.py `sample_url`, read-only for the tests that share it), made
with SQLite's backup API. With --dist worksteal a module's tests can run on two workers, each
then makes its own copy."""

from __future__ import annotations

import sqlite3

import pytest

from data_access.db import connect
from data_access.settings import save_zone_name
from kpis.disclosure.release import netwerk_release
from tests.reports.common import TODAY, ZONE


@pytest.fixture(scope="module")
def sample(sample_url, tmp_path_factory):
    copy = tmp_path_factory.mktemp("reports-sample") / "sample.sqlite"
    with sqlite3.connect(sample_url.removeprefix("sqlite:///")) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    source.close()
    target.close()
    engine = connect(f"sqlite:///{copy}")
    with engine.begin() as conn:
        save_zone_name(conn, ZONE)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def release(sample):
    with sample.connect() as conn:
        return netwerk_release(conn, TODAY, 5)
