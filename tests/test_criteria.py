"""Evaluation criteria: the norm of a rate KPI as a percentage, both directions on their
boundary, and every reason for `geen gegevens` reported in Dutch."""

from __future__ import annotations

from datetime import date as d

import pytest

from kpis.criteria import status_of
from kpis.engine import compute_report
from tests.test_kpi_helpers import criterium, indicator, insert, klacht, set_norms

ROWS = [
    klacht("C1", d(2025, 1, 1), "burger", "geweld", "Interventie", d(2025, 1, 31), "gegrond"),  # 30 days
    klacht("C2", d(2025, 2, 1), "burger", "geweld", "Verkeer", d(2025, 5, 2), "ongegrond"),  # 28+31+30+1 = 90
]
CRITERIA = [
    criterium("EC-A", "complaints_founded_rate", 50.0, "hoogstens"),  # 1/2 = 0.5 <= 0.5
    criterium("EC-B", "complaints_founded_rate", 50.0, "minstens"),  # 0.5 >= 0.5
    criterium("EC-C", "complaints_within_norm_rate", 100.0, "minstens"),  # 30, 90 <= 90: 1.0 >= 1.0
    criterium("EC-D", "reports_ack_in_time_rate", 90.0, "minstens"),  # no meldingen: null
    criterium("EC-E", "criteria_met", 1.0, "minstens"),  # counts the criteria themselves
    criterium("EC-F", "actions_by_goal", 3.0, "minstens"),  # a split
    criterium("EC-G", "  Complaints_Received ", 2.0, "hoogstens"),  # hand-typed id: 2 <= 2
    criterium("EC-H", "logging-controles reden raadpleging", 100.0, "minstens"),  # only 2025-03
    criterium("EC-I", "complaints_per_100_fte", 5.0, "hoogstens"),  # 2 × 100 / 40 = 5.0 <= 5
    criterium("EC-J", "complaints_received", 1.0, "hoogstens", jaar=2026),  # another year
]
INDICATORS = [
    indicator("personeelsbestand (VTE)", "2025", 40.0),
    indicator("logging-controles reden raadpleging", "2025-03", 120.0),
]


@pytest.fixture
def zone(any_engine):
    with any_engine.begin() as conn:
        insert(conn, "klachten", ROWS)
        insert(conn, "evaluatiecriteria", CRITERIA)
        insert(conn, "indicatoren", INDICATORS)
    return any_engine


def by_id(report):
    return {c.id: c for c in report.criteria}


def test_statuses_norms_and_problems(zone):
    report = compute_report(zone, 2025)
    c = by_id(report)
    assert list(c) == ["EC-A", "EC-B", "EC-C", "EC-D", "EC-E", "EC-F", "EC-G", "EC-H", "EC-I"]
    assert (c["EC-A"].value, c["EC-A"].norm, c["EC-A"].status) == (0.5, 0.5, "gehaald")
    assert (c["EC-B"].status, c["EC-C"].value, c["EC-C"].norm, c["EC-C"].status) == ("gehaald", 1.0, 1.0, "gehaald")
    assert c["EC-D"].status == "geen gegevens"
    assert "Ontvangst bevestigd binnen termijn" in c["EC-D"].problem and "31/12/2025" in c["EC-D"].problem
    assert c["EC-D"].norm == 0.9  # still reported on the KPI's scale
    assert c["EC-E"].status == "geen gegevens" and "criteria" in c["EC-E"].problem
    assert c["EC-F"].status == "geen gegevens" and "verdeling" in c["EC-F"].problem
    assert (c["EC-G"].value, c["EC-G"].status) == (2, "gehaald")
    assert c["EC-H"].status == "geen gegevens"
    assert c["EC-H"].problem == (
        "Geen meting voor indicator 'logging-controles reden raadpleging' in periode 2025 (register Indicatoren)."
    )
    assert (c["EC-I"].value, c["EC-I"].status) == (5.0, "gehaald")
    k = report.kpis
    assert (k["criteria_met"], k["criteria_not_met"], k["criteria_no_data"]) == (5, 0, 4)
    assert report.to_json_dict()["criteria"][0] == {
        "id": "EC-A", "indicator": "complaints_founded_rate", "value": 0.5, "norm": 0.5,
        "richting": "hoogstens", "status": "gehaald",
    }


def test_a_changed_norm_setting_flips_a_criterion(zone):
    set_norms(zone, complaint_norm_days=89)  # C2 (90 days) is now late: 1/2 < 100%
    c = by_id(compute_report(zone, 2025))
    assert (c["EC-C"].value, c["EC-C"].status) == (0.5, "niet gehaald")


def test_dienst_filter_leaves_no_per_fte_value(zone):
    c = by_id(compute_report(zone, 2025, dienst="Interventie"))
    # Interventie: only C1 -> received 1 <= 2; per 100 VTE has no value with a dienst
    assert (c["EC-G"].value, c["EC-G"].status) == (1, "gehaald")
    assert c["EC-I"].value is None and c["EC-I"].status == "geen gegevens"


def test_other_year(zone):
    assert [c.id for c in compute_report(zone, 2026).criteria] == ["EC-J"]


def test_no_criteria(engine):
    report = compute_report(engine, 2025)
    assert report.criteria == [] and report.kpis["criteria_met"] == 0


@pytest.mark.parametrize(
    "value, norm, richting, status",
    [(3, 3, "minstens", "gehaald"), (2, 3, "minstens", "niet gehaald"), (3, 3, "hoogstens", "gehaald"),
     (4, 3, "hoogstens", "niet gehaald"), (None, 3, "minstens", "geen gegevens")],
)
def test_status_of(value, norm, richting, status):
    assert status_of(value, norm, richting) == status
