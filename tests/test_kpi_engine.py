"""KPI engine against values worked out by hand on a small fixture, on SQLite and PostgreSQL.

Year Y = 2025. Two reference dates: D = 31/12/2025 (the default for a past year) and
D = 30/06/2025 (the middle of the year). Every expected value below is derived in the comments
from the rows in `zone` (lead times in days: (later - earlier).days).
"""

from __future__ import annotations

import pytest

from data_access.registers import INTEGRITY_CATEGORIES, KLACHTEN
from kpis.engine import compute_report, default_as_of, diensten
from kpis.sql import clear_built_statements
from tests.test_kpi_helpers import (
    DB_PARAMS,
    D as d,
    actie,
    criterium,
    dossier,
    indicator,
    insert,
    klacht,
    melding,
    module_database,
    nota,
    set_norms,
)

MID = d(2025, 6, 30)

KLACHTEN_ROWS = [
    # nr, ontvangst, kanaal, categorie, dienst, afsluiting, beoordeling
    klacht("K1", d(2024, 11, 15), "burger", "bejegening", "Interventie", d(2025, 1, 20), "gegrond"),  # lead 66
    klacht("K2", d(2025, 1, 10), "Comité P", "geweld", "Interventie", d(2025, 5, 10), "ongegrond"),  # lead 120
    klacht("K3", d(2025, 3, 1), "burger", "bejegening", "Wijkwerking", d(2025, 3, 31), "deels gegrond"),  # 30
    klacht("K4", d(2025, 6, 15), "intern", "privacy", "Verkeer", d(2025, 8, 14), "onontvankelijk"),  # lead 60
    klacht("K5", d(2025, 7, 1), "burger", "andere", "Interventie"),  # open; 183 days old at 31/12
    klacht("K6", d(2025, 11, 20), "AIG", "geweld", "Onthaal"),  # open; 41 days old at 31/12
    klacht("K7", d(2024, 5, 1), "burger", "bejegening", "Interventie"),  # open since 2024
    klacht("K8", d(2026, 1, 5), "burger", "geweld", "Interventie", d(2026, 2, 1), "gegrond"),  # after D: out
    klacht("K9", d(2023, 2, 1), "parket", "andere", "Verkeer", d(2024, 1, 10), "bemiddeld"),  # lead 343
]
NOTAS_ROWS = [
    # nr, datum, dienst, thema, status, opvolgingsdatum
    nota("N1", d(2025, 2, 1), "Interventie", "bejegening", "open", d(2025, 3, 1)),  # 305 days late at 31/12
    nota("N2", d(2025, 4, 1), "Wijkwerking", "stiptheid", "open", d(2025, 12, 31)),  # 0 days late at 31/12
    nota("N3", d(2025, 5, 1), "Verkeer", "stiptheid", "opgevolgd", d(2025, 6, 1)),  # followed up
    nota("N4", d(2024, 10, 1), "Interventie", "andere", "open", d(2024, 12, 1)),  # 395 days late at 31/12
    nota("N5", d(2026, 1, 10), "Interventie", "andere", "open", d(2026, 2, 1)),  # after D: out
    nota("N6", d(2025, 3, 15), "Interventie", "bejegening", "open"),  # no follow-up date
]
DOSSIERS_ROWS = [
    # nr, soort, categorie, dienst, kennisname, opening, verslag, beslissing, sanctie, ordemaatregel, datum
    dossier("T1", "tucht", "geweld", "Interventie", d(2025, 1, 31), d(2025, 2, 5)),
    dossier("T2", "tucht en gerechtelijk", "corruptie of fraude", "Recherche", d(2025, 1, 10), d(2025, 1, 15),
            ordemaatregel="voorlopige schorsing", datum_ordemaatregel=d(2025, 1, 20)),
    dossier("T3", "gerechtelijk", "geweld", "Interventie", d(2025, 3, 1), d(2025, 3, 2), None, d(2025, 9, 1),
            "veroordeling"),
    dossier("T4", "tucht", "misbruik van informatie", "Verkeer", d(2024, 9, 1), d(2024, 9, 10), d(2024, 12, 1),
            d(2025, 3, 1), "blaam"),  # lead 181
    dossier("T5", "tucht", "geweld", "Interventie", d(2025, 2, 1), d(2025, 2, 10), d(2025, 4, 1), d(2025, 8, 11),
            "inhouding van wedde"),  # lead 191
    dossier("T6", "tucht", "andere", "Onthaal", d(2025, 5, 1), d(2025, 5, 2), None, d(2025, 11, 2), "geen"),  # 185
    dossier("T7", "tucht", "geweld", "Interventie", d(2023, 1, 1), d(2023, 1, 5), None, d(2023, 12, 1), "afzetting"),
    dossier("T8", "tucht", "geweld", "Interventie", d(2025, 5, 1), d(2026, 1, 10)),  # opened after D: out
    dossier("T9", "tucht", "ongewenste omgangsvormen", "Wijkwerking", d(2024, 12, 1), d(2024, 12, 5),
            ordemaatregel="geen", datum_ordemaatregel=d(2025, 1, 10)),
    dossier("T10", "tucht", "geweld", "Interventie", d(2024, 6, 1), d(2024, 6, 5), d(2025, 9, 1)),
    dossier("T11", "tucht", "andere", "Recherche", d(2025, 3, 1), d(2025, 3, 5), None, d(2025, 12, 15),
            "waarschuwing", ordemaatregel="andere", datum_ordemaatregel=d(2025, 7, 15)),  # lead 289
]
MELDINGEN_ROWS = [
    # nr, ontvangst, anoniem, categorie, bevestiging, terugkoppeling, status, uitkomst
    melding("M1", d(2025, 1, 31), True, "geweld", d(2025, 2, 3), d(2025, 5, 3), "afgesloten", "schending vastgesteld"),
    melding("M2", d(2025, 2, 20), False, "corruptie of fraude", d(2025, 3, 1), d(2025, 6, 2), "afgesloten",
            "geen schending"),
    melding("M3", d(2025, 6, 28), True, "geweld"),
    melding("M4", d(2025, 10, 1), False, "andere", d(2025, 10, 3), None, "afgesloten", "onontvankelijk"),
    melding("M5", d(2024, 12, 30), False, "geweld", status="ontvankelijkheid"),
    melding("M6", d(2026, 1, 2), True, "geweld", d(2026, 1, 3)),  # after D: out
]
ACTIES_ROWS = [
    # nr, strategische doelstelling, startdatum, deadline, status
    actie("A1", "Bepalen en definiëren", d(2025, 1, 15), d(2025, 3, 31), "afgerond"),
    actie("A2", "Bepalen en definiëren", None, d(2025, 5, 31), "lopend"),
    actie("A3", "Begeleiden", d(2024, 9, 1), d(2025, 9, 30), "lopend"),
    actie("A4", "Monitoren", d(2025, 3, 1), d(2026, 6, 30), "niet gestart"),
    actie("A5", "Afdwingen", d(2025, 2, 1), d(2025, 12, 31), "geschrapt"),
    actie("A6", "Afdwingen", d(2024, 1, 1), d(2024, 12, 31), "lopend"),
    actie("A7", "Monitoren", d(2025, 10, 1), d(2025, 11, 30), "afgerond"),
    actie("A8", "Begeleiden", None, d(2025, 12, 31), "uitgesteld"),
]
CRITERIA_ROWS = [
    # nr, indicator, norm (a rate KPI's norm as a percentage), richting, jaar, gevalideerd op
    criterium("EC-01", "complaints_within_norm_rate", 70.0, "minstens", gevalideerd_op=d(2025, 2, 1)),
    criterium("EC-02", "complaints_median_lead_days", 60.0, "hoogstens"),
    criterium("EC-03", "complaints_overdue", 2.0, "hoogstens"),
    criterium("EC-04", "reports_ack_in_time_rate", 90.0, "minstens"),
    criterium("EC-05", "deelnemers dilemmatraining", 50.0, "minstens"),
    criterium("EC-06", "controles tankkaarten", 12.0, "minstens"),
    criterium("EC-07", "complaints_by_category", 5.0, "hoogstens"),
    criterium("EC-08", "tevredenheid burgers", 7.0, "minstens"),
    criterium("EC-09", "Personeelsbestand (VTE)", 120.0, "minstens"),
    criterium("EC-10", "reports_violation_rate", 10.0, "hoogstens", jaar=2024),
    criterium("EC-11", "complaints_founded_rate", 50.0, "hoogstens", gevalideerd_op=d(2026, 1, 15)),
]
INDICATOREN_ROWS = [
    indicator("personeelsbestand (VTE)", "2025", 125.0),
    indicator("personeelsbestand (VTE)", "2023", 118.0),
    indicator("deelnemers dilemmatraining", "2025", 64.0),
    indicator("controles tankkaarten", "2024", 10.0),
]


def load_zone(engine) -> None:
    with engine.begin() as conn:
        insert(conn, "klachten", KLACHTEN_ROWS)
        insert(conn, "functioneringsnotas", NOTAS_ROWS)
        insert(conn, "tuchtdossiers", DOSSIERS_ROWS)
        insert(conn, "meldingen", MELDINGEN_ROWS)
        insert(conn, "actieplan", ACTIES_ROWS)
        insert(conn, "evaluatiecriteria", CRITERIA_ROWS)
        insert(conn, "indicatoren", INDICATOREN_ROWS)


@pytest.fixture(scope="module", params=DB_PARAMS)
def zone(request, tmp_path_factory):
    """The zone below, loaded once per module and database; tests only read it."""
    yield from module_database(request, tmp_path_factory, load_zone)


@pytest.fixture
def fresh_zone(any_engine):
    """The zone in a database of its own, for a test that changes settings."""
    load_zone(any_engine)
    return any_engine


def zeros(values, **counts):
    out = dict.fromkeys(values, 0)
    out.update({k.replace("_", " "): v for k, v in counts.items()})
    return out


def test_default_as_of():
    assert default_as_of(2025, today=d(2026, 3, 4)) == d(2025, 12, 31)
    assert default_as_of(2026, today=d(2026, 3, 4)) == d(2026, 3, 4)


def test_klachten_at_year_end(zone):
    k = compute_report(zone, 2025).kpis
    # received in 2025: K2 K3 K4 K5 K6 (K8 is after D, K1 K7 in 2024)
    assert k["complaints_received"] == 5
    # closed in 2025: K1 K2 K3 K4
    assert k["complaints_closed"] == 4
    # open at 31/12: K5 K6 K7 (no afsluiting); K8 left out (received after D)
    assert k["complaints_open"] == 3
    # 5 received × 100 / 125 VTE = 4.0
    assert k["complaints_per_100_fte"] == pytest.approx(4.0)
    # closed with gegrond/deels gegrond/ongegrond: K1 K2 K3 = 3; founded K1 K3 = 2 -> 2/3
    assert k["complaints_founded_rate"] == pytest.approx(2 / 3)
    # leads 66 120 30 60 -> sorted 30 60 66 120 -> (60 + 66) / 2 = 63
    assert k["complaints_median_lead_days"] == pytest.approx(63.0)
    # within 90 days: 66 30 60 -> 3 / 4
    assert k["complaints_within_norm_rate"] == pytest.approx(0.75)
    # open and older than 90 days: K5 (183) K7 (609); K6 (41) is not
    assert k["complaints_overdue"] == 2
    assert k["complaints_by_category"] == zeros(
        KLACHTEN.column("categorie").values, geweld=2, bejegening=1, privacy=1, andere=1
    )
    assert k["complaints_by_channel"] == {
        "burger": 2, "Comité P": 1, "AIG": 1, "parket": 0, "gemeente": 0, "intern": 1, "andere": 0
    }
    assert k["complaints_by_outcome"] == zeros(
        KLACHTEN.column("beoordeling").values, gegrond=1, ongegrond=1, deels_gegrond=1, onontvankelijk=1
    )


def test_klachten_in_the_middle_of_the_year(zone):
    k = compute_report(zone, 2025, MID).kpis
    # received 01/01..30/06: K2 K3 K4; K5 K6 are after D
    assert k["complaints_received"] == 3
    # closed 01/01..30/06: K1 K2 K3; K4's afsluiting (14/08) is after D, so empty
    assert k["complaints_closed"] == 3
    # open at 30/06: K4 (afsluiting unknown at D) and K7
    assert k["complaints_open"] == 2
    # K4 is 15 days old, K7 425: one over 90
    assert k["complaints_overdue"] == 1
    assert k["complaints_per_100_fte"] == pytest.approx(3 * 100 / 125)  # 2.4
    assert k["complaints_founded_rate"] == pytest.approx(2 / 3)  # K1 gegrond, K3 deels of K1 K2 K3
    assert k["complaints_median_lead_days"] == pytest.approx(66.0)  # 30 66 120
    assert k["complaints_within_norm_rate"] == pytest.approx(2 / 3)  # 66 30 of 3
    assert sum(k["complaints_by_outcome"].values()) == 3


def test_zero_denominators_and_absent_fte_give_null(zone):
    k = compute_report(zone, 2024).kpis
    # received in 2024: K1 K7; no `personeelsbestand (VTE)` for 2024 -> null, not 0
    assert k["complaints_received"] == 2
    assert k["complaints_per_100_fte"] is None
    # closed in 2024: only K9 (bemiddeld): no gegrond/deels/ongegrond -> founded rate null
    assert k["complaints_closed"] == 1
    assert k["complaints_founded_rate"] is None
    # ... but the within-norm rate has a denominator: 343 > 90 -> 0/1 = 0.0 (zero, not null)
    assert k["complaints_within_norm_rate"] == 0.0
    assert k["complaints_median_lead_days"] == pytest.approx(343.0)
    # meldingen 2024: only M5 (30/12/2024), not acknowledged; its ack deadline 06/01/2025 is
    # after D = 31/12/2024, so no denominator for either term rate; not anonymous: 0/1
    assert k["reports_received"] == 1
    assert k["reports_anonymous_rate"] == 0.0
    assert k["reports_ack_in_time_rate"] is None
    assert k["reports_feedback_in_time_rate"] is None
    assert k["reports_violation_rate"] is None
    # no tucht dossier decided in 2024 -> median of nothing is null
    assert k["discipline_decided"] == 0
    assert k["discipline_median_lead_days"] is None


def test_notas(zone):
    k = compute_report(zone, 2025).kpis
    # datum in 2025: N1 N2 N3 N6 (N5 after D)
    assert k["notes_issued"] == 4
    # open, with a follow-up date, more than 0 days past at 31/12: N1 (305), N4 (395); N2 is 0 days
    assert k["notes_followup_overdue"] == 2
    assert k["notes_by_theme"]["bejegening"] == 2 and k["notes_by_theme"]["stiptheid"] == 2
    assert sum(k["notes_by_theme"].values()) == 4 and len(k["notes_by_theme"]) == 8
    mid = compute_report(zone, 2025, MID).kpis
    # at 30/06: N1 (opvolging 01/03) and N4 late; N2's opvolging 31/12 is after D
    assert mid["notes_issued"] == 4 and mid["notes_followup_overdue"] == 2


def test_tucht_at_year_end(zone):
    k = compute_report(zone, 2025).kpis
    # tucht rows opened in 2025: T1 T2 T5 T6 T11 (T3 gerechtelijk, T8 opened after D)
    assert k["discipline_opened"] == 5
    # gerechtelijk rows opened in 2025: T2 (tucht en gerechtelijk) T3
    assert k["judicial_opened"] == 2
    # ordemaatregel not geen with a date in 2025: T2 (20/01) T11 (15/07); T9's is `geen`
    assert k["order_measures"] == 2
    # tucht rows decided in 2025: T4 T5 T6 T11 (T3 is gerechtelijk only)
    assert k["discipline_decided"] == 4
    assert k["sanctions_light"] == 2  # T4 blaam, T11 waarschuwing
    assert k["sanctions_heavy"] == 1  # T5 inhouding van wedde
    assert k["sanctions_by_type"] == {
        "geen": 1, "waarschuwing": 1, "blaam": 1, "inhouding van wedde": 1, "schorsing bij tuchtmaatregel": 0,
        "terugzetting in weddeschaal": 0, "ambtshalve ontslag": 0, "afzetting": 0,
    }
    # leads 181 191 185 289 -> 181 185 191 289 -> (185 + 191) / 2 = 188
    assert k["discipline_median_lead_days"] == pytest.approx(188.0)
    # soort tucht, no verslag, no beslissing, kennisname + 6 months - 30 days <= 31/12:
    # T1 (31/01 -> term 31/07, warn from 01/07) and T9 (01/12/2024 -> 01/06, from 02/05).
    # T2 is tucht en gerechtelijk; T10 has its verslag (01/09); T8 was opened after D.
    assert k["discipline_limit_at_risk"] == 2
    # opened in 2025, each row once (T2 is tucht and gerechtelijk but counted once):
    # geweld T1 T3 T5, corruptie of fraude T2, andere T6 T11 -> 6 in all
    assert k["discipline_by_category"] == zeros(
        INTEGRITY_CATEGORIES, geweld=3, corruptie_of_fraude=1, andere=2
    )


def test_tucht_in_the_middle_of_the_year(zone):
    k = compute_report(zone, 2025, MID).kpis
    # all of T1 T2 T3 T5 T6 T11 were opened by 30/06
    assert k["discipline_opened"] == 5 and k["judicial_opened"] == 2
    assert k["order_measures"] == 1  # T2; T11's 15/07 is after D
    assert k["discipline_decided"] == 1  # T4 (01/03); the others' beslissing is after D
    assert k["sanctions_light"] == 1 and k["sanctions_heavy"] == 0
    assert k["discipline_median_lead_days"] == pytest.approx(181.0)
    # T1: warn from 01/07 > 30/06, no. T9: yes. T10: verslag 01/09 is after D, so empty: term
    # 01/12/2024, yes. T6, T11: beslissing after D counts as empty, but their terms (01/11, 01/09)
    # minus 30 days are after 30/06: no.
    assert k["discipline_limit_at_risk"] == 2


def test_meldingen(zone):
    k = compute_report(zone, 2025).kpis
    # received in 2025: M1 M2 M3 M4 (M5 2024, M6 after D); anonymous M1 M3
    assert k["reports_received"] == 4
    assert k["reports_anonymous_rate"] == pytest.approx(0.5)
    # ack deadline = ontvangst + 7. Pool: acknowledged M1 M2 M4, and M3 (deadline 05/07 <= D).
    # In time: M1 (3 days), M4 (2 days); M2 took 9 days; M3 never -> 2/4
    assert k["reports_ack_in_time_rate"] == pytest.approx(0.5)
    # feedback deadline: M1 03/02 + 3 months = 03/05, fed back 03/05: in time. M2 01/03 -> 01/06,
    # fed back 02/06: late. M3 no ack: 28/06 + 7 = 05/07 -> 05/10 <= D: in the pool, no feedback.
    # M4 03/10 -> 03/01/2026 > D and no feedback: not in the pool. -> 1/3
    assert k["reports_feedback_in_time_rate"] == pytest.approx(1 / 3)
    # afgesloten with a conclusive uitkomst: M1 (schending) M2 (geen schending) -> 1/2
    assert k["reports_violation_rate"] == pytest.approx(0.5)
    assert k["reports_by_category"] == zeros(INTEGRITY_CATEGORIES, geweld=2, corruptie_of_fraude=1, andere=1)

    mid = compute_report(zone, 2025, MID).kpis
    assert mid["reports_received"] == 3  # M1 M2 M3
    assert mid["reports_anonymous_rate"] == pytest.approx(2 / 3)
    # M3's ack deadline 05/07 is after D and it is not acknowledged: pool M1 M2, in time M1
    assert mid["reports_ack_in_time_rate"] == pytest.approx(0.5)
    # M1, M2 got feedback by D (03/05, 02/06); M3's deadline 05/10 is after D: 1/2
    assert mid["reports_feedback_in_time_rate"] == pytest.approx(0.5)


def test_actieplan_geschrapt_left_out(zone):
    k = compute_report(zone, 2025).kpis
    # in plan: deadline or startdatum in 2025, not geschrapt: A1 A2 A3 A4 A7 A8 (A5 geschrapt, A6 2024)
    assert k["actions_total"] == 6
    assert k["actions_done_rate"] == pytest.approx(2 / 6)  # A1 A7 afgerond
    # deadline before 31/12 and not afgerond: A2 (31/05) A3 (30/09); A8's deadline is D itself
    assert k["actions_overdue"] == 2
    assert k["actions_by_goal"] == {
        "Bepalen en definiëren": {"total": 2, "afgerond": 1, "overdue": 1},  # A1 A2
        "Begeleiden": {"total": 2, "afgerond": 0, "overdue": 1},  # A3 A8
        "Monitoren": {"total": 2, "afgerond": 1, "overdue": 0},  # A4 A7
        "Afdwingen": {"total": 0, "afgerond": 0, "overdue": 0},  # A5 geschrapt, A6 in 2024
    }
    # at 30/06 the plan of 2025 is still the whole plan (startdatum and deadline are planned
    # dates, known ahead): the same six items, A1 and A7 afgerond as the register holds them;
    # overdue at D: deadline before 30/06 and not afgerond: A2 (31/05) only (A1 is afgerond)
    mid = compute_report(zone, 2025, MID).kpis
    assert mid["actions_total"] == 6
    assert mid["actions_done_rate"] == pytest.approx(2 / 6)
    assert mid["actions_overdue"] == 1  # A2


def test_criteria_each_direction_and_problems(zone):
    report = compute_report(zone, 2025)
    by_id = {c.id: c for c in report.criteria}
    assert "EC-10" not in by_id  # jaar 2024
    assert list(by_id) == sorted(by_id)
    # minstens, met: within-norm 0.75 >= 70% = 0.7
    assert (by_id["EC-01"].value, by_id["EC-01"].norm, by_id["EC-01"].status) == (0.75, 0.7, "gehaald")
    assert by_id["EC-01"].validated_on == d(2025, 2, 1)
    # hoogstens, not met: median 63 > 60
    assert (by_id["EC-02"].value, by_id["EC-02"].status) == (63.0, "niet gehaald")
    # hoogstens, met on the boundary: overdue 2 <= 2
    assert (by_id["EC-03"].value, by_id["EC-03"].status) == (2, "gehaald")
    # minstens, not met: ack rate 0.5 < 0.9
    assert (by_id["EC-04"].norm, by_id["EC-04"].status) == (0.9, "niet gehaald")
    # an Indicatoren value for period 2025: 64 >= 50
    assert (by_id["EC-05"].value, by_id["EC-05"].norm, by_id["EC-05"].status) == (64.0, 50.0, "gehaald")
    # a known indicator without a 2025 measurement
    assert by_id["EC-06"].status == "geen gegevens"
    assert "Geen meting" in by_id["EC-06"].problem and "controles tankkaarten" in by_id["EC-06"].problem
    # a split KPI cannot be a criterion: reported, not silently empty
    assert by_id["EC-07"].status == "geen gegevens" and "verdeling" in by_id["EC-07"].problem
    # an unknown indicator
    assert by_id["EC-08"].status == "geen gegevens" and "Onbekende indicator" in by_id["EC-08"].problem
    # indicator name matched regardless of case: VTE 125 >= 120
    assert (by_id["EC-09"].value, by_id["EC-09"].status) == (125.0, "gehaald")
    # validated after D counts as a draft; founded 2/3 > 50%
    assert by_id["EC-11"].validated_on is None and by_id["EC-11"].status == "niet gehaald"
    for c in report.criteria:
        assert (c.problem is None) == (c.status != "geen gegevens"), c
    # gehaald EC-01 03 05 09; niet gehaald EC-02 04 11; geen gegevens EC-06 07 08
    assert (report.kpis["criteria_met"], report.kpis["criteria_not_met"], report.kpis["criteria_no_data"]) == (4, 3, 3)
    # at 30/06: EC-01 within-norm 2/3 < 0.7 flips to niet gehaald; EC-03 overdue 1 <= 2 still met
    mid = compute_report(zone, 2025, MID).kpis
    assert (mid["criteria_met"], mid["criteria_not_met"], mid["criteria_no_data"]) == (3, 4, 3)


def test_settings_in_the_database_change_the_result(fresh_zone):
    set_norms(fresh_zone, complaint_norm_days=40, followup_grace_days=310)
    report = compute_report(fresh_zone, 2025)
    k = report.kpis
    assert report.settings["complaint_norm_days"] == 40
    # leads 66 120 30 60: only 30 <= 40 -> 1/4
    assert k["complaints_within_norm_rate"] == pytest.approx(0.25)
    # open K5 (183) K6 (41) K7 (609): all over 40 days
    assert k["complaints_overdue"] == 3
    # N1 is 305 days late (<= 310), N4 395 (> 310)
    assert k["notes_followup_overdue"] == 1


def test_dienst_filter(zone):
    k = compute_report(zone, 2025, dienst="Interventie").kpis
    assert k["complaints_received"] == 2  # K2 K5
    assert k["complaints_closed"] == 2  # K1 K2
    assert k["complaints_open"] == 2  # K5 K7
    assert k["complaints_per_100_fte"] is None  # VTE is zone-wide
    assert k["notes_issued"] == 2  # N1 N6
    assert k["discipline_opened"] == 2  # T1 T5
    assert k["judicial_opened"] == 1  # T3
    # meldingen and the actieplan have no dienst: zone-wide, unchanged
    assert k["reports_received"] == 4 and k["actions_total"] == 6


def test_report_json_shape(zone):
    from kpis.catalog import KPIS

    out = compute_report(zone, 2025).to_json_dict()
    assert set(out) == {"year", "as_of", "kpis", "criteria"}
    assert out["year"] == 2025 and out["as_of"] == "2025-12-31"
    assert list(out["kpis"]) == [k.id for k in KPIS]
    for kpi in KPIS:
        value = out["kpis"][kpi.id]
        if kpi.unit == "count":
            assert type(value) is int, kpi.id
        elif kpi.unit in ("rate", "days", "per_fte"):
            assert value is None or type(value) is float, kpi.id
        else:
            assert isinstance(value, dict), kpi.id
    assert set(out["criteria"][0]) == {"id", "indicator", "value", "norm", "richting", "status"}


def test_diensten_lists_every_dienst_once(zone):
    # klachten, nota's and dossiers name these five services
    assert diensten(zone) == ["Interventie", "Onthaal", "Recherche", "Verkeer", "Wijkwerking"]


def test_statements_built_once_run_with_each_reports_own_values(zone):
    """A step's statements are built once per shape (dienst or not, the norms) and run with each
    report's year, D and dienst: reports made one after another equal reports built afresh."""
    reports = [
        (2025, d(2025, 12, 31), None),
        (2025, MID, None),
        (2024, d(2024, 12, 31), None),
        (2025, MID, "Interventie"),
        (2025, d(2025, 12, 31), "Wijkwerking"),
    ]
    fresh = []
    for year, as_of, dienst in reports:
        clear_built_statements()
        fresh.append(compute_report(zone, year, as_of, dienst=dienst).kpis)
    clear_built_statements()
    assert [compute_report(zone, year, as_of, dienst=dienst).kpis for year, as_of, dienst in reports] == fresh
    assert clear_built_statements() == 5 * 2  # five steps, two shapes: the other reports reused them
    assert fresh[0]["complaints_received"] != fresh[2]["complaints_received"]  # the years do differ
