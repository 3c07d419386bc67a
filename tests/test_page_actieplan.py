"""The Actieplan page: cards, progress per goal, the timeline and the overdue actions equal the
KPI engine's; the trekker filter; the reference-date line; empty views in Dutch; the items show
for every role (no personal data) but never the free-text opmerking."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from dashboard.style.formatting import fmt_date, fmt_value
from data_access.db import connect
from data_access.registers import STRATEGIC_GOALS
from data_access.schema import REGISTER_TABLES
from tests.dashboard_apptest import open_page, start_app, texts
from tests.page_checks import (
    assert_every_year_renders,
    card_values,
    charts,
    decoded,
    engine_report,
)

THIS_YEAR = dt.date.today().year


def _goal_bars(spec) -> dict[str, dict[str, int]]:
    """{trace name: {goal: value}} of the progress chart."""
    return {t["name"]: dict(zip(t["y"], decoded(t["x"]))) for t in spec["data"] if t["type"] == "bar"}


def _timeline_ids(spec) -> list[str]:
    ids = []
    for trace in spec["data"]:
        ids += [label.split(" · ")[0] for label in trace["y"]]
    return ids


def test_cards_goals_timeline_and_overdue_equal_the_engine(sample_url, monkeypatch):
    at = open_page(start_app(sample_url, monkeypatch=monkeypatch), "actieplan")
    report = engine_report(sample_url)
    kpis = report.kpis
    assert kpis["actions_total"] > 0 and kpis["actions_overdue"] > 0  # the sample has late actions
    cards = card_values(at)
    assert cards["Acties"] == fmt_value(kpis["actions_total"], "count")
    assert cards["Aandeel afgerond"] == fmt_value(kpis["actions_done_rate"], "rate")
    # every overdue action: the plan's (actions_overdue) and those carried over from earlier plans
    carried = _carried_over(sample_url, report)
    assert carried, "the sample has actions carried over"
    assert cards["Acties over deadline, alle plannen"] == fmt_value(kpis["actions_overdue"] + len(carried), "count")
    card = next(m for m in at.metric if m.label == "Acties over deadline, alle plannen")
    assert card.delta == f"{kpis['actions_overdue']} uit plan {report.year} + {len(carried)} uit vorige jaren"

    goals_chart, timeline = charts(at)
    bars = _goal_bars(goals_chart)
    for goal in STRATEGIC_GOALS:
        by_goal = kpis["actions_by_goal"][goal]
        assert bars["afgerond"][goal] == by_goal["afgerond"]
        assert bars["over deadline"][goal] == by_goal["overdue"]
        # the rest of the goal's actions (total - afgerond - overdue), in the timeline's words
        rest = sum(bars.get(state, {}).get(goal, 0) for state in ("lopend", "niet gestart", "uitgesteld", "geschrapt"))
        assert rest == by_goal["total"] - by_goal["afgerond"] - by_goal["overdue"]
    assert set(bars) <= {"afgerond", "lopend", "niet gestart", "uitgesteld", "geschrapt", "over deadline"}

    ids = _timeline_ids(timeline)
    assert len(ids) == len(set(ids)) == kpis["actions_total"]
    # The reference-date line and its label ('vandaag dd/mm/jjjj' for today's reference date).
    assert any(s.get("type") == "line" and str(s["x0"])[:10] == dt.date.today().isoformat() for s in timeline["layout"]["shapes"])
    assert any(a["text"] == f"vandaag {fmt_date(dt.date.today())}" for a in timeline["layout"]["annotations"])
    # Dutch month names on the date axis.
    assert any(t.split()[0] in ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
               for t in timeline["layout"]["xaxis"]["ticktext"])

    late = at.dataframe[0].value
    assert len(late) == kpis["actions_overdue"] + len(carried)
    assert (late["dagen_te_laat"] > 0).all()
    assert sorted(late[late["plan"] == "vorige jaren"]["actie_id"]) == sorted(carried)
    assert (late["plan"] == str(report.year)).sum() == kpis["actions_overdue"]


def _carried_over(url, report) -> list[str]:
    """Worked out from the register: deadline before D, not afgerond or geschrapt, neither
    startdatum nor deadline in the report's year."""
    engine = connect(url)
    t = REGISTER_TABLES["actieplan"]
    with engine.connect() as conn:
        rows = conn.execute(sa.select(t.c.actie_id, t.c.startdatum, t.c.deadline, t.c.status)).all()
    engine.dispose()
    return [key for key, start, deadline, status in rows
            if deadline < report.as_of and status not in ("afgerond", "geschrapt")
            and report.year not in {d.year for d in (start, deadline) if d is not None}]


def test_the_trekker_filter_keeps_only_that_trekkers_actions(sample_url, monkeypatch):
    at = open_page(start_app(sample_url, monkeypatch=monkeypatch), "actieplan")
    engine = connect(sample_url)
    with engine.connect() as conn:
        t = REGISTER_TABLES["actieplan"]
        owners = dict(conn.execute(sa.select(t.c.actie_id, t.c.trekker)).all())
    engine.dispose()
    every = _timeline_ids(charts(at)[1])
    trekker = owners[every[0]]
    at.selectbox(key="actieplan_trekker").select(trekker).run()
    assert not at.exception
    ids = _timeline_ids(charts(at)[1])
    assert ids == [i for i in every if owners[i] == trekker]
    assert f"Trekker {trekker}: {len(ids)} acties" in texts(at)
    # The cards stay those of the whole plan.
    assert card_values(at)["Acties"] == str(len(every))


@pytest.mark.parametrize("role", ["netwerk", "korpsleiding"])
def test_items_show_for_every_role_without_the_free_text(sample_url, monkeypatch, role):
    at = open_page(start_app(sample_url, role, monkeypatch=monkeypatch), "actieplan")
    assert len(_timeline_ids(charts(at)[1])) == engine_report(sample_url).kpis["actions_total"]
    engine = connect(sample_url)
    with engine.connect() as conn:
        t = REGISTER_TABLES["actieplan"]
        remarks = [r for r in conn.execute(sa.select(t.c.opmerking)).scalars() if r]
    engine.dispose()
    assert remarks
    shown = texts(at) + json.dumps(charts(at), ensure_ascii=False) + "".join(d.value.to_csv() for d in at.dataframe)
    assert not [r for r in remarks if r in shown]


def test_empty_database_gives_the_dutch_empty_message(engine, sqlite_url, monkeypatch):
    at = open_page(start_app(sqlite_url, monkeypatch=monkeypatch), "actieplan")
    assert f"Nog geen gegevens voor het actieplan in {THIS_YEAR}." in texts(at)
    assert not at.get("plotly_chart")


def test_a_year_without_actions_and_an_action_without_start(any_engine, any_url, monkeypatch):
    t = REGISTER_TABLES["actieplan"]
    with any_engine.begin() as conn:
        conn.execute(REGISTER_TABLES["meldingen"].insert().values(  # makes 2024 a year of the filter
            nummer="ME-1", datum_ontvangst=dt.date(2024, 3, 1), kanaal="extern", anoniem=False,
            categorie="andere", status="onderzoek"))
        conn.execute(t.insert(), [
            {"actie_id": "A-1", "strategische_doelstelling": "Monitoren", "operationele_doelstelling": "3.1.3.1",
             "actie": "Actieplan opstellen en periodiek opvolgen met alle betrokken diensten van de zone",
             "trekker": "korpschef", "startdatum": dt.date(2025, 1, 10), "deadline": dt.date(2025, 6, 30),
             "status": "lopend", "voortgang": 40.0},
            {"actie_id": "A-2", "strategische_doelstelling": "Afdwingen", "operationele_doelstelling": "3.1.4.1",
             "actie": "Meldplicht toelichten", "trekker": "integriteitscoördinator", "startdatum": None,
             "deadline": dt.date(2025, 11, 30), "status": "niet gestart", "voortgang": 0.0},
        ])
    at = open_page(start_app(any_url, monkeypatch=monkeypatch), "actieplan")
    at.sidebar.selectbox(key="jaar").select(2024).run()
    assert "Nog geen gegevens voor het actieplan in 2024." in texts(at)
    at.sidebar.selectbox(key="jaar").select(2025).run()
    assert not at.exception
    timeline = charts(at)[1]
    bar = next(tr for tr in timeline["data"] if tr["type"] == "bar")
    diamond = next(tr for tr in timeline["data"] if tr["type"] == "scatter")
    # The long action is cut on the axis and whole on hover; the one without start is a diamond.
    assert bar["y"][0].endswith("…") and len(bar["y"][0]) < 50
    assert "met alle betrokken diensten van de zone" in bar["customdata"][0]
    assert diamond["y"] == ["A-2 · Meldplicht toelichten"] and diamond["marker"]["symbol"] == "diamond"
    # Both deadlines lie before 31/12/2025 and neither is afgerond: both over deadline.
    assert bar["name"] == diamond["name"] == "over deadline"
    assert list(at.dataframe[0].value["actie_id"]) == ["A-1", "A-2"]  # most days late first
    # A past year is read at 31/12: the line is the reference date, not today; the year is shaded.
    assert [a["text"] for a in timeline["layout"]["annotations"]] == ["peildatum 31/12/2025"]
    shaded = [s for s in timeline["layout"]["shapes"] if s["type"] == "rect"]
    assert [(str(s["x0"])[:10], str(s["x1"])[:10]) for s in shaded] == [("2025-01-01", "2026-01-01")]


@pytest.mark.parametrize("role", ["integriteitscoordinator", "netwerk"])
def test_every_year_of_the_sample_renders(sample_url, monkeypatch, role):
    assert_every_year_renders(open_page(start_app(sample_url, role, monkeypatch=monkeypatch), "actieplan"))


def test_a_large_plan_draws_the_forty_deadlines_nearest_the_reference_date(engine, sqlite_url, monkeypatch):
    # 45 actions of 2025 with deadlines 02/01, 09/01, ... (every 7 days, the last 08/11/2025), all
    # afgerond; read at 31/12/2025 the five earliest deadlines are the farthest: left out.
    rows = [
        {"actie_id": f"A-{i:02d}", "strategische_doelstelling": "Monitoren", "operationele_doelstelling": "3.1.3.1",
         "actie": f"Actie {i}", "trekker": "korpschef", "startdatum": dt.date(2025, 1, 1),
         "deadline": dt.date(2025, 1, 2) + dt.timedelta(days=7 * i), "status": "afgerond", "voortgang": 100.0}
        for i in range(45)
    ]
    with engine.begin() as conn:
        conn.execute(REGISTER_TABLES["actieplan"].insert(), rows)
        conn.execute(REGISTER_TABLES["meldingen"].insert().values(
            nummer="ME-1", datum_ontvangst=dt.date(2025, 3, 1), kanaal="extern", anoniem=False,
            categorie="andere", status="onderzoek"))
    at = open_page(start_app(sqlite_url, monkeypatch=monkeypatch), "actieplan")
    at.sidebar.selectbox(key="jaar").select(2025).run()
    assert not at.exception
    assert card_values(at)["Acties"] == "45"
    assert _timeline_ids(charts(at)[1]) == [f"A-{i:02d}" for i in range(5, 45)]
    assert "De 40 acties met een deadline het dichtst bij de peildatum, van 45." in texts(at)
