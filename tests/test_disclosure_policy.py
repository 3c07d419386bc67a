"""kpis.disclosure.policy: one reference date per year for the netwerk view, a comparison
only between whole years, and the typed marker (kpis.disclosure.markers). The regression
cases of the netwerk promise: two reference dates of one year, and cards beside a hidden split."""

from __future__ import annotations

import pickle
from datetime import date

from data_access.access import Access
from kpis.disclosure import markers
from kpis.disclosure.policy import allowed_view, comparison_as_of, fixed_as_of, months_per_period
from kpis.suppression import suppress_kpis

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


def _sanctions(**counts) -> dict:
    from data_access.registers import DISCIPLINARY_SANCTIONS

    return {v: counts.get(v.replace(" ", "_"), 0) for v in DISCIPLINARY_SANCTIONS}


def _reasoned_rest(shown: dict) -> set:
    """Every value of the 'geen' cell that agrees with the cards shown (decided, light, heavy)
    and the split shown: what a reader can work out, by brute force over small counts."""
    decided, light, heavy = shown["discipline_decided"], shown["sanctions_light"], shown["sanctions_heavy"]
    options = set()
    for geen in range(0, 20):
        for lt in range(0, 20):
            for hv in range(0, 20):
                if any(not _fits(v, x) for v, x in ((decided, geen + lt + hv), (light, lt), (heavy, hv))):
                    continue
                split = shown["sanctions_by_type"]
                if split is not None and not _fits(split["geen"], geen):
                    continue
                options.add(geen)
    return options


def _fits(shown, value) -> bool:
    if shown is None:
        return True
    if markers.is_suppressed(shown):
        lo, hi = shown.bounds(10**6)
        return lo <= value <= hi
    return shown == value


def test_cards_cannot_give_back_a_hidden_split_cell():
    """Tucht 2025 as reported: 7 decisions, 5 light and 0 heavy sanctions, the split hidden:
    7 - 5 - 0 = 2 decisions without a sanction. Now the cards and the split are protected
    together: the 'geen' cell can no longer be pinned from what is shown."""
    kpis = {
        "discipline_decided": 7,
        "sanctions_light": 5,
        "sanctions_heavy": 0,
        "sanctions_by_type": _sanctions(geen=2, waarschuwing=3, blaam=2),
    }
    shown, _ = suppress_kpis(kpis, {})
    assert shown["discipline_decided"] == 7
    options = _reasoned_rest(shown)
    assert 2 in options and len(options) > 1, (shown, options)
    # a case without a small cell is shown as it is
    kpis = {"discipline_decided": 17, "sanctions_light": 10, "sanctions_heavy": 0,
            "sanctions_by_type": _sanctions(geen=7, waarschuwing=5, blaam=5)}
    shown, reasons = suppress_kpis(kpis, {})
    assert shown == kpis and not reasons
