"""Alerts at D on the hand-made zone of test_kpi_engine: every item, its term and days late
worked out by hand, most urgent first, and the counts equal to the KPIs they mirror."""

from __future__ import annotations

from datetime import date as d

import pandas as pd
import pytest

from kpis.alerts import REGISTRY, Alert, Kind, alerts, alerts_frame, carried_over, describe, urgency
from kpis.engine import compute_report
from tests.test_kpi_engine import load_zone
from tests.test_kpi_helpers import DB_PARAMS, module_database


@pytest.fixture(scope="module", params=DB_PARAMS)
def zone(request, tmp_path_factory):
    """The zone below, loaded once per module and database; tests only read it."""
    yield from module_database(request, tmp_path_factory, load_zone)


# At D = 31/12/2025 (days_late = D - due), kind by kind (legal terms first), most late first:
EXPECTED_YEAR_END = [
    ("meldingen", "M5", d(2025, 1, 6), 359),  # not acknowledged: 30/12/2024 + 7
    ("meldingen", "M3", d(2025, 7, 5), 179),  # not acknowledged: 28/06 + 7
    ("meldingen", "M5", d(2025, 4, 6), 269),  # no feedback: (30/12/2024 + 7) + 3 months
    ("meldingen", "M3", d(2025, 10, 5), 87),  # no feedback: 05/07 + 3 months
    ("meldingen", "M4", d(2026, 1, 3), -3),  # acknowledged 03/10: feedback due 03/01/2026, 3 days left
    ("tuchtdossiers", "T9", d(2025, 6, 1), 213),  # kennisname 01/12/2024 + 6 months
    ("tuchtdossiers", "T1", d(2025, 7, 31), 153),  # kennisname 31/01 + 6 months
    ("klachten", "K7", d(2024, 7, 30), 519),  # open; 01/05/2024 + 90 days
    ("klachten", "K5", d(2025, 9, 29), 93),  # 01/07 + 90
    ("functioneringsnotas", "N4", d(2024, 12, 1), 395),  # open, opvolging 01/12/2024
    ("functioneringsnotas", "N1", d(2025, 3, 1), 305),
    ("actieplan", "A6", d(2024, 12, 31), 365),  # lopend, deadline 2024 (alerts are not per year)
    ("actieplan", "A2", d(2025, 5, 31), 214),
    ("actieplan", "A3", d(2025, 9, 30), 92),
]
# Not listed: K6 (41 days < 90), N2 (opvolging = D: 0 days, not late), A8 (deadline = D),
# A5 (geschrapt), M1 M2 (feedback given), M4's acknowledgement (done), T2 (tucht en gerechtelijk),
# T10 (verslag given), the rows after D (K8, N5, T8, M6).


def test_alerts_at_year_end(zone):
    items = alerts(zone, d(2025, 12, 31))
    assert [(a.register, a.key, a.due, a.days_late) for a in items] == EXPECTED_YEAR_END
    first = next(a for a in items if a.register == "klachten")
    assert first.kind == "Klacht over de norm"
    assert (first.what, first.where, first.legal) == ("bejegening", "Interventie", False)
    assert first.text == (
        "Klacht over de norm: K7 (bejegening, Interventie; norm 90 dagen). "
        "Termijn verstreken op 30/07/2024, 519 dagen te laat."
    )
    assert items[4].text.endswith("Termijn verstrijkt op 03/01/2026, nog 3 dagen.")
    assert [a.legal for a in items] == [True] * 7 + [False] * 7


def test_alert_counts_match_the_kpis(zone):
    for day in (d(2025, 12, 31), d(2025, 6, 30)):
        items = alerts(zone, day)
        k = compute_report(zone, 2025, day).kpis
        kinds = [a.kind for a in items]
        assert kinds.count("Klacht over de norm") == k["complaints_overdue"]
        assert kinds.count("Opvolging functioneringsnota te laat") == k["notes_followup_overdue"]
        assert kinds.count("Tuchtdossier: termijn inleidend verslag") == k["discipline_limit_at_risk"]


def test_alerts_in_the_middle_of_the_year(zone):
    items = alerts(zone, d(2025, 6, 30))
    got = {(a.register, a.key, a.kind.split(":")[0], a.days_late) for a in items}
    # K7: 30/07/2024 -> 335 late. K4 (15 days old) not yet.
    # N4: 01/12/2024 -> 211; N1: 01/03/2025 -> 121.
    # A6 (31/12/2024) -> 181; A2 (31/05/2025) -> 30; A3's deadline 30/09 is still ahead.
    # M5: ack due 06/01/2025 -> 175, feedback due 06/04/2025 -> 85.
    # M3 received 28/06: ack due 05/07 -> 5 days left; its feedback (05/10) is not near.
    # M1 M2: feedback given by D. M4 received after D.
    # T9: term 01/06/2025 -> 29 late. T10: verslag 01/09 is after D, so missing: term
    # 01/12/2024 -> 211 late. T1's term 31/07 is 31 days ahead, outside the 30-day window.
    assert got == {
        ("klachten", "K7", "Klacht over de norm", 335),
        ("functioneringsnotas", "N4", "Opvolging functioneringsnota te laat", 211),
        ("functioneringsnotas", "N1", "Opvolging functioneringsnota te laat", 121),
        ("actieplan", "A6", "Actie over deadline", 181),
        ("actieplan", "A2", "Actie over deadline", 30),
        ("meldingen", "M5", "Melding", 175),
        ("meldingen", "M5", "Melding", 85),
        ("meldingen", "M3", "Melding", -5),
        ("tuchtdossiers", "T9", "Tuchtdossier", 29),
        ("tuchtdossiers", "T10", "Tuchtdossier", 211),
    }
    for kind in {a.kind for a in items}:  # within a kind the most urgent first
        late = [a.days_late for a in items if a.kind == kind]
        assert late == sorted(late, reverse=True)


def test_dienst_filter_and_limit(zone):
    items = alerts(zone, d(2025, 12, 31), dienst="Wijkwerking")
    # Wijkwerking: only T9 among klachten/nota's/dossiers; meldingen and actieplan stay zone-wide
    registers = {(a.register, a.key) for a in items}
    assert ("tuchtdossiers", "T9") in registers
    assert not any(r in ("klachten", "functioneringsnotas") for r, _ in registers)
    assert {k for r, k in registers if r == "actieplan"} == {"A6", "A2", "A3"}
    top = alerts(zone, d(2025, 12, 31), limit=3)
    assert [a.key for a in top] == ["M5", "M3", "M5"]
    frame = alerts_frame(top)
    assert list(frame.columns) == ["register", "kind", "key", "due", "days_late", "text"]
    assert frame["days_late"].tolist() == [359, 179, 269]


def test_no_alerts_on_an_empty_database(engine):
    assert alerts(engine, d(2025, 12, 31)) == []


def test_overdue_actions_of_the_plan_and_carried_over(zone):
    """A6 (2024's plan: startdatum 01/01/2024, deadline 31/12/2024) is carried over into 2025;
    A2 (deadline 31/05/2025) and A3 (startdatum 2024, deadline 30/09/2025) are of the plan of
    2025, as actions_overdue counts them (2). Each names its title and trekker."""
    items = [a for a in alerts(zone, d(2025, 12, 31)) if a.register == "actieplan"]
    assert [(a.key, a.plan_years, carried_over(a, 2025)) for a in items] == [
        ("A6", (2024,), True), ("A2", (2025,), False), ("A3", (2024, 2025), False)]
    k = compute_report(zone, 2025, d(2025, 12, 31)).kpis
    assert sum(not carried_over(a, 2025) for a in items) == k["actions_overdue"] == 2
    assert all(a.what and a.where for a in items)


def test_a_kind_is_one_entry(zone):
    """Another register adds a kind by adding one Kind: alerts reads it like the others."""
    def reviews(ctx):
        return pd.DataFrame({"key": ["R1"], "due": [pd.Timestamp(2025, 12, 1)], "what": ["fraude"],
                             "where": ["Verkeer"], "detail": ["herziening"]})

    extra = Kind("Risico: herziening te laat", "risicos", False, reviews)
    items = alerts(zone, d(2025, 12, 31), registry=(*REGISTRY, extra))
    assert items[-1] == Alert("risicos", "Risico: herziening te laat", "R1", d(2025, 12, 1), 30,
                              describe("Risico: herziening te laat", "R1", "herziening", d(2025, 12, 1), 30),
                              "fraude", "Verkeer", False, ())
    assert len(items) == len(EXPECTED_YEAR_END) + 1


def test_urgency_puts_late_legal_terms_first_then_near_ones_then_the_rest():
    def alert(kind: Kind, key: str, days_late: int) -> Alert:
        return Alert(kind.register, kind.label, key, d(2025, 12, 1), days_late, key, legal=kind.legal)

    legal = [k for k in REGISTRY if k.legal]
    other = [k for k in REGISTRY if not k.legal]
    items = [
        alert(other[1], "other-second-kind", 90),
        alert(other[0], "other-few-days", 2),
        alert(legal[1], "legal-near", -5),
        alert(other[0], "other-many-days", 40),
        alert(legal[1], "legal-late", 3),
        alert(legal[0], "legal-late-first-kind", 1),
    ]
    assert [a.key for a in sorted(items, key=urgency)] == [
        "legal-late-first-kind",  # late legal terms, in the REGISTRY order of their kinds
        "legal-late",
        "legal-near",  # then legal terms still running
        "other-many-days",  # then the other kinds in REGISTRY order, the most days late first
        "other-few-days",
        "other-second-kind",
    ]
