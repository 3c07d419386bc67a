"""Open meldingen against the legal terms of the law of 8 December 2022 (acknowledgement within
report_ack_days, feedback within report_feedback_months), as counts, cached on small keys.

The meldingen are those kpis.alerts lists at the reference date (every year, zone-wide): not yet
acknowledged (within the term or late) and feedback due within kpis.alerts.FEEDBACK_NEAR_DAYS
days or late. Not for the netwerk view (None): a melding waiting a few days for its
acknowledgement is one of the last received (kpis.disclosure.figures.LATE_COUNTS).

    term_counts(access, filters) -> {cell: int | '<N' | 'x'} | None     cells of CELLS
    cells(settings) -> {cell: (label, help)}   in the current language
"""

from __future__ import annotations

import datetime as dt

from dashboard.reads import data, errors
from dashboard.reads.cache import cached
from data_access.access import Access
from i18n import _
from kpis import alerts as alerts_mod
from kpis.alerts import FEEDBACK_NEAR_DAYS, TERM_CELLS

ACK_OPEN, ACK_LATE, FEEDBACK_NEAR, FEEDBACK_LATE = TERM_CELLS


def cells(settings: dict) -> dict[str, tuple[str, str]]:
    """{cell: (label, help)} in the order shown, with the norms of the settings, in the current
    language."""
    ack, months, near = settings["report_ack_days"], settings["report_feedback_months"], FEEDBACK_NEAR_DAYS
    return {
        ACK_OPEN: (
            _("Nog te bevestigen, binnen termijn"),
            _("Meldingen zonder ontvangstbevestiging (en zonder terugkoppeling) waarvan de termijn van {ack} dagen "
              "na ontvangst op de peildatum nog loopt.").format(ack=ack),
        ),
        ACK_LATE: (
            _("Ontvangstbevestiging te laat"),
            _("Meldingen zonder ontvangstbevestiging (en zonder terugkoppeling) waarvan de termijn van {ack} dagen "
              "na ontvangst op de peildatum verstreken is.").format(ack=ack),
        ),
        FEEDBACK_NEAR: (
            _("Terugkoppeling binnen {days} dagen").format(days=near),
            _("Meldingen zonder terugkoppeling waarvan de termijn (ontvangstbevestiging, of ontvangst + {ack} dagen, "
              "+ {months} maanden) binnen {days} dagen na de peildatum verstrijkt.").format(ack=ack, months=months, days=near),
        ),
        FEEDBACK_LATE: (
            _("Terugkoppeling te laat"),
            _("Meldingen zonder terugkoppeling waarvan de termijn (ontvangstbevestiging, of ontvangst + {ack} dagen, "
              "+ {months} maanden) op de peildatum verstreken is.").format(ack=ack, months=months),
        ),
    }


@cached(max_entries=data.CACHE_ENTRIES)
def _term_counts(url: str, version: int, as_of: dt.date, aggregated_only: bool, threshold: int):
    if aggregated_only:  # not in the netwerk view (kpis.disclosure.figures says why)
        return None
    return alerts_mod.term_counts(alerts_mod.alerts(data.engine_for(url), as_of))


def term_counts(access: Access, filters) -> dict | None:
    """The four counts at the filters' reference date, as the access may see it
    (data.effective_filters: the netwerk view's default date); suppressed for the netwerk view
    (None: withheld)."""
    as_of = data.effective_filters(access, filters).as_of
    with errors.database_guard():
        return _term_counts(*data.cache_key(), as_of, *data.view_key(access))
