"""Dutch (Belgium) formats of dashboard/style/formatting.py."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from dashboard.style import formatting as f


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (7, "7"),
        (1234, "1.234"),
        (1234567, "1.234.567"),
        (-1234, "-1.234"),
        (12.6, "13"),
    ],
)
def test_integers_use_a_thousands_dot(value, expected):
    assert f.fmt_int(value) == expected


def test_decimals_use_a_comma_and_drop_trailing_zeros():
    assert f.fmt_number(1234.5, 2) == "1.234,50"
    assert f.fmt_decimal(1234.5) == "1.234,5"
    assert f.fmt_decimal(12.0) == "12"
    assert f.fmt_decimal(0.04, 1) == "0"
    assert f.fmt_decimal(-0.04, 1) == "0"  # never "-0"


def test_rates_are_fractions_and_percentages_are_on_the_0_100_scale():
    assert f.fmt_rate(0.455) == "45,5\u00a0%"
    assert f.fmt_rate(1) == "100\u00a0%"
    assert f.fmt_percent(45.5) == "45,5\u00a0%"
    assert f.fmt_percent(45) == "45\u00a0%"


def test_days_are_singular_for_one():
    assert f.fmt_days(1) == "1 dag"
    assert f.fmt_days(12) == "12 dagen"
    assert f.fmt_days(12.5) == "12,5 dagen"
    assert f.fmt_days(1500) == "1.500 dagen"


def test_dates_are_dd_mm_yyyy():
    assert f.fmt_date(dt.date(2025, 3, 7)) == "07/03/2025"
    assert f.fmt_datetime(dt.datetime(2025, 3, 7, 9, 5)) == "07/03/2025 09:05"


def test_utc_log_times_are_shown_in_belgian_time():
    # 07/03/2025 is winter time (UTC+1), 07/07/2025 summer time (UTC+2).
    assert f.fmt_datetime(dt.datetime(2025, 3, 7, 9, 5), from_utc=True) == "07/03/2025 10:05"
    assert f.fmt_datetime(dt.datetime(2025, 7, 7, 23, 30), from_utc=True) == "08/07/2025 01:30"


@pytest.mark.parametrize("missing", [None, float("nan"), math.nan])
def test_missing_values_read_geen_gegevens(missing):
    for formatter in (f.fmt_int, f.fmt_decimal, f.fmt_rate, f.fmt_percent, f.fmt_days, f.fmt_date):
        assert formatter(missing) == "geen gegevens"


def test_a_suppressed_count_passes_through_unchanged():
    for formatter in (f.fmt_int, f.fmt_decimal, f.fmt_rate, f.fmt_days, f.fmt_date):
        assert formatter("<5") == "<5"
    assert f.fmt_value("<5", "count") == "<5"


def test_fmt_value_dispatches_on_the_catalog_unit():
    assert f.fmt_value(1234, "count") == "1.234"
    assert f.fmt_value(0.9, "rate") == "90\u00a0%"
    assert f.fmt_value(45.25, "days") == "45,3 dagen"
    assert f.fmt_value(3.456, "per_fte") == "3,5"
    assert f.fmt_value(None, "per_fte") == "geen gegevens"


def test_deltas_are_signed_and_unit_aware():
    assert f.fmt_delta(3, "count") == "+3"
    assert f.fmt_delta(-1200, "count") == "-1.200"
    assert f.fmt_delta(0.025, "rate") == "+2,5 procentpunt"
    assert f.fmt_delta(-4.5, "days") == "-4,5 dagen"
    assert f.fmt_delta(0, "count") == "0"
    assert f.fmt_delta(None, "count") is None
    assert f.fmt_delta("<5", "count") is None


def test_month_labels_are_dutch():
    assert f.month_label(dt.date(2025, 3, 1)) == "mrt 2025"
    assert f.month_label(dt.date(2025, 10, 1), short=False) == "oktober 2025"
