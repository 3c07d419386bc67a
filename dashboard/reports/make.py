"""Makes a report as PDF bytes: checks the role, reads the netwerk release of today, lays the
report out (document.py) and records it in the audit log (action "export": which report, for
whom, by whom), all in one transaction. The one function behind the page and the command line.

Who may: the roles with "make_reports" (data_access.access: korpsleiding and the
integriteitscoördinator, not while sharing their screen: that mode keeps only the anonymised
workbook)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from dashboard.export.content import DEFAULT_ZONE, action_items
from dashboard.export.workbook import local_now, zone_name
from dashboard.reports import authorities, document, staff
from dashboard.reports.periods import Period, period_problem
from data_access import audit
from data_access.access import Access
from data_access.settings import ADDRESSEES, load_cover_letter, load_settings
from i18n import N_, _, current, language
from kpis.disclosure.release import netwerk_release

STAFF, AUTHORITIES = "staff", "authorities"
# What the audit log stores (in Dutch, as every audit detail); shown with _().
KINDS = {STAFF: N_("feedback aan alle medewerkers"), AUTHORITIES: N_("rapportage aan de overheden")}
STAFF_AUDIENCE = N_("alle medewerkers")


def file_name(kind: str, period: Period, addressee: str | None = None) -> str:
    """'integriteit_2025_feedback_medewerkers.pdf', 'integriteit_2025-Q3_rapportage_comite-p.pdf'
    (in the current language: 'integrite_2025_retour_personnel.pdf')."""
    if kind == STAFF:
        return _("integriteit_{period}_feedback_medewerkers.pdf").format(period=period.code)
    return _("integriteit_{period}_rapportage_{addressee}.pdf").format(period=period.code, addressee=addressee)


def build_report(engine: Engine | sa.Connection, access: Access, kind: str, period: Period, *, addressee: str | None = None,
                 zone: str | None = None, made_at: dt.datetime | None = None, today: dt.date | None = None,
                 name: str | None = None, lang: str | None = None) -> bytes:
    """The PDF, in `lang` ("nl" or "fr", default the current language: its texts, numbers,
    dates, charts, metadata and, unless the coordinator wrote one, the cover letter; the
    figures are the same in both). Raises AccessDenied for a role that may not, ValueError for a
    period not over yet, a staff report that is not for a whole year, or an unknown addressee
    (their messages in that language)."""
    with language(lang or current()):
        return _build_checked(engine, access, kind, period, addressee, zone, made_at, today, name)


def _build_checked(engine, access, kind, period, addressee, zone, made_at, today, name) -> bytes:
    access.require("make_reports")
    today = today or dt.date.today()
    problem = period_problem(period, today)
    if problem:
        raise ValueError(problem)
    if kind == STAFF and period.months != 12:
        raise ValueError(_("De terugkoppeling aan de medewerkers is er voor een heel jaar."))
    if kind == AUTHORITIES and addressee not in ADDRESSEES:
        raise ValueError(_("Kies de geadresseerde: {choices}.").format(choices=", ".join(ADDRESSEES)))
    if isinstance(engine, sa.Connection):
        return _build(engine, access, kind, period, addressee, zone, made_at, today, name)
    with engine.begin() as conn:
        return _build(conn, access, kind, period, addressee, zone, made_at, today, name)


def _build(conn, access, kind, period, addressee, zone, made_at, today, name) -> bytes:
    settings = load_settings(conn)
    release = netwerk_release(conn, today, int(settings["suppression_threshold"]))
    zone = zone or zone_name(conn)
    zone = _(DEFAULT_ZONE) if zone == DEFAULT_ZONE else zone  # no name set: 'Politiezone' / 'Zone de police'
    made_at = made_at or local_now()
    if kind == STAFF:
        year = period.first.year
        report = release.report(year)
        actions = action_items(conn, year, report.as_of if report else dt.date(year, 12, 31), settings, anonymised=True)
        html = document.staff_html(staff.gather(release, year, actions, zone=zone, made_at=made_at))
        audience = STAFF_AUDIENCE
    else:
        letter = load_cover_letter(conn, addressee)
        content = authorities.gather(release, period, zone=zone, addressee=addressee, letter=letter, settings=settings,
                                     made_at=made_at, made_by=access.user)
        html = document.authorities_html(content)
        audience = ADDRESSEES[addressee]
    data = document.to_pdf(html)
    audit.record(conn, access, "export", {
        "soort": KINDS[kind], "periode": period.code, "voor": audience,
        "bestand": name or file_name(kind, period, addressee),
    })
    return data
