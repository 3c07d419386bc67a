"""The engine gives the base (rows) of every rate, median and per-VTE figure in
Report.extra["bases"], so the netwerk view shows a rate on a base of N or more and hides it on a
smaller one, also the Meldingen rates whose bases the report's counts do not give."""

from __future__ import annotations

import datetime as dt

import pytest

from data_access.access import Access
from data_access.schema import REGISTER_TABLES
from kpis.catalog import KPIS
from kpis.disclosure.release import netwerk_release
from kpis.engine import compute_report
from kpis.measures import Measured, measured_median, measured_rate, split_bases

YEAR = 2024
D = dt.date(YEAR, 12, 31)
RATES = ("reports_ack_in_time_rate", "reports_feedback_in_time_rate", "reports_violation_rate")
TODAY = dt.date(YEAR + 1, 6, 30)  # YEAR is a whole year in the netwerk release of this day


def netwerk_report(engine):
    """YEAR's report as the netwerk view shows it (kpis.disclosure.release)."""
    with engine.connect() as conn:
        return netwerk_release(conn, TODAY, 5).report(YEAR)


def _melding(nr: int, *, ack=True, feedback=True, uitkomst=None) -> dict:
    received = dt.date(YEAR, 1, 1) + dt.timedelta(days=7 * nr)
    return {
        "nummer": f"M-{nr:03d}",
        "datum_ontvangst": received,
        "kanaal": "intern meldkanaal",
        "anoniem": False,
        "categorie": "andere",
        "datum_ontvangstbevestiging": received + dt.timedelta(days=2) if ack else None,
        "datum_terugkoppeling": received + dt.timedelta(days=30) if feedback else None,
        "status": "afgesloten" if uitkomst else "onderzoek",
        "uitkomst": uitkomst,
    }


def _load(engine, rows):
    with engine.begin() as conn:
        conn.execute(REGISTER_TABLES["meldingen"].insert(), rows)


def test_measured_keeps_the_value_and_gives_the_base():
    assert measured_rate(3, 4) == Measured(0.75, 4)
    assert measured_rate(0, 0) == Measured(None, 0)
    # values 1, 3, 3, 8, 8 (the counts; the missing value is no row): median 3 on 5 rows
    assert measured_median([1, 3, None, 8], [1, 2, 5, 2]) == Measured(3.0, 5)
    plain, bases = split_bases({"a": 7, "b": Measured(0.5, 10), "c": Measured(None, 0)})
    assert plain == {"a": 7, "b": 0.5, "c": None} and bases == {"b": 10, "c": 0}


def test_every_rate_median_and_per_fte_kpi_has_its_base(engine):
    report = compute_report(engine, YEAR, D)
    expected = {k.id for k in KPIS if k.unit in ("rate", "days", "per_fte")}
    assert set(report.extra["bases"]) == expected
    assert "extra" not in report.to_json_dict()


def test_meldingen_rates_on_a_base_of_n_or_more_show_for_netwerk(engine):
    # 12 meldingen of 2024, each acknowledged after 2 days and answered after 30 (within 7 days
    # and 3 months): ack and feedback rates 12/12 = 1.0 on base 12 (nothing small: 12 in time,
    # 0 late). 6 closed with "schending vastgesteld", 6 with "geen schending": 6/12 = 0.5.
    rows = [_melding(i, uitkomst="schending vastgesteld" if i < 6 else "geen schending") for i in range(12)]
    _load(engine, rows)
    report = compute_report(engine, YEAR, D)
    assert {k: report.extra["bases"][k] for k in RATES} == dict.fromkeys(RATES, 12)
    safe = netwerk_report(engine)
    assert [safe.kpis[k] for k in RATES] == [1.0, 1.0, 0.5]
    assert not set(RATES) & set(safe.extra["suppression"]["reasons"])
    # the bases are counts themselves: the netwerk's report does not carry them
    assert "bases" not in safe.extra


def test_meldingen_rates_on_a_small_base_stay_hidden(engine):
    # 3 meldingen: every rate on a base of 3 < 5 is hidden, with the reason
    _load(engine, [_melding(i, uitkomst="geen schending") for i in range(3)])
    report = compute_report(engine, YEAR, D)
    assert report.kpis["reports_ack_in_time_rate"] == 1.0 and report.extra["bases"]["reports_ack_in_time_rate"] == 3
    safe = netwerk_report(engine)
    for kpi_id in RATES:  # one reason whatever hid it ("fewer than 5" would tell of the base)
        assert safe.kpis[kpi_id] is None
        assert safe.extra["suppression"]["reasons"][kpi_id] == "Verborgen: zou een aantal onder 5 prijsgeven."


def test_a_rate_that_gives_a_small_count_back_stays_hidden(engine):
    # 10 meldingen, 2 acknowledged late (after 9 days): 8/10 on time; 10 - 8 = 2 late is small
    rows = [_melding(i) for i in range(10)]
    for row in rows[:2]:
        row["datum_ontvangstbevestiging"] = row["datum_ontvangst"] + dt.timedelta(days=9)
    _load(engine, rows)
    report = compute_report(engine, YEAR, D)
    assert report.kpis["reports_ack_in_time_rate"] == 0.8 and report.extra["bases"]["reports_ack_in_time_rate"] == 10
    assert netwerk_report(engine).kpis["reports_ack_in_time_rate"] is None


def test_the_page_split_per_uitkomst_is_withheld_beside_the_shown_rate(engine, sqlite_url, monkeypatch):
    rows = [_melding(i, uitkomst="schending vastgesteld" if i < 6 else "geen schending") for i in range(12)]
    rows += [_melding(12 + i, uitkomst="onontvankelijk") for i in range(2)]
    _load(engine, rows)
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    from dashboard.reads import data, splits
    from dashboard.ui.filters import Filters

    netwerk = Access("net", "netwerk")
    # Every melding is closed: the violation rate's parts are the split's two conclusive cells.
    # Whatever the netwerk view shows of the rate, the split and the total, the 2 onontvankelijk
    # keep more than one possible value (worked out by brute force over every split).
    rate = data.get_report(netwerk, Filters(YEAR, D, None)).kpis["reports_violation_rate"]
    shown = splits.split_counts(netwerk, "meldingen", YEAR, D, "uitkomst")
    total = data.get_report(netwerk, Filters(YEAR, D, None)).kpis["reports_received"]
    assert total == 14

    def fits(value, n):
        if shown is None or value is None:
            return True
        return value.bounds(99)[0] <= n <= value.bounds(99)[1] if hasattr(value, "bounds") else value == n

    possible = {
        on
        for sch in range(15) for geen in range(15) for on in range(15) for dv in range(15)
        if sch + geen + on + dv == total and (rate is None or (sch + geen and sch / (sch + geen) == rate))
        and all(fits((shown or {}).get(k), n) for k, n in
                (("schending vastgesteld", sch), ("geen schending", geen), ("onontvankelijk", on), ("doorverwezen", dv)))
    }
    assert 2 in possible and len(possible) > 1, (rate, shown, possible)
    coordinator = Access("coord", "integriteitscoordinator")
    assert splits.split_counts(coordinator, "meldingen", YEAR, D, "uitkomst")["onontvankelijk"] == 2


@pytest.mark.parametrize("register_step", ["klachten", "meldingen", "tucht", "actieplan"])
def test_no_step_returns_a_bare_rate(engine, register_step):
    """Every rate/median/per-VTE value of a step is a Measured (the engine needs its base)."""
    import importlib

    from data_access.settings import DEFAULTS
    from kpis.catalog import BY_ID
    from kpis.context import Context

    module = importlib.import_module(f"kpis.{register_step}")
    with engine.connect() as conn:
        values = module.compute(Context(conn, YEAR, D, DEFAULTS))
    for kpi_id, value in values.items():
        if BY_ID[kpi_id].unit in ("rate", "days", "per_fte"):
            assert isinstance(value, Measured), kpi_id
