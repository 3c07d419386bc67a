"""The Risicoanalyse page for every role (korpsleiding, integriteitscoordinator, netwerk, and
screen-share mode): the cards equal the engine's (for the netwerk view the release's), the
matrix counts the active risks per cell coloured by level, a chosen cell lists its risks, the
risks per process, the high risks without an action, the overdue reviews and the actions per
risk; the Actieplan page names the risks each action treats."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from data_access.settings import load_settings
from kpis import risicos
from kpis.disclosure.release import netwerk_release
from tests.dashboard_apptest import APP, open_page, sign_in, start_app, texts
from tests.page_checks import assert_cards_equal_engine, chart, engine_report

RISK_KPIS = ["risks_active", "risks_high", "risks_high_untreated", "risks_review_overdue"]
ROLES = ["korpsleiding", "integriteitscoordinator", "netwerk"]


def _analysis(url: str) -> risicos.RiskAnalysis:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return risicos.analysis(conn, dt.date.today(), load_settings(conn))
    finally:
        engine.dispose()


def _open(url, monkeypatch, role, *, screen_share=False) -> AppTest:
    if not screen_share:
        return open_page(start_app(url, role, monkeypatch=monkeypatch), "risicoanalyse")
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["scherm"] = "true"
    at.run()
    sign_in(at, url, role)
    return open_page(at, "risicoanalyse")


def _matrix(at) -> dict[tuple[int, int], str]:
    spec = chart(at, "Actieve risico's per kans en impact")
    heat = next(t for t in spec["data"] if t["type"] == "heatmap")
    return {(k, i): heat["text"][k - 1][i - 1] for k in range(1, 6) for i in range(1, 6)}


@pytest.mark.parametrize("role,screen_share", [(r, False) for r in ROLES] + [("korpsleiding", True)])
def test_every_role_sees_the_analysis_as_the_engine_counts_it(sample_url, monkeypatch, role, screen_share):
    at = _open(sample_url, monkeypatch, role, screen_share=screen_share)
    aggregated = role == "netwerk" or screen_share
    report = engine_report(sample_url, netwerk=aggregated)
    assert_cards_equal_engine(at, report, RISK_KPIS)
    analysis = _analysis(sample_url)
    assert report.kpis["risks_active"] == len(analysis.active) > 0  # the sample has an analysis
    # the matrix: the number of active risks in each cell (empty cells blank), 25 cells in all
    cells = analysis.matrix()
    assert _matrix(at) == {cell: str(n) if n else "" for cell, n in cells.items()}
    # per process: the engine's split
    spec = chart(at, "Actieve risico's per proces")
    bars = dict(zip(spec["data"][0]["y"], spec["data"][0]["text"]))
    assert {p: int(n) for p, n in bars.items()} == report.kpis["risks_by_process"]
    shown = texts(at)
    for heading in ("Hoge risico's zonder actie", "Herziening te laat", "Acties per risico"):
        assert heading in shown
    assert "None" not in shown


def test_netwerk_view_reads_the_release(sample_url, monkeypatch):
    """The netwerk view's analysis is the release's (kpis.disclosure.release.Release.risks), in
    full: the register holds no person (a small count such as 1 stays as it is)."""
    engine = sa.create_engine(sample_url)
    try:
        with engine.connect() as conn:
            release = netwerk_release(conn, dt.date.today(), 5)
    finally:
        engine.dispose()
    released = release.risks(dt.date.today().year)
    assert released is not None
    assert released.matrix() == _analysis(sample_url).matrix()
    report = release.report(dt.date.today().year)
    assert report.kpis["risks_high_untreated"] == sum(r.high_untreated for r in released.active)
    assert "risks_high_untreated" not in report.extra["suppression"]["reasons"]


def test_a_chosen_cell_lists_its_risks(sample_url, monkeypatch):
    at = _open(sample_url, monkeypatch, "integriteitscoordinator")
    analysis = _analysis(sample_url)
    box = next(s for s in at.selectbox if s.label == "Cel van de matrix")
    assert box.options[0] == "Alle actieve risico's"
    # the fullest cell of the highest score is the first one offered
    first = box.options[1]
    kans, impact = _cell(first)
    box.select(first).run()
    assert not at.exception
    table = next(df.value for df in at.dataframe if "Risico" in df.value.columns and len(df.value) == len(analysis.in_cell(kans, impact)))
    assert sorted(table["Risico"]) == sorted(r.risico_id for r in analysis.in_cell(kans, impact))
    assert f"kans {kans} × impact {impact}" in texts(at)


def _cell(option: str) -> tuple[int, int]:
    """'kans 4 × impact 4 (1)' -> (4, 4)."""
    left, right = option.split(" × ")
    return int(left.split()[1]), int(right.split()[1])


def test_high_risks_without_action_and_overdue_reviews_are_listed(sample_url, monkeypatch):
    at = _open(sample_url, monkeypatch, "korpsleiding")
    analysis = _analysis(sample_url)
    frames = [df.value for df in at.dataframe]
    untreated = sorted(r.risico_id for r in analysis.active if r.high_untreated)
    late = sorted(r.risico_id for r in analysis.active if r.review_overdue)
    assert untreated and late  # the sample has one of each
    assert any(sorted(f["Risico"]) == untreated and "Dagen te laat" not in f.columns for f in frames if "Risico" in f.columns)
    late_frame = next(f for f in frames if "Dagen te laat" in f.columns)
    assert sorted(late_frame["Risico"]) == late
    assert all(late_frame["Dagen te laat"] > 0)
    actions = next(f for f in frames if "Acties (status)" in f.columns and len(f) == len(analysis.active))
    by_id = dict(zip(actions["Risico"], actions["Acties (status)"]))
    for r in analysis.active:
        for a in r.actions:
            assert f"{a.actie_id} ({a.status})" in by_id[r.risico_id]


def test_the_actieplan_page_names_the_risks_each_action_treats(sample_url, monkeypatch):
    at = open_page(start_app(sample_url, "netwerk", monkeypatch=monkeypatch), "actieplan")
    analysis = _analysis(sample_url)
    table = next(df.value for df in at.dataframe if "risicos" in df.value.columns)
    treats = analysis.actions_of()
    named = {a: text for a, text in zip(table["actie_id"], table["risicos"]) if text}
    assert named, "no action of this year's plan treats a risk"
    for actie_id, text in named.items():
        assert sorted(part.split(" (")[0] for part in text.split(", ")) == sorted(treats[actie_id])


def test_the_thresholds_come_from_the_settings(sample_url, monkeypatch):
    at = _open(sample_url, monkeypatch, "integriteitscoordinator")
    assert "hoog vanaf 15, midden vanaf 8" in texts(at)
