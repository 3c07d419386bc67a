"""kpis.disclosure.policy: one reference date per year for the netwerk view, a comparison
only between whole years, and the typed marker (kpis.disclosure.markers). The regression
cases of the netwerk promise: two reference dates of one year, and cards beside a hidden split."""

from __future__ import annotations

import pickle
from datetime import date, timedelta

from data_access.access import Access
from kpis.disclosure import markers
from kpis.disclosure.policy import allowed_view, comparison_as_of, fixed_as_of, months_per_period

TODAY = date(2026, 12, 5)
NETWERK = Access("net", "netwerk")
SCREEN_SHARE = Access("coord", "integriteitscoordinator", screen_share=True)
COORDINATOR = Access("coord", "integriteitscoordinator")


def test_one_reference_date_per_year_whatever_is_asked():
    for access in (NETWERK, SCREEN_SHARE):
        # the same day a year ago (the old year-to-date comparison) is no longer a date of 2025
        assert allowed_view(access, 2025, date(2025, 12, 5), "Verkeer", TODAY) == (date(2025, 12, 31), None)
        assert allowed_view(access, 2025, date(2025, 12, 30), None, TODAY) == (date(2025, 12, 31), None)
        assert allowed_view(access, 2026, date(2026, 3, 14), None, TODAY) == (TODAY, None)
        assert allowed_view(access, 2024, None, None, TODAY) == (date(2024, 12, 31), None)
    assert allowed_view(COORDINATOR, 2025, date(2025, 12, 5), "Verkeer", TODAY) == (date(2025, 12, 5), "Verkeer")
    assert fixed_as_of(2026, TODAY) == TODAY and fixed_as_of(2025, TODAY) == date(2025, 12, 31)


def test_comparison_is_between_whole_years_in_the_netwerk_view():
    # full view: the same day a year earlier (29/02 -> 28/02)
    assert comparison_as_of(2026, TODAY, fixed=False) == date(2025, 12, 5)
    assert comparison_as_of(2024, date(2024, 2, 29), fixed=False) == date(2023, 2, 28)
    # netwerk: the whole of last year beside a whole year, nothing beside the running year
    assert comparison_as_of(2025, date(2025, 12, 31), fixed=True, today=TODAY) == date(2024, 12, 31)
    assert comparison_as_of(2026, TODAY, fixed=True, today=TODAY) is None


def test_the_netwerk_view_has_quarters_only():
    assert months_per_period(True) == 3 and months_per_period(False) == 1


def test_marker_is_typed_prints_as_before_and_survives_pickling():
    small, secondary = markers.small(5), markers.secondary(5)
    assert (str(small), str(secondary)) == ("<5", "x")
    assert markers.is_suppressed(small) and not markers.is_suppressed("<5") and not markers.is_suppressed(3)
    again = pickle.loads(pickle.dumps({"a": small, "b": secondary}))
    assert again["a"].kind == markers.SMALL and again["b"].kind == markers.SECONDARY_KIND and again["a"].threshold == 5
    assert small.bounds(100) == (1, 4) and secondary.bounds(100) == (5, 100)


# --- the leaks of the netwerk issue, on the day's release ------------------------------------


def _release(engine, records: dict, today: date):
    from kpis.disclosure.release import netwerk_release
    from tests.test_netwerk_promise import load

    load(engine, {"klachten": [], "functioneringsnotas": [], "tuchtdossiers": [], "meldingen": [], **records})
    with engine.connect() as conn:
        return netwerk_release(conn, today, 5)


def _decision(i: int, sanctie: str) -> dict:
    day = date(2025, 1, 10) + timedelta(days=20 * i)
    return dict(datum_kennisname=day, datum_opening=day, soort="tucht", categorie="geweld",
                datum_beslissing=day + timedelta(days=30), sanctie=sanctie, datum_inleidend_verslag=day,
                ordemaatregel=None, datum_ordemaatregel=None)


def test_cards_cannot_give_back_a_hidden_split_cell(engine):
    """Tucht 2025 as reported: 7 decisions, 5 light and 0 heavy sanctions, the split hidden:
    7 - 5 - 0 = 2 decisions without a sanction. In the release the cards and the split are
    protected together: no reader can pin the 2 (nor any other small count)."""
    from tests.test_netwerk_promise import pinned_counts

    records = {"tuchtdossiers": [_decision(i, s) for i, s in enumerate(["geen"] * 2 + ["waarschuwing"] * 3 + ["blaam"] * 2)]}
    release = _release(engine, records, date(2026, 12, 5))
    report = release.report(2025)
    assert report.kpis["discipline_decided"] == 7
    assert pinned_counts({"klachten": [], "functioneringsnotas": [], "meldingen": [], **records}, release, date(2026, 12, 5)) == []
    # the brute-force reading of the old leak: every 'geen' count that fits what is shown
    shown = {k: report.kpis[k] for k in ("discipline_decided", "sanctions_light", "sanctions_heavy")}
    split = report.kpis["sanctions_by_type"]

    def fits(value, n):
        return value is None or (value.bounds(99)[0] <= n <= value.bounds(99)[1] if markers.is_suppressed(value) else value == n)

    options = {geen for geen in range(10) for light in range(10) for heavy in range(10)
               if fits(shown["discipline_decided"], geen + light + heavy) and fits(shown["sanctions_light"], light)
               and fits(shown["sanctions_heavy"], heavy) and fits(split["geen"], geen)}
    assert 2 in options and len(options) > 1, (shown, split, options)


def test_each_year_has_one_reference_date_in_the_release(engine):
    """'Klachten ontvangen 61' (2025 up to 05/12) beside '64' (the whole of 2025) gave 3 back:
    the release holds each year at one date, and nothing beside the running year."""
    from kpis.engine import default_as_of

    records = {"klachten": [dict(datum_ontvangst=date(2025, m, 3), datum_afsluiting=None, categorie="geweld", kanaal="burger",
                                 beoordeling=None) for m in range(1, 13)]}
    today = date(2026, 12, 5)
    release = _release(engine, records, today)
    assert release.years == [2025, 2026]
    assert [release.report(y).as_of for y in release.years] == [default_as_of(2025, today), today]
    assert comparison_as_of(2026, today, fixed=True, today=today) is None


def test_no_months_only_quarters(engine):
    """Q3 2025 = 16 with July 6 and September 9 gave August = 1: the release has no months."""
    records = {"klachten": [dict(datum_ontvangst=date(2025, m, d), datum_afsluiting=None, categorie="geweld",
                                 kanaal="burger", beoordeling=None) for m, n in ((7, 6), (8, 1), (9, 9)) for d in range(1, n + 1)]}
    release = _release(engine, records, date(2026, 12, 5))
    assert {k[0] for k in release.display} >= {"quarter"} and all(k[2].month in (1, 4, 7, 10) for k in release.display
                                                                  if k[0] == "quarter")
    assert release.quarters("klachten")[date(2025, 7, 1)] == 16


def test_the_release_of_a_day_is_built_once_per_database_state(engine):
    """The screen, the anonymised export and the reports of one day share one release; a write
    (an import bumps the data version) or another day or threshold builds a new one."""
    from data_access.db import bump_data_version
    from kpis.disclosure.release import netwerk_release

    today = date(2026, 3, 1)
    first = _release(engine, {"klachten": []}, today)
    with engine.connect() as conn:
        assert netwerk_release(conn, today, 5) is first
        assert netwerk_release(conn, today + timedelta(days=1), 5) is not first
        assert netwerk_release(conn, today, 6) is not first
    with engine.begin() as conn:
        bump_data_version(conn)
    with engine.connect() as conn:
        again = netwerk_release(conn, today, 5)
    assert again is not first and again.display == first.display


def test_a_count_under_the_threshold_is_never_shown_as_x():
    """'x' tells a reader "N or more". A shown 0 that a release hides must be withheld, not
    shown as x: the reader's range must hold the true value, else the figures mislead and the
    reader's program protect checks is not the reader's. The case a second read found: s1 (0)
    was shown as x, and with it s0 and t0 (4) read as exactly 1."""
    from kpis.disclosure.figures import System
    from kpis.disclosure.protect import protect

    system = System(today=None, years=[2025])

    def cell(*key):
        return ("cell", 2025, *key)

    for key, value in {cell("s", 0): 4, cell("s", 1): 0, cell("s", 2): 0, cell("t", 0): 4, cell("t", 1): 8}.items():
        system.add(key, value)
    system.equal([cell("s", 0), cell("s", 2)], [cell("t", 0)])
    system.equal([cell("s", 1), cell("s", 0), cell("t", 0), cell("s", 2)], [cell("t", 1)])
    display = protect(system, 5).display
    for key, shown in display.items():
        if markers.is_suppressed(shown) and shown.kind == markers.SECONDARY_KIND:
            assert system.values[key] >= 5, (key, system.values[key], shown)
    assert display[cell("s", 0)] == "<5" and display[cell("t", 0)] == "<5"
