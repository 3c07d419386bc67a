"""The Overzicht page (monthly review): "Te laat en dringend" first, legal terms first; each card
and the late list beside it count the same rows (several years, reference dates, diensten); the
last complete month against the month before and a year earlier; the criteria summary (zone-wide);
clear messages without data; and the netwerk view shows counts per kind only."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dashboard.style.formatting import MONTHS, fmt_int
from dashboard.ui import late_block
from dashboard.ui.late_block import ROWS
from dashboard.ui.overview import last_complete_month, month_end
from kpis.alerts import BY_LABEL, KIND_ACTION, KIND_COMPLAINT, KIND_FOLLOWUP, KIND_TERM, alerts, carried_over
from tests.dashboard_apptest import texts
from tests.page_checks import (
    assert_cards_equal_engine,
    card_values,
    engine_report,
    insert_one_complaint,
    leaked,
    page_on,
    small_counts,
)

YEAR_CARDS = [
    "complaints_received",
    "complaints_open",
    "complaints_overdue",
    "complaints_within_norm_rate",
    "notes_issued",
    "notes_followup_overdue",
    "discipline_opened",
    "discipline_limit_at_risk",
    "reports_received",
    "reports_ack_in_time_rate",
    "actions_done_rate",
]
CRITERIA_CARDS = ["criteria_met", "criteria_not_met", "criteria_no_data"]
# card label -> the kind of late item it counts (the list beside it)
CARD_KINDS = {
    "Klachten over de norm": KIND_COMPLAINT,
    "Opvolging te laat": KIND_FOLLOWUP,
    "Tuchtdossiers dicht bij termijn": KIND_TERM,
    "Acties over deadline, alle plannen": KIND_ACTION,
}


def page_links(at) -> list[str]:
    """The labels of the late block's rows (each once: the first rows are repeated in 'Alle … tonen',
    which this opens: it is drawn only when open)."""
    if any(e.label.startswith("Alle ") for e in at.expander) and not at.get("page_link")[ROWS:]:
        at.session_state[late_block.ALL_KEY] = True
        at.run()
    return list(dict.fromkeys(re.sub(r"\\(.)", r"\1", e.proto.label).replace("\u2060", "") for e in at.get("page_link")))


def listed(at, kind: str) -> list[str]:
    short = BY_LABEL[kind].short
    return [label for label in page_links(at) if f" · {short} · " in label]


def engine_alerts_at(url, as_of, dienst=None):
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        return alerts(engine, as_of, dienst=dienst)
    finally:
        engine.dispose()


def test_cards_and_criteria_equal_the_engine(sample_url, monkeypatch):
    at = page_on(sample_url, "overzicht", "korpsleiding", monkeypatch)
    report = engine_report(sample_url)
    assert_cards_equal_engine(at, report, YEAR_CARDS + CRITERIA_CARDS)
    # The delta is against last year up to the same day, as the engine gives it.
    before = engine_report(sample_url, report.year - 1, report.as_of.replace(year=report.year - 1))
    delta = next(m.delta for m in at.metric if m.label == "Klachten ontvangen")
    change = report.kpis["complaints_received"] - before.kpis["complaints_received"]
    assert delta == ("0" if change == 0 else f"{'+' if change > 0 else '-'}{fmt_int(abs(change))}")
    # A rate says its base.
    rate = next(m for m in at.metric if m.label == "Afgehandeld binnen norm")
    base = report.extra["bases"]["complaints_within_norm_rate"]
    assert f"van {fmt_int(base)} afgesloten klachten" in rate.proto.delta_description + rate.delta


def test_overdue_actions_are_the_plan_and_those_carried_over(sample_url, monkeypatch):
    at = page_on(sample_url, "overzicht", "korpsleiding", monkeypatch)
    report = engine_report(sample_url)
    items = [a for a in engine_alerts_at(sample_url, report.as_of) if a.kind == KIND_ACTION]
    carried = sum(carried_over(a, report.year) for a in items)
    assert carried, "the sample has actions carried over from earlier plans"
    card = next(m for m in at.metric if m.label == "Acties over deadline, alle plannen")
    assert card.value == fmt_int(len(items))
    assert card.delta == f"{report.kpis['actions_overdue']} uit plan {report.year} + {carried} uit vorige jaren"


@pytest.mark.parametrize("year, as_of, dienst", [
    (None, None, None),
    (2025, dt.date(2025, 6, 30), None),
    (2025, dt.date(2025, 6, 30), "Verkeer"),
    (2024, dt.date(2024, 12, 31), "Interventie"),
])
def test_each_card_counts_the_rows_of_its_list(sample_url, monkeypatch, year, as_of, dienst):
    filters = {} if year is None else {"jaar": year, "peildatum": as_of}
    at = page_on(sample_url, "overzicht", "korpsleiding", monkeypatch, **filters)
    if dienst:
        at.sidebar.selectbox(key="dienst").select(dienst).run()
    as_of = as_of or dt.date.today()
    expected = engine_alerts_at(sample_url, as_of, dienst)
    cards = card_values(at)
    for label, kind in CARD_KINDS.items():
        rows = listed(at, kind)
        assert cards[label] == fmt_int(len(rows)) == fmt_int(sum(a.kind == kind for a in expected)), (label, dienst)
        assert f"{BY_LABEL[kind].short}: {len(rows)}" in texts(at)  # the count above the list
    # the KPI itself: the plan's part of the actions, the others as the engine counts them
    report = engine_report(sample_url, as_of.year, as_of) if not dienst else None
    if report is not None:
        assert cards["Klachten over de norm"] == fmt_int(report.kpis["complaints_overdue"])
        plan = sum(not carried_over(a, as_of.year) for a in expected if a.kind == KIND_ACTION)
        assert plan == report.kpis["actions_overdue"]


def test_legal_terms_come_first_and_each_row_says_what_and_where(sample_url, monkeypatch):
    at = page_on(sample_url, "overzicht", "korpsleiding", monkeypatch)
    expected = engine_alerts_at(sample_url, dt.date.today())
    assert any(a.legal for a in expected) and any(not a.legal for a in expected)
    links = at.get("page_link")
    labels = page_links(at)
    legal = [a for a in expected if a.legal][:6]
    # the first rows are the legal terms (late ones before near ones), each with what and where
    assert {a.key for a in legal} == {link.proto.query_string.removeprefix("rij=") for link in links[: len(legal)]}
    for alert in legal:
        label = next(label for label in labels if label.endswith(alert.key))
        assert alert.what in label and alert.where in label
    assert all(link.proto.icon == ":material/gavel:" for link in links[: len(legal)])
    assert links[len(legal)].proto.icon != ":material/gavel:"
    assert "Te laat en dringend" in texts(at)


def test_the_whole_list_is_drawn_when_opened(sample_url, monkeypatch):
    at = page_on(sample_url, "overzicht", "korpsleiding", monkeypatch)
    expected = engine_alerts_at(sample_url, dt.date.today())
    assert len(expected) > ROWS
    (box,) = [e for e in at.expander if e.label.startswith("Alle ")]
    assert box.label == f"Alle {fmt_int(len(expected))} tonen, per soort"
    assert len(at.get("page_link")) == ROWS  # closed: only the first rows are drawn
    at.session_state[late_block.ALL_KEY] = True
    at.run()
    links = at.get("page_link")
    assert len(links) == ROWS + len(expected)
    assert {link.proto.query_string.removeprefix("rij=") for link in links[ROWS:]} == {a.key for a in expected}


def test_the_month_is_the_last_complete_one(sample_url, monkeypatch):
    at = page_on(sample_url, "overzicht", "korpsleiding", monkeypatch)
    today = dt.date.today()
    month = last_complete_month(today)
    assert month < today.replace(day=1) or today == month_end(month)

    def received(up_to):
        return engine_report(sample_url, up_to.year, up_to).kpis["complaints_received"] if up_to.year == month.year else 0

    now = received(month_end(month)) - received(month - dt.timedelta(days=1))
    card = next(m for m in at.metric if m.label == f"Klachten ontvangen in {MONTHS[month.month - 1]}")
    assert card.value == fmt_int(now)
    assert f"Maand {MONTHS[month.month - 1]} {month.year}" in texts(at)
    if month_end(month) < today:
        assert f"Lopende maand (tot {today:%d/%m})" in texts(at)


def test_netwerk_sees_counts_per_kind_only(sample_url, monkeypatch):
    at = page_on(sample_url, "overzicht", "netwerk", monkeypatch)
    report = engine_report(sample_url, netwerk=True)
    assert_cards_equal_engine(at, report, YEAR_CARDS + CRITERIA_CARDS)
    assert leaked(at, sample_url) == []
    assert small_counts(at) == []
    shown = texts(at)
    # the registers about persons: withheld, as the release says; the action plan: counted
    for kind in (KIND_COMPLAINT, KIND_FOLLOWUP, KIND_TERM):
        assert f"{BY_LABEL[kind].short}: verborgen" in shown
    assert "Acties over deadline: " in shown
    assert not at.get("page_link")
    assert "Gegevens onvolledig" not in shown


def test_korpsleiding_does_see_the_dossiers(sample_url, monkeypatch):
    # The netwerk check above can fail: the same page names dossiers for the korpsleiding.
    at = page_on(sample_url, "overzicht", "korpsleiding", monkeypatch)
    assert leaked(at, sample_url)


def test_empty_database_gives_a_dutch_message(engine, sqlite_url, monkeypatch):
    at = page_on(sqlite_url, "overzicht", "integriteitscoordinator", monkeypatch)
    assert "De databank bevat nog geen gegevens" in texts(at)


def test_a_year_without_data_says_so(engine, sqlite_url, monkeypatch):
    insert_one_complaint(engine, dt.date(2023, 5, 2))
    at = page_on(sqlite_url, "overzicht", "integriteitscoordinator", monkeypatch, jaar=2023, peildatum=dt.date(2023, 3, 1))
    shown = texts(at)
    assert "Nog geen gegevens voor 2023" in shown
    assert "Niets te laat of dringend op 01/03/2023" in shown
    assert "Nog geen gegevens voor evaluatiecriteria voor 2023" in shown
    assert "Gegevens onvolledig" in shown  # no VTE for 2023, four registers without rows
