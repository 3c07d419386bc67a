"""Belgian formats for everything the dashboard shows, in the current language (i18n.current()).

Dutch: dates dd/mm/jjjj, a decimal comma, a thousands dot, percentages as "45,5 %", days as
"12 dagen". French (fr_BE): the same dates, a decimal comma, narrow no-break spaces between
thousands (1 234,5), "12 jours". Numbers go through Babel (i18n.format_number), which gives the
Dutch text this module always gave, byte for byte (tests/test_i18n.py). A missing value (None,
NaN) reads "geen gegevens". A string is passed through unchanged: that is how a suppressed count
("<5") or an already formatted value reaches the screen.
"""

from __future__ import annotations

import datetime as dt
import math
from numbers import Number
from zoneinfo import ZoneInfo

import pandas as pd

from i18n import N_, _, current, format_number, month_name

NO_DATA = N_("geen gegevens")
HIDDEN = N_("verborgen")  # a value the netwerk view does not show (no bar, no number); shown with _()

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
MONTHS_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def is_missing(value) -> bool:
    if value is None:
        return True
    try:
        if value is pd.NaT or value is pd.NA:
            return True
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    return isinstance(value, float) and math.isnan(value)


def fmt_number(value, decimals: int = 0) -> str:
    """1234567.891 -> '1.234.567,9' with decimals=1; integers keep no decimals by default."""
    if is_missing(value):
        return _(NO_DATA)
    if isinstance(value, str):
        return _(HIDDEN) if value == HIDDEN else value  # the marker of a withheld value, in words
    # Half away from zero, as people round (45,25 -> 45,3), on the shortest decimal repr; no '-0,0'.
    return format_number(value, current(), decimals)


def fmt_int(value) -> str:
    return fmt_number(value, 0)


def fmt_decimal(value, decimals: int = 1) -> str:
    """A number with at most `decimals` decimals, trailing zeros dropped: 12.0 -> '12', 12.5 -> '12,5'."""
    if is_missing(value) or isinstance(value, str):
        return fmt_number(value)
    text = fmt_number(value, decimals)
    if "," in text:  # both languages write a decimal comma
        text = text.rstrip("0").rstrip(",")
    return text


def fmt_percent(value, decimals: int = 1) -> str:
    """A value on the 0-100 scale (as registers store pct): 45.5 -> '45,5 %'."""
    if is_missing(value) or isinstance(value, str):
        return fmt_number(value)
    return f"{fmt_decimal(value, decimals)}\u00a0%"


def fmt_rate(value, decimals: int = 1) -> str:
    """A fraction between 0 and 1 (as KPIs give rates): 0.455 -> '45,5 %'."""
    if is_missing(value) or isinstance(value, str):
        return fmt_number(value)
    return fmt_percent(float(value) * 100, decimals)


def fmt_days(value, decimals: int = 1) -> str:
    """12 -> '12 dagen', 1 -> '1 dag', 12.5 -> '12,5 dagen'."""
    if is_missing(value) or isinstance(value, str):
        return fmt_number(value)
    text = fmt_decimal(value, decimals)
    unit = _("dag") if text == "1" else _("dagen")
    return f"{text} {unit}"


def fmt_date(value) -> str:
    """A date or datetime -> 'dd/mm/jjjj'."""
    if is_missing(value):
        return _(NO_DATA)
    if isinstance(value, str):
        return value
    return value.strftime("%d/%m/%Y")


def fmt_datetime(value, *, from_utc: bool = False) -> str:
    """A datetime -> 'dd/mm/jjjj HH:MM'. from_utc=True: a naive UTC time (as the audit and
    import logs store it) is shown in Belgian time."""
    if is_missing(value):
        return _(NO_DATA)
    if isinstance(value, str):
        return value
    if from_utc:
        value = to_local(value)
    return value.strftime("%d/%m/%Y %H:%M")


def to_local(value: dt.datetime) -> dt.datetime:
    """Naive UTC -> naive Europe/Brussels time."""

    aware = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value
    return aware.astimezone(ZoneInfo("Europe/Brussels")).replace(tzinfo=None)


def month_label(value: dt.date, *, short: bool = True) -> str:
    """date(2025, 3, 1) -> 'mrt 2025' (short) or 'maart 2025'; in French 'mars 2025'. The month
    names are CLDR's (Babel), the same as MONTHS and MONTHS_SHORT in Dutch."""
    return f"{month_name(value.month, current(), short=short)} {value.year}"


def fmt_delta(value, unit: str) -> str | None:
    """The difference between two KPI values, signed: '+3', '-2,5 dagen', '+4 procentpunt',
    '0'. None when it cannot be computed (a missing or suppressed value)."""
    if is_missing(value) or isinstance(value, str) or not isinstance(value, Number):
        return None
    if value == 0:
        return "0"  # st.metric shows the string "0" as a grey, arrowless zero
    sign = "+" if value > 0 else "-"
    magnitude = abs(value)
    if unit == "rate":
        points = _("procentpunt")
        body = f"{fmt_decimal(magnitude * 100, 1)} {points}"
    elif unit == "days":
        body = fmt_days(magnitude)
    elif unit == "count":
        body = fmt_int(magnitude)
    else:
        body = fmt_decimal(magnitude, 1)
    return f"{sign}{body}"


def fmt_value(value, unit: str) -> str:
    """One value by its unit: 'count', 'rate' (fraction), 'percent' (0-100), 'days', 'per_fte'
    or any other number (one decimal at most), 'date'.
    This is what every KPI card, table and label uses, so a unit reads the same everywhere."""
    formatter = {
        "count": fmt_int,
        "rate": fmt_rate,
        "percent": fmt_percent,
        "days": fmt_days,
        "date": fmt_date,
    }.get(unit, fmt_decimal)
    return formatter(value)
