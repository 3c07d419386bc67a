"""Which views a role may see on a given day (pure: "today" is passed in, never read here).

A view without the action "choose_reference_date" (role netwerk, screen-share mode, the
anonymised export) sees each year Y at exactly one reference date: 31/12/Y, or today for the
current year (kpis.engine.default_as_of). Two dates in one year would let a reader subtract
the counts of one from the other: the same day a year ago beside the whole of last year gives
back last year's last weeks, and on 30/12 a single day. So the comparison with last year is
the whole of last year beside a whole year, and nothing beside the running year.

A view without "filter_dienst" is zone-wide: per-dienst counts beside the zone's give a small
one away by subtraction. Time series for such a view are per quarter only (months beside
quarters and years let a hidden month be recomputed).
"""

from __future__ import annotations

from datetime import date

from kpis.dates import add_months
from kpis.engine import default_as_of

MONTHS_PER_PERIOD_AGGREGATED = 3  # the netwerk view's time series: per quarter


def fixed_as_of(year: int, today: date) -> date:
    """The one reference date a view without "choose_reference_date" sees year Y at."""
    return default_as_of(year, today)


def allowed_view(access, year: int, as_of: date | None, dienst: str | None, today: date | None = None):
    """The (as_of, dienst) that `access` (data_access.access.Access) may see for year Y, whatever
    a page or URL asked: without "choose_reference_date" the one date of fixed_as_of, without
    "filter_dienst" zone-wide (dienst None); otherwise as asked. The dashboard's reads
    (dashboard.reads.data.effective_filters) and the export apply it."""
    today = today or date.today()
    chosen = as_of if access.allows("choose_reference_date") and as_of is not None else fixed_as_of(year, today)
    return chosen, (dienst if access.allows("filter_dienst") else None)


def comparison_as_of(year: int, as_of: date, *, fixed: bool, today: date | None = None) -> date | None:
    """The reference date of last year that year Y at `as_of` is compared with: the same day a
    year earlier; for a view on fixed dates (fixed=True) the whole of last year, and None (no
    comparison) while Y is not over, since Y up to today beside a whole year is no comparison."""
    today = today or date.today()
    if not fixed:
        return add_months(as_of, -12)
    return date(year - 1, 12, 31) if fixed_as_of(year, today) == date(year, 12, 31) else None


def months_per_period(aggregated_only: bool) -> int:
    """1 (per month) for a full view, 3 (per quarter) for the netwerk view."""
    return MONTHS_PER_PERIOD_AGGREGATED if aggregated_only else 1
