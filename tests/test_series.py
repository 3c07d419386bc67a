"""Series for the pages on the hand-made zone of test_kpi_engine, values worked out by hand."""

from __future__ import annotations

import math
from datetime import date as d

import pandas as pd
import pytest

from data_access.registers import KLACHTEN
from kpis import series
from kpis.engine import compute_report
from tests.test_kpi_engine import load_zone
from tests.test_kpi_helpers import DB_PARAMS, module_database


@pytest.fixture(scope="module", params=DB_PARAMS)
def zone(request, tmp_path_factory):
    """The zone below, loaded once per module and database; tests only read it."""
    yield from module_database(request, tmp_path_factory, load_zone)


def test_monthly_with_previous_year_and_rolling_sum(zone):
    m = series.monthly(zone, "klachten", d(2025, 1, 1), d(2025, 12, 31))
    assert list(m.columns) == ["month", "count", "previous_year", "rolling_12m"]
    assert m["month"].tolist() == list(pd.date_range("2025-01-01", "2025-12-01", freq="MS"))
    # received: K2 Jan, K3 Mar, K4 Jun, K5 Jul, K6 Nov (K8 in 2026 is after the window)
    assert m["count"].tolist() == [1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0]
    # 2024: K7 in May, K1 in November
    assert m["previous_year"].tolist() == [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0]
    # Jan 2025: Feb 2024..Jan 2025 = K7 K1 K2 = 3; May: K7 still in (Jun 2024..May 2025 drops it)
    # Jan 3, Feb 3, Mar 4 (+K3), Apr 4, May 3 (-K7), Jun 4 (+K4), Jul 5 (+K5), Aug..Oct 5,
    # Nov 5 (+K6 -K1), Dec 5
    assert m["rolling_12m"].tolist() == [3, 3, 4, 4, 3, 4, 5, 5, 5, 5, 5, 5]
    assert m["rolling_12m"].iloc[-1] == compute_report(zone, 2025).kpis["complaints_received"]


def test_monthly_split_has_every_enum_value(zone):
    m = series.monthly(zone, "klachten", d(2025, 1, 1), d(2025, 6, 30), by="kanaal")
    channels = KLACHTEN.column("kanaal").values
    assert len(m) == 6 * len(channels)
    assert m["kanaal"].iloc[: len(channels)].tolist() == list(channels)  # the register's order
    jan = m[m["month"] == pd.Timestamp("2025-01-01")].set_index("kanaal")["count"]
    assert jan["Comité P"] == 1 and jan.sum() == 1  # K2
    # totals per month equal the unsplit series
    total = m.groupby("month")["count"].sum().tolist()
    assert total == [1, 0, 1, 0, 0, 1]


def test_yearly_and_reference_date(zone):
    y = series.yearly(zone, "klachten", 2023, 2025)
    assert y.to_dict("list") == {"year": [2023, 2024, 2025], "count": [1, 2, 5]}  # K9; K7 K1; K2..K6
    y = series.yearly(zone, "klachten", 2023, 2025, as_of=d(2025, 6, 30))
    assert y["count"].tolist() == [1, 2, 3]  # 2025 up to 30/06: K2 K3 K4
    t = series.yearly(zone, "tuchtdossiers", 2024, 2025, by="soort")
    # opened 2024: T4 T9 T10 (tucht); 2025: T1 T5 T6 T11 tucht, T2 tucht en gerechtelijk, T3 gerechtelijk
    assert t.set_index(["year", "soort"])["count"].to_dict() == {
        (2024, "tucht"): 3, (2024, "gerechtelijk"): 0, (2024, "tucht en gerechtelijk"): 0,
        (2025, "tucht"): 4, (2025, "gerechtelijk"): 1, (2025, "tucht en gerechtelijk"): 1,
    }


def test_year_to_date_against_the_same_day_last_year(zone):
    ytd = series.year_to_date(zone, "klachten", d(2025, 6, 30))
    assert list(ytd.columns) == ["year", "start", "end", "count"]
    # 2024-01-01..2024-06-30: K7 (01/05); 2025-01-01..2025-06-30: K2 K3 K4
    assert ytd[["year", "count"]].values.tolist() == [[2024, 1], [2025, 3]]
    assert ytd["end"].tolist() == [pd.Timestamp("2024-06-30"), pd.Timestamp("2025-06-30")]
    # 29/02/2024 compares with 28/02/2023: K9 (01/02/2023) against nothing in 2024
    leap = series.year_to_date(zone, "klachten", d(2024, 2, 29))
    assert leap["end"].tolist() == [pd.Timestamp("2023-02-28"), pd.Timestamp("2024-02-29")]
    assert leap["count"].tolist() == [1, 0]


def test_per_100_fte(zone):
    p = series.per_100_fte(zone, "klachten", 2023, 2025)
    assert list(p.columns) == ["year", "count", "fte", "per_100_fte"]
    # 2023: 1 × 100 / 118; 2024: no VTE -> NaN; 2025: 5 × 100 / 125 = 4
    assert p["per_100_fte"].iloc[0] == pytest.approx(100 / 118)
    assert math.isnan(p["per_100_fte"].iloc[1]) and math.isnan(p["fte"].iloc[1])
    assert p["per_100_fte"].iloc[2] == pytest.approx(4.0) == compute_report(zone, 2025).kpis["complaints_per_100_fte"]
    with_dienst = series.per_100_fte(zone, "klachten", 2025, 2025, dienst="Interventie")
    assert with_dienst["count"].tolist() == [2] and math.isnan(with_dienst["per_100_fte"].iloc[0])


def test_counts_by_for_a_heatmap(zone):
    c = series.counts_by(zone, "klachten", 2025, d(2025, 12, 31), ["categorie", "dienst"])
    got = {(r.categorie, r.dienst): r.count for r in c.itertuples()}
    assert got == {
        ("geweld", "Interventie"): 1,  # K2
        ("bejegening", "Wijkwerking"): 1,  # K3
        ("privacy", "Verkeer"): 1,  # K4
        ("andere", "Interventie"): 1,  # K5
        ("geweld", "Onthaal"): 1,  # K6
    }


def test_lead_times_match_the_kpi_median(zone):
    lt = series.lead_times(zone, "klachten", 2025, d(2025, 12, 31))
    assert sorted(lt["lead_days"]) == [30, 60, 66, 120]  # K3 K4 K1 K2
    assert lt.attrs["norm_days"] == 90
    assert lt["lead_days"].median() == compute_report(zone, 2025).kpis["complaints_median_lead_days"]
    tl = series.lead_times(zone, "tuchtdossiers", 2025, d(2025, 12, 31))
    assert sorted(tl["lead_days"]) == [181, 185, 191, 289]  # T4 T6 T5 T11; T3 is gerechtelijk
    assert tl.attrs["norm_days"] is None


def test_open_complaints_by_age(zone):
    o = series.open_complaints(zone, d(2025, 12, 31))
    # K7 (01/05/2024: 609 days), K5 (01/07/2025: 183), K6 (20/11/2025: 41), oldest first
    assert o.values.tolist() == [
        [609, "bejegening", "Interventie", True],
        [183, "andere", "Interventie", True],
        [41, "geweld", "Onthaal", False],
    ]


def test_a_personal_column_is_refused(zone):
    with pytest.raises(ValueError, match="persoonsgegevens"):
        series.monthly(zone, "klachten", d(2025, 1, 1), d(2025, 12, 31), by="medewerker")


def test_empty_database_gives_zero_series(engine):
    m = series.monthly(engine, "meldingen", d(2025, 1, 1), d(2025, 3, 31), by="categorie")
    assert len(m) == 3 * 11 and m["count"].sum() == 0
    assert series.lead_times(engine, "klachten", 2025, d(2025, 12, 31)).empty
    assert series.open_complaints(engine, d(2025, 12, 31)).empty
