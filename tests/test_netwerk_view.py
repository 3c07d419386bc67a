"""The netwerk view's own limits, enforced where the dashboard reads the data (dashboard.reads):
zone-wide figures on a default reference date whatever the page or the
URL asks, and a category x dienst table that cannot undo the category split's hidden totals."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.ui.filters import Filters
from data_access.access import DENIED_MESSAGES, Access
from data_access.schema import REGISTER_TABLES
from kpis.disclosure.policy import allowed_view

YEAR = 2024
DEFAULT = dt.date(YEAR, 12, 31)
MID_YEAR = dt.date(YEAR, 6, 30)
NETWERK = Access("net", "netwerk")
SCREEN_SHARE = Access("coord", "integriteitscoordinator", screen_share=True)
COORDINATOR = Access("coord", "integriteitscoordinator")

# Hand-made complaints of 2024, categorie x dienst (the leak case of
# tests/test_suppression.py::test_crosstab_keeps_the_hidden_totals_of_the_split_shown_beside_it):
#                  Interventie  Verkeer   total
#   bejegening          3          1        4   -> "<5"
#   geweld              6          6       12   -> "x" (else 24 - 12 pins the three "<5" at 4)
#   discriminatie       2          2        4   -> "<5"
#   informatiebeheer    1          3        4   -> "<5"
#                      12         12       24
# All received in the first half of the year except the 12 of Verkeer (received in October), so
# the dienst filter and the reference date 30/06 both change the figures.
CELLS = {
    ("bejegening", "Interventie"): 3,
    ("bejegening", "Verkeer"): 1,
    ("geweld", "Interventie"): 6,
    ("geweld", "Verkeer"): 6,
    ("discriminatie", "Interventie"): 2,
    ("discriminatie", "Verkeer"): 2,
    ("informatiebeheer", "Interventie"): 1,
    ("informatiebeheer", "Verkeer"): 3,
}


@pytest.fixture
def url(engine, sqlite_url, monkeypatch):
    rows = []
    for (categorie, dienst), n in CELLS.items():
        for _ in range(n):
            month = 3 if dienst == "Interventie" else 10
            rows.append(
                {
                    "dossiernummer": f"KL-{YEAR}-{len(rows) + 1:04d}",
                    "datum_ontvangst": dt.date(YEAR, month, 1 + len(rows) % 28),
                    "kanaal": "burger",
                    "categorie": categorie,
                    "dienst": dienst,
                    "status": "ontvangen",
                }
            )
    with engine.begin() as conn:
        conn.execute(REGISTER_TABLES["klachten"].insert(), rows)
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    return sqlite_url


def test_allowed_view_follows_the_two_actions():
    today = dt.date(2026, 11, 22)
    assert allowed_view(COORDINATOR, YEAR, MID_YEAR, "Verkeer", today) == (MID_YEAR, "Verkeer")
    for access in (NETWERK, SCREEN_SHARE):
        assert allowed_view(access, YEAR, MID_YEAR, "Verkeer", today) == (DEFAULT, None)
        assert allowed_view(access, 2026, dt.date(2026, 3, 1), None, today) == (today, None)


def test_netwerk_report_is_the_zone_report_whatever_the_filters_ask(url):
    from dashboard.reads import data

    zone = data.get_report(NETWERK, Filters(YEAR, DEFAULT, None))
    # the zone received 24 complaints in 2024
    assert zone.kpis["complaints_received"] == 24 and zone.as_of == DEFAULT
    for access in (NETWERK, SCREEN_SHARE):
        asked = data.get_report(access, Filters(YEAR, MID_YEAR, "Verkeer"))
        assert asked.kpis == zone.kpis and asked.as_of == DEFAULT and asked.dienst is None
    # the coordinator does get what it asks: Verkeer's 12 were all received after 30/06
    assert data.get_report(COORDINATOR, Filters(YEAR, MID_YEAR, "Verkeer")).kpis["complaints_received"] == 0
    assert data.get_report(COORDINATOR, Filters(YEAR, DEFAULT, "Verkeer")).kpis["complaints_received"] == 12


def test_netwerk_page_series_are_zone_wide_on_the_default_date(url):
    from dashboard.reads import splits, trends, years

    zone_split = splits.split_counts(NETWERK, "klachten", YEAR, DEFAULT, "categorie")
    assert splits.split_counts(NETWERK, "klachten", YEAR, MID_YEAR, "categorie", dienst="Verkeer") == zone_split
    zone_trend = trends.trend(NETWERK, "klachten", DEFAULT, 4, per="quarter")
    assert trends.trend(NETWERK, "klachten", MID_YEAR, 4, per="quarter", dienst="Verkeer").equals(zone_trend)
    # per month the netwerk view gets nothing: months beside quarters give a hidden month back
    assert trends.trend(NETWERK, "klachten", DEFAULT, 12) is None
    zone_years = years.yearly(NETWERK, "klachten", YEAR - 1, YEAR, as_of=DEFAULT)
    assert years.yearly(NETWERK, "klachten", YEAR - 1, YEAR, as_of=MID_YEAR, dienst="Verkeer").equals(zone_years)
    # a table per dienst is not in the netwerk view (it is zone-wide); the coordinator's is
    assert splits.cross_table(NETWERK, "klachten", YEAR, DEFAULT, "categorie", "dienst") is None
    mine = splits.cross_table(COORDINATOR, "klachten", YEAR, DEFAULT, "categorie", "dienst", dienst="Verkeer")
    assert list(mine.columns) == ["Verkeer"]


def test_the_category_split_is_the_release_s(url):
    """The page's category split is the one of the day's netwerk release, the same in the
    report and in split_counts; its hidden cells cannot be worked out from the cards."""
    from dashboard.reads import data, splits

    report = data.get_report(NETWERK, Filters(YEAR, DEFAULT, None))
    split = report.kpis["complaints_by_category"]
    assert splits.split_counts(NETWERK, "klachten", YEAR, DEFAULT, "categorie") == split
    assert split == {k: v for k, v in data.netwerk_release().report(YEAR).kpis["complaints_by_category"].items()}
    # the three categories of 4 are "<5"; geweld (12) is shown or hidden, never a small count
    assert (split["bejegening"], split["discriminatie"], split["informatiebeheer"]) == ("<5", "<5", "<5")
    assert split["geweld"] in (12, "x", None)
    # the coordinator sees the counts themselves
    full = splits.cross_table(COORDINATOR, "klachten", YEAR, DEFAULT, "categorie", "dienst")
    assert full.loc["geweld"].tolist() == [6, 6]


def _pickers(at):
    date = [d for d in at.sidebar.date_input if d.label == "Peildatum"]
    dienst = [s for s in at.sidebar.selectbox if s.label == "Dienst"]
    return date, dienst


def test_netwerk_page_with_a_dienst_and_date_in_the_url_shows_the_zone_figures(url, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.dashboard_apptest import APP, open_page, sign_in

    def klachten(role, query):
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        sign_in(at, url, role)
        open_page(at, "klachten")
        return at, {m.label: m.value for m in at.metric}

    zone_at, zone = klachten("netwerk", {"jaar": str(YEAR)})
    at, asked = klachten("netwerk", {"jaar": str(YEAR), "dienst": "Verkeer", "peildatum": MID_YEAR.isoformat()})
    assert asked == zone and any(v for v in zone.values())
    # the pickers say which figures these are, and why they cannot be changed
    date, dienst = _pickers(at)
    assert len(date) == 1 and date[0].value == DEFAULT and date[0].disabled
    assert date[0].help == DENIED_MESSAGES["choose_reference_date"]
    assert len(dienst) == 1 and dienst[0].value == "Alle diensten" and dienst[0].disabled
    assert dienst[0].help == DENIED_MESSAGES["filter_dienst"]
    # the coordinator's view of the same URL does change
    _, mine = klachten("integriteitscoordinator", {"jaar": str(YEAR), "dienst": "Verkeer", "peildatum": MID_YEAR.isoformat()})
    assert mine != zone
