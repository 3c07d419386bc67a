"""The zone sample under the name ZONE and its netwerk release of TODAY, made once per module."""

from __future__ import annotations

import pytest

from data_access.db import connect
from data_access.settings import save_zone_name
from kpis.disclosure.release import netwerk_release
from tests.reports.common import TODAY, ZONE


@pytest.fixture(scope="module")
def sample(sample_url):
    engine = connect(sample_url)
    with engine.begin() as conn:
        save_zone_name(conn, ZONE)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def release(sample):
    with sample.connect() as conn:
        return netwerk_release(conn, TODAY, 5)
