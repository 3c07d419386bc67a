"""Klachten per 100 VTE over the years (years.per_fte_frame, years.complaints_per_100_fte):
one count per year gives the values and markers a full KPI report per year gave."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.reads import years
from dashboard.ui.filters import Filters
from data_access.access import Access
from data_access.schema import REGISTER_TABLES

COLUMN = "Klachten per 100 VTE"
COORDINATOR = Access("test", "integriteitscoordinator")
NETWERK = Access("test", "netwerk")


def _complaints(engine, days: list[dt.date], vte: dict[str, float]) -> None:
    rows = [
        {"dossiernummer": f"KL-{i}", "datum_ontvangst": day, "kanaal": "burger", "categorie": "bejegening",
         "dienst": "Verkeer", "status": "ontvangen"}
        for i, day in enumerate(days)
    ]
    with engine.begin() as conn:
        conn.execute(REGISTER_TABLES["klachten"].insert(), rows)
        conn.execute(
            REGISTER_TABLES["indicatoren"].insert(),
            [{"indicator": "personeelsbestand (VTE)", "periode": period, "waarde": value} for period, value in vte.items()],
        )


def test_hand_worked(engine, use_database):
    # 2023: 6 klachten, VTE 40 -> 6 x 100 / 40 = 15,0
    # 2024: 2 klachten, VTE 50 -> 2 x 100 / 50 = 4,0; for the netwerk view hidden (2 < 5 gives the count back)
    # 2025 up to 30/06: 5 of its 7 klachten (two come in after the reference date), no VTE -> None
    days = [dt.date(2023, m, 1) for m in range(1, 7)] + [dt.date(2024, 3, 1), dt.date(2024, 12, 31)]
    days += [dt.date(2025, m, 15) for m in (1, 2, 3, 4, 6)] + [dt.date(2025, 7, 1), dt.date(2025, 11, 1)]
    _complaints(engine, days, {"2023": 40.0, "2024": 50.0})
    use_database(str(engine.url))
    views = [(2023, dt.date(2023, 12, 31)), (2024, dt.date(2024, 12, 31)), (2025, dt.date(2025, 6, 30))]
    assert years.complaints_per_100_fte(COORDINATOR, views) == [(15.0, None), (4.0, None), (None, None)]
    shown = years.complaints_per_100_fte(COORDINATOR, views[1:2] + [(2025, dt.date(2025, 12, 31))])
    assert shown == [(4.0, None), (None, None)]
    hidden = years.complaints_per_100_fte(NETWERK, views[:2])
    assert hidden[0] == (15.0, None) and hidden[1][0] is None and hidden[1][1]  # a Dutch reason
    assert years.complaints_per_100_fte(COORDINATOR, views[:1], dienst="Verkeer") == [(None, None)]  # VTE is zone-wide


@pytest.mark.parametrize(
    "access,year,as_of",
    [
        (COORDINATOR, None, None),  # this year up to today
        (COORDINATOR, -1, dt.date(2000, 6, 30)),  # last year, cut off on 30/06
        (NETWERK, None, None),
        (NETWERK, -1, None),
        (Access("test", "korpsleiding", screen_share=True), None, None),
    ],
)
def test_same_frame_as_a_report_per_year(sample_url, use_database, access, year, as_of):  # noqa: F811
    use_database(sample_url)
    today = dt.date.today()
    year = today.year + (year or 0)
    as_of = as_of.replace(year=year) if as_of else (today if year == today.year else dt.date(year, 12, 31))
    filters = Filters(year=year, as_of=as_of)
    expected = years.year_frame(years.year_reports(access, filters), {COLUMN: "complaints_per_100_fte"})
    frame = years.per_fte_frame(access, filters, COLUMN)
    assert len(frame) > 1 and frame[COLUMN].notna().any()
    assert frame.to_dict() == expected.to_dict() and list(frame.index) == list(expected.index)
