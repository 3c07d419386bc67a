"""A register's count KPI over the years (years.count_frame, years.counts_per_year): one
GROUP BY year gives the values and markers a full KPI report per year gave (Functioneringsnota's
per jaar: notes_issued). `sample_url` is the session fixture of tests/conftest.py."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.reads import years
from dashboard.ui.filters import Filters
from data_access.access import Access
from data_access.schema import REGISTER_TABLES

COLUMN = "Functioneringsnota's"
COORDINATOR = Access("test", "integriteitscoordinator")
NETWERK = Access("test", "netwerk")


def test_hand_worked(engine, use_database):
    # 2024: 6 nota's (5 Verkeer, 1 Onthaal); 2025: 3 nota's up to 30/06, a 4th on 01/07 after it.
    # Coordinator: [6, 3]; netwerk (threshold 5): 6 shown, 3 -> "<5"; dienst Verkeer in 2024: 5.
    days = [(dt.date(2024, m, 1), "Verkeer") for m in range(1, 6)] + [(dt.date(2024, 12, 31), "Onthaal")]
    days += [(dt.date(2025, m, 10), "Verkeer") for m in (1, 3, 6)] + [(dt.date(2025, 7, 1), "Verkeer")]
    rows = [
        {"nummer": f"FN-{i}", "datum": day, "dienst": dienst, "thema": "stiptheid", "aanleiding": "andere", "status": "open"}
        for i, (day, dienst) in enumerate(days)
    ]
    with engine.begin() as conn:
        conn.execute(REGISTER_TABLES["functioneringsnotas"].insert(), rows)
    use_database(str(engine.url))
    views = [(2024, dt.date(2024, 12, 31)), (2025, dt.date(2025, 6, 30))]
    assert years.counts_per_year(COORDINATOR, "functioneringsnotas", views) == [6, 3]
    assert years.counts_per_year(NETWERK, "functioneringsnotas", views) == [6, "<5"]
    assert years.counts_per_year(COORDINATOR, "functioneringsnotas", views[:1], dienst="Verkeer") == [5]


@pytest.mark.parametrize(
    "access,year,dienst",
    [
        (COORDINATOR, 0, None),
        (COORDINATOR, -1, None),
        (COORDINATOR, 0, "first"),  # the first dienst of the sample
        (NETWERK, 0, None),
        (NETWERK, -1, "first"),  # the netwerk view is zone-wide whatever it asks
        (Access("test", "korpsleiding", screen_share=True), 0, None),
    ],
)
def test_same_frame_as_a_report_per_year(sample_url, use_database, access, year, dienst):
    use_database(sample_url)
    today = dt.date.today()
    year = today.year + year
    if dienst == "first":
        from dashboard.reads import data

        dienst = data.available_diensten()[0]
    filters = Filters(year=year, as_of=today if year == today.year else dt.date(year, 12, 31), dienst=dienst)
    expected = years.year_frame(years.year_reports(access, filters), {COLUMN: "notes_issued"})
    frame = years.count_frame(access, filters, "functioneringsnotas", COLUMN)
    assert len(frame) > 1 and frame[COLUMN].notna().all()
    assert frame.to_dict() == expected.to_dict() and list(frame.index) == list(expected.index)
