"""The periods of the report to the authorities: a quarter ("2025-Q3"), a half year ("2025-H1")
or a year ("2025"), each with the period before it and the same period a year earlier."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from i18n import N_, _, format_date
from kpis.dates import add_months

_PATTERN = re.compile(r"^\s*(\d{4})(?:-(Q[1-4]|H[12]))?\s*$", re.IGNORECASE)
# A period's name per number of months and part (French writes '1er trimestre', '2e trimestre').
_LABELS = {
    3: (N_("1e kwartaal {year}"), N_("2e kwartaal {year}"), N_("3e kwartaal {year}"), N_("4e kwartaal {year}")),
    6: (N_("1e halfjaar {year}"), N_("2e halfjaar {year}")),
}


@dataclass(frozen=True)
class Period:
    first: date
    months: int  # 3, 6 or 12

    @property
    def last(self) -> date:
        return add_months(self.first, self.months) - timedelta(days=1)

    @property
    def code(self) -> str:
        """'2025-Q3', '2025-H1' or '2025' (as the command line takes it)."""
        if self.months == 12:
            return str(self.first.year)
        part = "Q" if self.months == 3 else "H"
        return f"{self.first.year}-{part}{(self.first.month - 1) // self.months + 1}"

    @property
    def label(self) -> str:
        """'3e kwartaal 2025', '1e halfjaar 2025', '2025' (in the current language: '3e trimestre 2025')."""
        if self.months == 12:
            return str(self.first.year)
        return _(_LABELS[self.months][(self.first.month - 1) // self.months]).format(year=self.first.year)

    def before(self) -> Period:
        return Period(add_months(self.first, -self.months), self.months)

    def year_earlier(self) -> Period:
        return Period(self.first.replace(year=self.first.year - 1), self.months)

    def comparisons(self) -> list[Period]:
        """The period before and the same period a year earlier (for a year: one and the same)."""
        return [self.before()] if self.months == 12 else [self.before(), self.year_earlier()]


def parse_period(text: str | None, year: int) -> Period:
    """'2025-Q3', '2025-H2' or '2025' (None: the year `year`). ValueError (current language) otherwise, or
    when the period is not in `year`."""
    match = _PATTERN.match(text or str(year))
    if not match:
        raise ValueError(_("Ongeldige periode: {text}. Schrijf bv. {year}-Q3 (kwartaal), {year}-H1 (halfjaar) of {year} (jaar).")
                         .format(text=repr(text), year=year))
    y, part = int(match.group(1)), (match.group(2) or "").upper()
    if y != year:
        raise ValueError(_("De periode {period} valt niet in het jaar {year}.").format(period=text, year=year))
    if not part:
        return Period(date(y, 1, 1), 12)
    months = 3 if part[0] == "Q" else 6
    return Period(date(y, 1 + (int(part[1]) - 1) * months, 1), months)


def period_problem(period: Period, today: date) -> str | None:
    """A sentence (current language) when the period is not over yet (its figures would still change)."""
    if period.last >= today:
        return _("De periode {period} is nog niet voorbij (tot {date}): het rapport geldt enkel voor een afgelopen "
                 "periode.").format(period=period.label, date=format_date(period.last))
    return None


def choices(year: int, today: date) -> list[Period]:
    """The periods of `year` that are over on `today`, the latest first (a year before its
    second half, a half before its last quarter)."""
    options = [Period(date(year, m, 1), 3) for m in (1, 4, 7, 10)] + [Period(date(year, m, 1), 6) for m in (1, 7)]
    options.append(Period(date(year, 1, 1), 12))
    return sorted((p for p in options if p.last < today), key=lambda p: (p.last, p.months), reverse=True)
