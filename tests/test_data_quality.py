"""What the figures rest on (kpis.data_quality) on the hand-made zone of test_kpi_engine: every
check and the rows concerned, worked out by hand from the rows there."""

from __future__ import annotations

from datetime import date as d

import pytest

from kpis.data_quality import checks
from tests.test_kpi_engine import load_zone
from tests.test_kpi_helpers import DB_PARAMS, module_database


@pytest.fixture(scope="module", params=DB_PARAMS)
def zone(request, tmp_path_factory):
    yield from module_database(request, tmp_path_factory, load_zone)


def _by_title(conn, year, as_of):
    return {c.title: c for c in checks(conn, year, as_of)}


def test_checks_at_the_end_of_2025(zone):
    with zone.connect() as conn:
        found = checks(conn, 2025, d(2025, 12, 31))
    imports, fte, criteria, stale, missing = found
    # every register has rows (inserted by the test, not by an import: never imported)
    assert imports.ok and imports.rows["Laatst ingelezen"].isna().all()
    assert dict(zip(imports.rows["Register"], imports.rows["Rijen"]))["Klachten"] == 9
    assert fte.ok  # personeelsbestand (VTE) 2025 = 125
    # EC-01 and EC-11 validated, EC-10 is of 2024: EC-02 .. EC-09 not validated
    assert not criteria.ok and list(criteria.rows["Criterium"]) == [f"EC-0{i}" for i in range(2, 10)]
    # not afgerond or geschrapt, no laatste update: A2 A3 A4 A6 A8 (A1 A7 afgerond, A5 geschrapt)
    assert not stale.ok and list(stale.rows["Actie id"]) == ["A2", "A3", "A4", "A6", "A8"]
    # N6: open without opvolgingsdatum (N5 has one, and is after D anyway)
    assert not missing.ok and list(missing.rows["Nummer"]) == ["N6"]
    assert missing.summary.startswith("1 rij mist")


def test_checks_of_2024(zone):
    with zone.connect() as conn:
        found = _by_title(conn, 2024, d(2024, 12, 31))
    fte = found["Personeelsbestand (VTE) 2024"]
    assert not fte.ok and "per 100 VTE" in fte.summary  # only 2023 and 2025 are measured
    assert list(found["Evaluatiecriteria 2024 niet gevalideerd"].rows["Criterium"]) == ["EC-10"]
    # N6 (15/03/2025) did not exist yet on 31/12/2024
    assert found["Rijen zonder een veld dat de cijfers nodig hebben"].ok


def test_an_empty_register_is_a_gap(engine):
    with engine.connect() as conn:
        imports = checks(conn, 2025, d(2025, 12, 31))[0]
    assert not imports.ok and "Klachten" in imports.summary
