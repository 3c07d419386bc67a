"""Risico's KPIs, Meldingen per 100 VTE, the risk matrix and the late items, against values
worked out by hand on a small fixture, on SQLite and PostgreSQL.

Y = 2025; D = 31/12/2025 and D = 30/06/2025 (MID). Defaults: hoog from score 15, midden from 8.
The actions are those of tests/test_kpi_engine.py (A1 afgerond, A2 lopend, A3 lopend, A5 geschrapt).
"""

from __future__ import annotations

import pytest

from data_access.registers import RISK_PROCESSES
from kpis import alerts, risicos
from kpis.engine import compute_report
from tests.test_kpi_engine import ACTIES_ROWS, MELDINGEN_ROWS
from tests.test_kpi_helpers import DB_PARAMS, D as d, criterium, indicator, insert, module_database, risico, set_norms

MID = d(2025, 6, 30)
END = d(2025, 12, 31)

RISICOS_ROWS = [
    # nr, proces, kans, impact (score), analyse, status, acties, herziening
    risico("R1", "consultatie van gegevensbanken", 4, 5, d(2025, 1, 10), "in behandeling", "A1", d(2025, 6, 30)),  # 20
    risico("R2", "geschenken en voordelen", 3, 5, d(2025, 2, 1), "open", "A5"),  # 15, only a geschrapt action
    risico("R3", "rekrutering en selectie", 5, 3, d(2024, 11, 1), "aanvaard", None, d(2025, 11, 1)),  # 15, aanvaard
    risico("R4", "aanwending van middelen", 2, 4, d(2025, 3, 1), "open", "A2; A99", d(2025, 4, 1)),  # 8
    risico("R5", "nevenactiviteiten", 1, 2, d(2025, 1, 5), "afgesloten", None, d(2025, 2, 1)),  # 2, closed
    risico("R6", "omgang met aangehouden personen", 5, 5, d(2025, 9, 1), "open", "A99"),  # 25, A99 does not exist
    risico("R7", "inbeslagnames en overtuigingsstukken", 3, 3, d(2026, 1, 10), "in behandeling", "A3"),  # after D
    risico("R8", "consultatie van gegevensbanken", 2, 3, d(2025, 1, 10), "open", None, d(2026, 3, 1)),  # 6
]


def load(engine) -> None:
    with engine.begin() as conn:
        insert(conn, "actieplan", ACTIES_ROWS)
        insert(conn, "meldingen", MELDINGEN_ROWS)
        insert(conn, "risicos", RISICOS_ROWS)
        insert(conn, "indicatoren", [indicator("personeelsbestand (VTE)", "2025", 125.0)])
        insert(conn, "evaluatiecriteria", [
            criterium("EC-R1", "risks_high_untreated", 0.0, "hoogstens"),
            criterium("EC-R2", "risks_review_overdue", 3.0, "hoogstens"),
            criterium("EC-R3", "reports_per_100_fte", 1.0, "minstens"),
        ])


@pytest.fixture(scope="module", params=DB_PARAMS)
def zone(request, tmp_path_factory):
    yield from module_database(request, tmp_path_factory, load)


def by_process(**counts):
    out = dict.fromkeys(RISK_PROCESSES, 0)
    out.update({k.replace("_", " "): v for k, v in counts.items()})
    return out


def test_risks_at_year_end(zone):
    k = compute_report(zone, 2025, END).kpis
    # active: R1 R2 R3 R4 R6 R8 (R5 afgesloten, R7 analysed after D)
    assert k["risks_active"] == 6
    # hoog (score >= 15): R1 20, R2 15, R3 15, R6 25
    assert k["risks_high"] == 4
    # R1 treated by A1 (afgerond is not geschrapt); R2 only A5 (geschrapt); R3 aanvaard (no action
    # expected); R6 names A99, which is not in the Actieplan -> R2 and R6
    assert k["risks_high_untreated"] == 2
    # herziening before D: R1 30/06, R3 01/11, R4 01/04 (R5 too, but it is closed; R8's is in 2026)
    assert k["risks_review_overdue"] == 3
    assert k["risks_by_process"] == by_process(consultatie_van_gegevensbanken=2, geschenken_en_voordelen=1,
                                               rekrutering_en_selectie=1, aanwending_van_middelen=1,
                                               omgang_met_aangehouden_personen=1)
    # R4 8 -> midden; R8 6 -> laag
    assert k["risks_by_level"] == {"hoog": 4, "midden": 1, "laag": 1}


def test_risks_in_the_middle_of_the_year(zone):
    k = compute_report(zone, 2025, MID).kpis
    # R6 (analysed 01/09) not yet: R1 R2 R3 R4 R8
    assert k["risks_active"] == 5
    assert k["risks_high"] == 3  # R1 R2 R3
    assert k["risks_high_untreated"] == 1  # R2
    # R1's herziening is D itself (not before D); R3's is in November; R4's 01/04 is
    assert k["risks_review_overdue"] == 1
    assert k["risks_by_level"] == {"hoog": 3, "midden": 1, "laag": 1}


def test_reports_per_100_fte(zone):
    # meldingen received in 2025: M1 M2 M3 M4 = 4; 4 x 100 / 125 VTE = 3.2
    assert compute_report(zone, 2025, END).kpis["reports_per_100_fte"] == pytest.approx(3.2)
    # 2024: M5, but no personeelsbestand for 2024 -> null
    assert compute_report(zone, 2024).kpis["reports_per_100_fte"] is None


def test_risk_kpis_are_evaluation_criteria(zone):
    criteria = {c.id: c for c in compute_report(zone, 2025, END).criteria}
    assert (criteria["EC-R1"].value, criteria["EC-R1"].status) == (2, "niet gehaald")  # 2 > 0
    assert (criteria["EC-R2"].value, criteria["EC-R2"].status) == (3, "gehaald")  # 3 <= 3
    assert criteria["EC-R3"].value == pytest.approx(3.2) and criteria["EC-R3"].status == "gehaald"


def test_matrix_counts_the_active_risks_per_cell(zone):
    with zone.connect() as conn:
        analysis = risicos.analysis(conn, END, {"risk_high_score": 15, "risk_medium_score": 8})
    cells = analysis.matrix()
    assert len(cells) == 25 and sum(cells.values()) == 6
    assert {cell: n for cell, n in cells.items() if n} == {(4, 5): 1, (3, 5): 1, (5, 3): 1, (2, 4): 1, (5, 5): 1, (2, 3): 1}
    assert [r.risico_id for r in analysis.in_cell(3, 5)] == ["R2"]
    # what each action treats: the active risks that name it
    assert analysis.actions_of() == {"A1": ["R1"], "A5": ["R2"], "A2": ["R4"], "A99": ["R4", "R6"]}
    r4 = next(r for r in analysis.risks if r.risico_id == "R4")
    assert [(a.actie_id, a.status) for a in r4.actions] == [("A2", "lopend"), ("A99", None)]


def test_late_items(zone):
    with zone.connect() as conn:
        analysis = risicos.analysis(conn, END, {"risk_high_score": 15, "risk_medium_score": 8})
    rows = [(i.kind, i.where, i.days, i.page, i.row_id) for i in risicos.late_items(analysis)]
    review, untreated = risicos.KIND_REVIEW, risicos.KIND_UNTREATED
    assert rows == [
        (untreated, "geschenken en voordelen", 333, "risicoanalyse", "R2"),  # analysed 01/02 (day 32 of 365)
        (review, "aanwending van middelen", 274, "risicoanalyse", "R4"),  # herziening 01/04
        (review, "consultatie van gegevensbanken", 184, "risicoanalyse", "R1"),  # herziening 30/06
        (untreated, "omgang met aangehouden personen", 121, "risicoanalyse", "R6"),  # analysed 01/09
        (review, "rekrutering en selectie", 60, "risicoanalyse", "R3"),  # herziening 01/11
    ]
    assert all(i.what.startswith("risico R") for i in risicos.late_items(analysis))


def test_score_thresholds_are_settings(any_engine):
    load(any_engine)
    set_norms(any_engine, risk_high_score=20, risk_medium_score=10)
    k = compute_report(any_engine, 2025, END).kpis
    # hoog: R1 20, R6 25; midden: R2 15, R3 15; laag: R4 8, R8 6
    assert k["risks_by_level"] == {"hoog": 2, "midden": 2, "laag": 2}
    assert k["risks_high_untreated"] == 1  # R6


def test_medium_threshold_above_high_is_refused(any_engine):
    with pytest.raises(ValueError, match="mag niet hoger zijn"):
        set_norms(any_engine, risk_medium_score=16)


def test_risks_are_kinds_of_the_late_block(zone):
    """The Overzicht's "Te laat en dringend" (kpis.alerts.REGISTRY) lists the same risks as
    late_items, kind by kind, with the term (review date, analysis date) and the page."""
    with zone.connect() as conn:
        items = alerts.alerts(conn, END, registry=[k for k in alerts.REGISTRY if k.register == "risicos"])
    # the zone's default thresholds (high 15) as above: R2 and R6 untreated; reviews R4, R1, R3
    assert [(a.kind, a.key, a.days_late, a.page_name) for a in items] == [
        (risicos.KIND_REVIEW, "R4", 274, "risicoanalyse"),
        (risicos.KIND_REVIEW, "R1", 184, "risicoanalyse"),
        (risicos.KIND_REVIEW, "R3", 60, "risicoanalyse"),
        (risicos.KIND_UNTREATED, "R2", 333, "risicoanalyse"),
        (risicos.KIND_UNTREATED, "R6", 121, "risicoanalyse"),
    ]
    assert items[0].due == d(2025, 4, 1) and items[0].where == "aanwending van middelen"
