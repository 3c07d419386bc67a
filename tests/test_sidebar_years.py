"""The years the sidebar offers (dashboard.reads.data.available_years): the registers' dated rows, and
also the years of Evaluatiecriteria (jaar) and Indicatoren (periode jjjj or jjjj-mm), so that
the criteria of a year without other rows can be chosen; the charts over the years still start
with the registers (dashboard.reads.data.register_years)."""

from __future__ import annotations

import datetime as dt

from data_access.schema import REGISTER_TABLES
from tests.dashboard_apptest import start_app

THIS_YEAR = dt.date.today().year


def _fill(engine) -> None:
    """One complaint of 2022; criteria for 2020 and for next year; indicators measured in
    November 2018 and (with spaces around the period) in 2019."""
    with engine.begin() as conn:
        conn.execute(REGISTER_TABLES["klachten"].insert().values(
            dossiernummer="KL-1", datum_ontvangst=dt.date(2022, 5, 2), kanaal="burger", categorie="bejegening",
            dienst="Verkeer", status="ontvangen"))
        conn.execute(REGISTER_TABLES["evaluatiecriteria"].insert(), [
            {"criterium_id": "EC-1", "omschrijving": "Training", "indicator": "deelnemers dilemmatraining", "norm": 40.0,
             "richting": "minstens", "jaar": 2020, "gevalideerd_op": dt.date(2020, 2, 1)},
            {"criterium_id": "EC-2", "omschrijving": "Volgend jaar", "indicator": "deelnemers dilemmatraining",
             "norm": 50.0, "richting": "minstens", "jaar": THIS_YEAR + 1, "gevalideerd_op": None},
        ])
        conn.execute(REGISTER_TABLES["indicatoren"].insert(), [
            {"indicator": "deelnemers dilemmatraining", "periode": "2018-11", "waarde": 12.0},
            {"indicator": "deelnemers dilemmatraining", "periode": " 2019 ", "waarde": 30.0},
        ])


def test_years_of_criteria_and_indicators_are_offered(engine, sqlite_url, monkeypatch):
    from dashboard.reads import data

    _fill(engine)
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    # Registers: 2022 .. this year. Criteria: 2020 and next year. Indicators: 2018 (from
    # "2018-11") and 2019. Offered: every year from 2018 up to next year, newest first.
    assert data.available_years() == list(range(THIS_YEAR + 1, 2017, -1))
    assert data.register_years() == list(range(THIS_YEAR, 2021, -1))


def test_registers_alone_give_their_own_years(engine, sqlite_url, monkeypatch):
    from dashboard.reads import data

    with engine.begin() as conn:
        conn.execute(REGISTER_TABLES["indicatoren"].insert().values(
            indicator="controles tankkaarten", periode=str(THIS_YEAR), waarde=3.0))
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    # Only this year's indicator: nothing widens the list beyond this year.
    assert data.available_years() == data.register_years() == [THIS_YEAR]


def test_the_sidebar_offers_them(engine, sqlite_url, monkeypatch):
    _fill(engine)
    at = start_app(sqlite_url, "integriteitscoordinator", monkeypatch=monkeypatch)
    year = at.sidebar.selectbox(key="jaar")
    assert [int(y) for y in year.options] == list(range(THIS_YEAR + 1, 2017, -1))
    assert int(year.value) == THIS_YEAR  # the current year stays the default
