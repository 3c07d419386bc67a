"""Calendar-month terms with month-end clamping: 31 January and 30 November three months on,
and the six-month term of a tucht dossier at the edge of its warning window."""

from __future__ import annotations

from datetime import date as d

import pytest

from kpis.dates import add_months, latest_base
from kpis.engine import compute_report
from tests.test_kpi_helpers import dossier, insert, melding, set_norms


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (d(2025, 1, 31), 3, d(2025, 4, 30)),  # April has 30 days
        (d(2025, 11, 30), 3, d(2026, 2, 28)),  # February of a common year
        (d(2023, 11, 30), 3, d(2024, 2, 29)),  # leap year
        (d(2024, 8, 31), 6, d(2025, 2, 28)),
        (d(2025, 1, 15), 3, d(2025, 4, 15)),
        (d(2025, 12, 31), -1, d(2025, 11, 30)),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_latest_base_is_the_exact_inverse():
    # add_months(b, 6) <= 28/02/2025 holds for b up to 31/08/2024 (29, 30, 31 Aug all clamp to 28 Feb)
    assert latest_base(d(2025, 2, 28), 6) == d(2024, 8, 31)
    assert latest_base(d(2025, 2, 27), 6) == d(2024, 8, 27)
    # brute force over two years of limits
    for offset in range(0, 730, 7):
        limit = d(2024, 1, 1).fromordinal(d(2024, 1, 1).toordinal() + offset)
        b = latest_base(limit, 3)
        assert add_months(b, 3) <= limit < add_months(b.fromordinal(b.toordinal() + 1), 3)


def test_feedback_term_from_31_january(any_engine):
    with any_engine.begin() as conn:
        insert(conn, "meldingen", [
            # acknowledged the same day: term = 31/01 + 3 months = 30/04 (not 01/05, not 31/04)
            melding("F1", d(2025, 1, 31), False, "geweld", d(2025, 1, 31), d(2025, 4, 30)),  # on the last day
            melding("F2", d(2025, 1, 31), False, "geweld", d(2025, 1, 31), d(2025, 5, 1)),  # one day late
        ])
    k = compute_report(any_engine, 2025).kpis
    assert k["reports_feedback_in_time_rate"] == pytest.approx(0.5)  # F1 of F1 F2
    assert k["reports_ack_in_time_rate"] == pytest.approx(1.0)  # both acknowledged on day 0


def test_feedback_term_from_30_november_in_a_leap_year(any_engine):
    with any_engine.begin() as conn:
        insert(conn, "meldingen", [
            # not acknowledged: base = 23/11/2023 + 7 days = 30/11/2023; term = 29/02/2024
            melding("F3", d(2023, 11, 23), False, "geweld", None, d(2024, 2, 29)),  # on the last day
            melding("F4", d(2023, 11, 23), False, "geweld", None, d(2024, 3, 1)),  # one day late
        ])
    # D = 30/06/2024: both terms passed and both fed back -> 1/2. (A term of 28/02 would make
    # both late, 0.0; an overflowing 01/03 both in time, 1.0.)
    k = compute_report(any_engine, 2023, d(2024, 6, 30)).kpis
    assert k["reports_feedback_in_time_rate"] == pytest.approx(0.5)
    # ack term 30/11/2023 passed, never acknowledged: 0/2
    assert k["reports_ack_in_time_rate"] == 0.0
    # D = 28/02/2024: the term (29/02) has not passed and the feedback is after D: no denominator
    assert compute_report(any_engine, 2023, d(2024, 2, 28)).kpis["reports_feedback_in_time_rate"] is None


def test_feedback_months_setting(any_engine):
    with any_engine.begin() as conn:
        insert(conn, "meldingen", [melding("F5", d(2025, 1, 31), False, "geweld", d(2025, 1, 31), d(2025, 5, 20))])
    assert compute_report(any_engine, 2025).kpis["reports_feedback_in_time_rate"] == 0.0  # 20/05 > 30/04
    set_norms(any_engine, report_feedback_months=4)  # term 31/05
    assert compute_report(any_engine, 2025).kpis["reports_feedback_in_time_rate"] == 1.0


def test_tucht_term_warning_window_at_month_end(any_engine):
    with any_engine.begin() as conn:
        insert(conn, "tuchtdossiers", [
            # kennisname 31/08/2024 + 6 months = 28/02/2025 (clamped); minus 30 days = 29/01/2025
            dossier("R1", "tucht", "geweld", "Interventie", d(2024, 8, 31), d(2024, 9, 2)),
            # the same, but tucht en gerechtelijk: its term runs from a judicial decision -> never
            dossier("R2", "tucht en gerechtelijk", "geweld", "Interventie", d(2024, 8, 31), d(2024, 9, 2)),
        ])
    at = lambda day: compute_report(any_engine, 2025, day).kpis["discipline_limit_at_risk"]  # noqa: E731
    assert at(d(2025, 1, 28)) == 0
    assert at(d(2025, 1, 29)) == 1
    assert at(d(2025, 12, 31)) == 1  # past the term and still no verslag: still at risk
    set_norms(any_engine, discipline_warn_days=0)  # warn only from 28/02/2025 on
    assert at(d(2025, 2, 27)) == 0 and at(d(2025, 2, 28)) == 1
