"""Small-count suppression, worked by hand (N = 5 unless said otherwise).

Notation in the comments: a cell shown as "<5" lies in 1..4 for the reader, an "x" cell in
5 or more; a known total fixes the sum of the hidden cells."""

from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import pytest

from kpis.suppression import (
    SECONDARY,
    Line,
    protect,
    suppress_count,
    suppress_crosstab,
    suppress_frame,
    suppress_kpis,
    suppress_median,
    suppress_months,
    suppress_rate,
    suppress_report,
    suppress_split,
)


@pytest.mark.parametrize(
    "n,threshold,shown",
    [(0, 5, 0), (1, 5, "<5"), (4, 5, "<5"), (5, 5, 5), (123, 5, 123), (2, 3, "<3"), (3, 3, 3), (None, 5, None)],
)
def test_suppress_count(n, threshold, shown):
    assert suppress_count(n, threshold) == shown


def test_rate_hidden_on_small_base_or_small_count():
    # base 4 < 5: hidden whatever the value
    r = suppress_rate(0.5, 4)
    assert r.value is None and "minder dan 5" in r.reason
    # 3 of 20 = 0.15: the 3 would come back as 0.15 x 20
    assert suppress_rate(0.15, 20).value is None
    # 18 of 20 = 0.9: the other 2 would come back as 20 - 18
    assert suppress_rate(0.9, 20).value is None
    # 10 of 20, 0 of 20 and 20 of 20 give no small count
    assert suppress_rate(0.5, 20).value == 0.5
    assert suppress_rate(0.0, 20).value == 0.0
    assert suppress_rate(1.0, 20).value == 1.0
    # no base known: hidden; no value: stays None without a reason
    assert suppress_rate(0.5, None).reason
    assert suppress_rate(None, 0).reason is None


def test_median_hidden_below_threshold():
    assert suppress_median(36.0, 4).value is None
    assert suppress_median(36.0, 5).value == 36.0


def test_split_single_small_cell_needs_a_secondary():
    # total 33 known; only a (3) hidden would give a = 33 - 10 - 20. The smallest shown cell
    # (b = 10) is hidden too: a + b = 13 with a in 1..4 and b >= 5 leaves a anywhere in 1..4.
    assert suppress_split({"a": 3, "b": 10, "c": 20}).values == {"a": "<5", "b": SECONDARY, "c": 20}


def test_split_two_small_cells_protect_each_other():
    # a + b = 25 - 20 = 5 with both in 1..4: a could be 1..4. Nothing more hidden.
    assert suppress_split({"a": 2, "b": 3, "c": 20}).values == {"a": "<5", "b": "<5", "c": 20}


def test_split_two_ones_are_pinned():
    # a + b = 22 - 20 = 2 with both >= 1 (zero is shown as 0): a = b = 1, so c is hidden too:
    # then a + b + c = 22 with c >= 5: a in 1..4 again.
    assert suppress_split({"a": 1, "b": 1, "c": 20, "d": 0}).values == {"a": "<5", "b": "<5", "c": SECONDARY, "d": 0}


def test_split_secondary_that_pins_is_followed_by_another():
    # a = 1 alone is pinned; hiding b = 5 gives a + b = 6 with b >= 5, so a = 1 still:
    # c = 20 is hidden too (a + b + c = 26, a in 1..4).
    assert suppress_split({"a": 1, "b": 5, "c": 20}).values == {"a": "<5", "b": SECONDARY, "c": SECONDARY}


def test_split_that_cannot_be_protected_is_withheld():
    # a + b = 6, b >= 5 means a = 1 whatever is hidden: the split is withheld, with a reason
    result = suppress_split({"a": 1, "b": 5})
    assert result.values is None and "terug te rekenen" in result.reason


def test_zero_and_large_cells_are_untouched():
    split = {"a": 0, "b": 7, "c": 12}
    assert suppress_split(split).values == split


def test_group_with_a_known_sum_is_protected_too():
    # Light sanctions (waarschuwing + blaam) shown as their own count 8: with blaam shown,
    # waarschuwing = 8 - 6. The group line pins waarschuwing; the smallest shown cell on a
    # line through it is geen (5) on the total line, still pinned by the group, then blaam.
    result = suppress_split({"geen": 5, "waarschuwing": 2, "blaam": 6, "afzetting": 0}, groups=[("waarschuwing", "blaam")])
    assert result.values == {"geen": SECONDARY, "waarschuwing": "<5", "blaam": SECONDARY, "afzetting": 0}


def test_nested_group_gives_away_the_rest():
    # total 5, heavy (afzetting) 0 exactly, light (w + b) = 3 exactly: geen = 5 - 3 - 0 = 2,
    # found only through the difference of the lines: nothing can be hidden instead, withheld.
    split = {"geen": 2, "waarschuwing": 2, "blaam": 1, "afzetting": 0}
    assert suppress_split(split, groups=[("waarschuwing", "blaam"), ("afzetting",)]).values is None
    # the light count shown as "<5" only says w + b is 1..4: geen in 5-4..5-2 = 1..3, safe
    assert suppress_split(split, groups=[Line(("waarschuwing", "blaam"), 1, 4), ("afzetting",)]).values == {
        "geen": "<5", "waarschuwing": "<5", "blaam": "<5", "afzetting": 0
    }


def test_monthly_series_hides_the_one_month_the_year_total_would_give_away():
    # Year total 31 known. March (3) alone would be 31 - 28; the smallest other month shown
    # (April, 7) is hidden too: March + April = 10, March in 1..4.
    series = pd.DataFrame({"klachten": [0, 12, 3, 7, 9]}, index=["jan", "feb", "mrt", "apr", "mei"])
    shown, reason = suppress_frame(series)
    assert reason is None
    assert shown["klachten"].tolist() == [0, 12, "<5", SECONDARY, 9]


def test_monthly_trend_is_protected_within_each_calendar_year():
    # Jan 2024 .. Feb 2025; known sums: the window, 2024 (a whole year) and 2025 up to Feb.
    # June 2024 (3) is "<5". The smallest other month is Feb 2025 (5): hidden as "x", it would
    # do if only the window's total were known, but the 2024 total still gives June = 2024's
    # total - the other 2024 months shown. So the smallest 2024 month (Apr, 7) is hidden too:
    # June + Apr = 10 with Apr >= 5 leaves June in 1..4. (Feb 2025 = 2025's total - Jan is
    # pinned, but it is a secondary cell of 5 or more: nothing small to give away.)
    months = [date(2024, m, 1) for m in range(1, 13)] + [date(2025, 1, 1), date(2025, 2, 1)]
    values = [12, 15, 11, 7, 14, 3, 10, 13, 16, 18, 11, 12, 20, 5]
    shown, reason = suppress_months(dict(zip(months, values)), 5)
    assert reason is None
    assert shown == dict(zip(months, [12, 15, 11, SECONDARY, 14, "<5", 10, 13, 16, 18, 11, 12, 20, SECONDARY]))


def test_quarterly_trend_knows_a_year_that_ends_with_october():
    # Quarters Q3 2023 .. Q1 2025: [6, 30 | 3, 10, 12, 20 | 25]. Known sums: the window; 2024
    # (Jan .. its last quarter, starting in October); 2025 up to Q1 (one quarter, 25); and by
    # subtraction the window without 2025, and 2023's two quarters (that minus 2024). 2023 does
    # not start in January: not a line of its own.
    # Q1 2024 (3) is "<5", pinned by 2024's total: the smallest other quarter, Q3 2023 (6), is
    # hidden; 2024's total still pins Q1 2024, so 2024's smallest other quarter (Q2, 10) is
    # hidden too: Q1 + Q2 = 13 with Q2 >= 5 leaves Q1 in 1..4.
    quarters = [date(2023, 7, 1), date(2023, 10, 1), date(2024, 1, 1), date(2024, 4, 1), date(2024, 7, 1),
                date(2024, 10, 1), date(2025, 1, 1)]
    shown, reason = suppress_months(dict(zip(quarters, [6, 30, 3, 10, 12, 20, 25])), 5)
    assert reason is None
    assert list(shown.values()) == [SECONDARY, 30, "<5", SECONDARY, 12, 20, 25]


def test_monthly_trend_withheld_when_a_year_total_pins_its_only_month():
    # 2025 holds one month (Jan, 2) and its total is known: Jan 2025 = 2 whatever is hidden.
    months = [date(2024, 11, 1), date(2024, 12, 1), date(2025, 1, 1)]
    shown, reason = suppress_months(dict(zip(months, [9, 8, 2])), 5)
    assert shown is None and "onder 5" in reason


def test_two_way_table_protects_rows_and_columns():
    # rows and columns totals known:      a   b
    #                              r0     0   7
    #                              r1     3   9
    #                              r2    12   8
    # r1a = 3 is primary. Worked out: hiding only r1b (row r1) is not enough since column b
    # gives r1b = 24 - 7 - 8; every cell except the 0 ends up hidden, and then r1a is 1..4.
    table = pd.DataFrame({"a": [0, 3, 12], "b": [7, 9, 8]}, index=["r0", "r1", "r2"])
    shown, reason = suppress_frame(table)
    assert reason is None
    assert shown.to_dict("index") == {
        "r0": {"a": 0, "b": SECONDARY},
        "r1": {"a": "<5", "b": SECONDARY},
        "r2": {"a": SECONDARY, "b": SECONDARY},
    }
    # then: r1a + r1b = 12, r1b + r2b = 17, r2a = 15 - r1a: r1a = 1..4 stays open


def test_protect_is_never_pinned_after_it_returns():
    # brute force on a small split: for every split of 4 cells with values 0..7, the shown
    # result leaves each "<5" cell at least two possible values given the total
    import itertools

    for cells in itertools.product(range(0, 8), repeat=4):
        values = dict(zip("abcd", cells))
        result = protect(values, [tuple(values)], 5)
        if result is None:
            continue
        primary, secondary = result
        total = sum(cells)
        shown_sum = sum(v for k, v in values.items() if k not in primary | secondary)
        # enumerate what a reader could believe: every assignment consistent with the markers
        options = [range(1, 5) if k in primary else range(5, total + 1) for k in sorted(primary | secondary)]
        seen = {k: set() for k in primary}
        for guess in itertools.product(*options):
            if sum(guess) + shown_sum == total:
                for k, g in zip(sorted(primary | secondary), guess):
                    if k in primary:
                        seen[k].add(g)
        assert all(len(s) >= 2 for s in seen.values()), (values, result)


# --- the KPI report ---------------------------------------------------------------------------

KPIS = {
    "complaints_received": 33,
    "complaints_closed": 29,
    "complaints_open": 3,
    "complaints_per_100_fte": 33 * 100 / 180,
    "complaints_founded_rate": 16 / 29,  # gegrond 6 + deels 10 of assessed 6 + 10 + 13
    "complaints_median_lead_days": 41.0,
    "complaints_within_norm_rate": 27 / 29,  # 2 of the 29 were late: hidden
    "complaints_overdue": 0,
    "complaints_by_category": {"bejegening": 3, "geweld": 10, "andere": 20},
    "complaints_by_outcome": {"gegrond": 6, "deels gegrond": 10, "ongegrond": 13, "bemiddeld": 0},
    "discipline_decided": 4,
    "discipline_median_lead_days": 200.0,
    "reports_received": 6,
    "reports_anonymous_rate": 0.5,  # 3 of 6: hidden
    "reports_violation_rate": 0.0,
    "actions_total": 3,  # actieplan: no persons, shown as is
    "actions_overdue": 1,
    "criteria_met": 2,
}


def test_suppress_report_dict_worked_by_hand():
    out = suppress_report(KPIS, {"reports_violation_rate": 2}, 5)
    assert out == {
        "complaints_received": 33,
        "complaints_closed": 29,
        "complaints_open": "<5",
        "complaints_per_100_fte": 33 * 100 / 180,  # on 33 complaints: shown
        "complaints_founded_rate": 16 / 29,  # base 29, 16 and 13: shown
        "complaints_median_lead_days": 41.0,  # base = complaints_closed 29
        "complaints_within_norm_rate": None,  # 29 - 27 = 2 late
        "complaints_overdue": 0,
        "complaints_by_category": {"bejegening": "<5", "geweld": SECONDARY, "andere": 20},
        "complaints_by_outcome": {"gegrond": 6, "deels gegrond": 10, "ongegrond": 13, "bemiddeld": 0},
        "discipline_decided": "<5",
        "discipline_median_lead_days": None,  # base discipline_decided 4
        "reports_received": 6,
        "reports_anonymous_rate": None,
        "reports_violation_rate": None,  # base 2 given by the engine
        "actions_total": 3,
        "actions_overdue": 1,
        "criteria_met": 2,
    }


def test_suppress_kpis_gives_reasons():
    _, reasons = suppress_kpis(KPIS, {}, 5)
    assert reasons["complaints_within_norm_rate"] == "Verborgen: zou een aantal onder 5 prijsgeven."
    assert reasons["discipline_median_lead_days"] == "Verborgen: berekend op minder dan 5 dossiers."
    assert reasons["reports_violation_rate"] == "Verborgen: de basis van dit cijfer is niet gekend."
    assert "actions_total" not in reasons


def test_founded_rate_makes_its_outcome_cells_a_known_sum():
    # rate shown = 10/20 with gegrond 2, deels 8, ongegrond 10: gegrond + deels = 10 known, so
    # gegrond = 10 - 8: deels gegrond is hidden as well.
    kpis = {"complaints_by_outcome": {"gegrond": 2, "deels gegrond": 8, "ongegrond": 10, "bemiddeld": 30},
            "complaints_founded_rate": 0.5}
    out = suppress_report(kpis, {}, 5)
    assert out["complaints_founded_rate"] == 0.5
    assert out["complaints_by_outcome"]["gegrond"] == "<5"
    assert out["complaints_by_outcome"]["deels gegrond"] == SECONDARY


def test_suppress_engine_report_hides_criterion_values_and_recounts():
    from kpis.criteria import CriterionResult, status_counts
    from kpis.engine import Report

    crit = [
        # hoogstens 1 late follow-up, gehaald with value 1: on "<5" gehaald means exactly 1
        CriterionResult("EC-1", "", "notes_followup_overdue", 1, 1.0, "hoogstens", "gehaald", None),
        # hoogstens 0, niet gehaald: 1..4 all fail it, the status gives nothing away
        CriterionResult("EC-2", "", "complaints_open", 3, 0.0, "hoogstens", "niet gehaald", None),
        CriterionResult("EC-3", "", "complaints_received", 33, 40.0, "hoogstens", "gehaald", None),
    ]
    kpis = {"notes_followup_overdue": 1, "complaints_open": 3, "complaints_received": 33, **status_counts(crit)}
    report = Report(year=2025, as_of=date(2025, 12, 31), kpis=kpis, criteria=crit, settings={})
    safe = suppress_report(report, 5)
    assert [(c.value, c.status) for c in safe.criteria] == [(None, "geen gegevens"), (None, "niet gehaald"), (33, "gehaald")]
    assert safe.criteria[0].problem.startswith("Aantal onder 5")
    assert (safe.kpis["criteria_met"], safe.kpis["criteria_not_met"], safe.kpis["criteria_no_data"]) == (1, 1, 1)
    assert safe.extra["suppression"]["threshold"] == 5
    assert report.kpis["notes_followup_overdue"] == 1  # the original is not changed
    assert dataclasses.replace(report) == report


def test_crosstab_keeps_the_hidden_totals_of_the_split_shown_beside_it():
    # Categories r0..r3 (24 complaints) split over two diensten. The category split alone:
    # {r0: 4, r1: 12, r2: 4, r3: 4} -> r0, r2, r3 "<5"; r1 = 24 - 12 would give their sum
    # (12 with each at most 4: all three pinned at 4), so r1 is hidden as "x".
    table = pd.DataFrame({"d0": [3, 6, 2, 1], "d1": [1, 6, 2, 3]}, index=["r0", "r1", "r2", "r3"])
    split = suppress_split(table.sum(axis=1).to_dict()).values
    assert split == {"r0": "<5", "r1": SECONDARY, "r2": "<5", "r3": "<5"}
    # Protected on its own (row totals taken as known), the table shows row r1 in full: 6 + 6
    # gives r1 = 12 back, and with it r0 = r2 = r3 = 4 through the split's total.
    alone, _ = suppress_frame(table)
    assert alone.loc["r1"].tolist() == [6, 6]
    # Protected together with the split as its row totals, one r1 cell is hidden too:
    # r1 = x + 6 with x >= 5 only says r1 >= 11, so r0 + r2 + r3 = 24 - r1 <= 13 and each of
    # them can again be anything from 1 to 4.
    shown, reason = suppress_crosstab(table, row_margins=split, column_margins=True)
    assert reason is None
    assert shown.loc["r1"].tolist() == [SECONDARY, 6]
    assert (shown.loc[["r0", "r2", "r3"]] == "<5").all().all()


def test_crosstab_with_a_withheld_split_and_known_margins():
    # A withheld split tells nothing about the row totals: (a, d1) = 3 is only "<5" then,
    # while with the row totals known (the default) row a = [3, 0] pins it: withheld.
    table = pd.DataFrame({"d1": [3, 5, 10], "d2": [0, 5, 10]}, index=["a", "b", "c"])
    assert suppress_crosstab(table)[0] is None
    shown, _ = suppress_crosstab(table, row_margins=None, column_margins=False)
    assert shown.loc["a"].tolist() == ["<5", 0]
