"""Calendar arithmetic of kpi-catalog.md: calendar months with month-end clamping.

`add_months(31/01/2025, 3)` is 30/04/2025 and `add_months(30/11/2023, 3)` is 29/02/2024: a day that
does not exist in the target month becomes that month's last day.
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta


def add_months(day: date, months: int) -> date:
    """`day` plus `months` calendar months, clamped to the target month's last day."""
    return day + relativedelta(months=months)


def latest_base(limit: date, months: int) -> date:
    """The latest day `b` with `add_months(b, months) <= limit`.

    `add_months` never decreases when its day increases, so `add_months(b, m) <= limit` holds
    exactly for `b <= latest_base(limit, m)`: a term "base + m months" can then be tested in SQL
    as a plain date comparison on the base column, the same on SQLite and PostgreSQL.
    """
    base = add_months(limit, -months)
    # Clamping can map a few later days (29, 30, 31) onto the same month end: take them too.
    while add_months(base + timedelta(days=1), months) <= limit:
        base += timedelta(days=1)
    return base
