"""The alerts ("Vraagt aandacht") of a view, as a page shows them (kpis.alerts), cached on small keys.

    alert_view(access, filters, kinds=None, limit=None, urgent=0) -> AlertView: how many alerts
        of each kind, the first `limit` of `kinds` (kpis.alerts.Alert; None: all, 0: none), the
        `urgent` most urgent of them (kpis.alerts.urgency), their total and registers; for the
        netwerk view the counts per kind of the day's release only. A page asks for what it
        draws: st.cache_data hands every run a copy, and a large zone has thousands of alerts.
    KIND_ACK, KIND_FEEDBACK, KIND_FOLLOWUP, KIND_TERM: the kinds a page asks for (kpis.alerts)
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass

from dashboard.reads import data, errors
from dashboard.reads.cache import cached
from data_access.access import Access
from kpis.alerts import (  # noqa: F401  (the pages take the kinds from here)
    KIND_ACK,
    KIND_FEEDBACK,
    KIND_FOLLOWUP,
    KIND_TERM,
    KINDS,
    alerts as compute_alerts,
    carried_over,
    urgency,
)


@cached(max_entries=data.CACHE_ENTRIES)
def _alerts(url: str, version: int, as_of: dt.date, dienst: str | None, aggregated_only: bool, threshold: int):

    if not aggregated_only:
        return compute_alerts(data.engine_for(url), as_of, dienst=dienst)
    return None  # what is late is not in the netwerk view (kpis.disclosure.figures.LATE_COUNTS)


@dataclass(frozen=True)
class AlertView:
    """counts: {kind: number} for every kind of kpis.alerts.KINDS (for the netwerk view as the
    release shows them: None for a withheld kind). items: the alerts of the kinds asked
    (kpis.alerts.Alert, kind by kind, the most urgent first), at most `limit`; None for the
    netwerk view (alerts name a dossier). urgent: the most urgent of them across kinds
    (kpis.alerts.urgency), as many as asked. total: how many alerts of those kinds; registers: the registers they come from.
    carried_over: of the overdue actions counted, those of an earlier year's plan than the
    filters' year (kpis.alerts.carried_over)."""

    counts: dict | None
    items: list | None
    total: int
    registers: frozenset
    carried_over: int | None = None
    urgent: tuple = ()


@cached(max_entries=data.CACHE_ENTRIES)
def _alert_view(url, version, year, as_of, dienst, kinds: tuple | None, limit: int | None, urgent: int, aggregated_only,
                threshold) -> AlertView:
    if aggregated_only:
        release = data.release_today(url, version, threshold)
        return AlertView(release.alerts(year), None, 0, frozenset(), release.carried_over(year))
    result = _alerts(url, version, as_of, dienst, aggregated_only, threshold)
    counts = {kind: sum(1 for a in result if a.kind == kind) for kind in KINDS}
    chosen = [a for a in result if kinds is None or a.kind in kinds]
    return AlertView(counts, chosen if limit is None else chosen[:limit], len(chosen), frozenset(a.register for a in chosen),
                     sum(carried_over(a, year) for a in result), tuple(heapq.nsmallest(urgent, chosen, key=urgency)))


def alert_view(access: Access, filters, kinds=None, limit: int | None = None, urgent: int = 0) -> AlertView:
    """What is late at the filters' reference date as the page shows it (AlertView)."""
    filters = data.effective_filters(access, filters)
    with errors.database_guard():
        return _alert_view(*data.cache_key(), filters.year, filters.as_of, filters.dienst, tuple(kinds) if kinds else None,
                           limit, urgent, *data.view_key(access))
