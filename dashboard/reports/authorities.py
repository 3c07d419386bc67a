"""The periodic report to the authorities (policy plan §3.1.4.4): the number of klachten,
formal functioneringsnota's, ordemaatregelen and initiated tucht- and gerechtelijke dossiers
of a period, beside the period before and the same period a year earlier; the terms kept in
the period's year; a cover letter for its addressee. Every figure is the netwerk release's
(kpis.disclosure.release.Release.period): the same whoever the addressee is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dashboard.reports.figures import NOT_AVAILABLE, shown
from dashboard.reports.periods import Period
from dashboard.style.formatting import HIDDEN
from i18n import N_, _
from kpis.catalog import BY_ID, definition, label
from kpis.disclosure.figures import PERIOD_FIGURES
from kpis.disclosure.release import Release

# The terms of the catalog kept, per year: the legal ones of the law of 8 December 2022 on
# meldingen, and the zone's norm for klachten.
TERM_RATES = ("reports_ack_in_time_rate", "reports_feedback_in_time_rate", "complaints_within_norm_rate")
TERM_LABELS = {
    "reports_ack_in_time_rate": N_("Meldingen: ontvangst bevestigd binnen {report_ack_days} dagen (wet van 8 december 2022)"),
    "reports_feedback_in_time_rate": N_("Meldingen: terugkoppeling binnen {report_feedback_months} maanden (wet van 8 december 2022)"),
    "complaints_within_norm_rate": N_("Klachten: afgehandeld binnen de norm van {complaint_norm_days} dagen"),
}
TUCHT_TERM_NOTE = N_("Niet in de geaggregeerde cijfers: het gaat telkens om de laatste dossiers van het register, "
                     "zodat een klein aantal terug te rekenen zou zijn. De korpsleiding volgt deze termijn maandelijks op.")
TUCHT_TERM = N_("Tuchtdossiers: inleidend verslag binnen {discipline_limit_months} maanden na kennisname "
                "(tuchtwet van 13 mei 1999, art. 56)")
NOT_MENTIONED = N_("niet vermeld")


@dataclass
class FigureRow:
    kpi_id: str
    label: str  # in the report's language, as are all texts here
    definition: str
    values: list[str]  # the period, then each comparison, as shown


@dataclass
class TermRow:
    label: str
    values: list[str]  # per year: share kept, as shown, or the reason it is not shown
    note: str | None = None


@dataclass
class AuthoritiesReport:
    zone: str
    period: Period
    columns: list[Period]  # the period, then its comparisons
    addressee: str  # a key of ADDRESSEES
    letter: str
    figures: list[FigureRow]
    term_years: list[int]
    terms: list[TermRow]
    threshold: int
    made_at: dt.datetime
    made_by: str

    @property
    def title(self) -> str:
        return _("Rapportage integriteit {period} — {zone}").format(period=self.period.label, zone=self.zone)


def gather(release: Release, period: Period, *, zone: str, addressee: str, letter: str, settings: dict,
           made_at: dt.datetime, made_by: str) -> AuthoritiesReport:
    """The report's content, its texts in the current language."""
    columns = [period, *period.comparisons()]
    figures = [
        FigureRow(kpi_id, label(BY_ID[kpi_id]), definition(BY_ID[kpi_id]),
                  [_period_value(release, kpi_id, p) for p in columns])
        for kpi_id in PERIOD_FIGURES
    ]
    years = [period.first.year, period.first.year - 1]
    terms = []
    for rate_id in TERM_RATES:
        values = []
        for year in years:
            report = release.report(year)
            if report is None:
                values.append(_(NOT_AVAILABLE))
            else:
                value = report.kpis.get(rate_id)
                values.append(shown(value, "rate") if value is not None else _rate_reason(report, rate_id))
        terms.append(TermRow(_(TERM_LABELS[rate_id]).format(**settings), values))
    terms.append(TermRow(_(TUCHT_TERM).format(**settings), [_(NOT_MENTIONED)] * len(years), _(TUCHT_TERM_NOTE)))
    return AuthoritiesReport(zone, period, columns, addressee, letter, figures, years, terms,
                             release.threshold, made_at, made_by)


def _period_value(release: Release, kpi_id: str, period: Period) -> str:
    if period.first.year not in release.years:
        return _(NOT_AVAILABLE)
    return shown(release.period(kpi_id, period.first, period.months))


def _rate_reason(report, rate_id: str) -> str:
    reason = (report.extra or {}).get("suppression", {}).get("reasons", {}).get(rate_id)
    return _(HIDDEN) if reason else _(NOT_AVAILABLE)
