"""How the reports write a figure of the release: a count, a marker ("<5", "x"), or nothing,
in the current language."""

from __future__ import annotations

from dashboard.style.formatting import HIDDEN, NO_DATA, fmt_value
from i18n import _
from kpis.disclosure.markers import is_suppressed

NOT_AVAILABLE = NO_DATA  # what a report prints where a figure does not exist (shown with _())


def shown(value, unit: str = "count") -> str:
    """int -> '27', marker -> '<5' or 'x', None -> 'verborgen'."""
    if value is None or value == HIDDEN:
        return _(HIDDEN)
    if is_suppressed(value):
        return str(value)
    return fmt_value(value, unit)


def legend(threshold: int) -> str:
    """What the markers mean, for the foot of a table."""
    return _("<{n}: minder dan {n} (maar niet nul), niet precies vermeld zodat niemand herkenbaar is. "
             "x: verborgen, omdat anders een klein aantal terug te rekenen is. "
             "{hidden}: niet vermeld om dezelfde reden.").format(n=threshold, hidden=_(HIDDEN))
