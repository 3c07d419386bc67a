"""The yearly evaluation workbook (policy plan §5 and §3.1.4.4), full or anonymised.

    python -m dashboard.export --year 2025 [--as-of 2025-12-31] [--anonymised] --out jaar2025.xlsx
                               [--database-url URL] [--user NAME] [--zone "PZ Schoten"]

`build_workbook` is the one function behind the command line and the app's download buttons
(pages/export.py). It checks the permission (data_access.access: "export_full" for the full
version, "export_anonymised" for the other; the netwerk role and screen-share mode only get the
anonymised one), gathers the content (dashboard.export.content, with the same suppression as
the screen-share view for the anonymised version), writes the sheets (dashboard.export.sheets)
and records the export in the audit log. This module never imports streamlit.

Exit codes of the command: 0 written, 1 refused (the role may not export), 2 bad input (year,
reference date, output file), usage or unreachable database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from dashboard.export.content import DEFAULT_ZONE, VERSION_ANONYMISED, VERSION_FULL, gather
from dashboard.export.sheets import write_workbook
from dashboard.style.formatting import to_local
from data_access import audit, xlsx_writer as xw
from data_access.access import Access, AccessDenied
from data_access.cli import add_lang_argument, add_period_arguments, open_database, output_problem
from data_access.settings import load_zone_name
from data_access.users import role_for_email
from i18n import NP_, _, current, language, pgettext, shown
from i18n.cli import parser as cli_parser
from kpis.disclosure.policy import allowed_view, fixed_as_of
from kpis.engine import default_as_of

ZONE_ENV = "DASHBOARD_ZONE"
# In the file name (pgettext "file name"); the audit log keeps the Dutch word.
KIND_FULL, KIND_ANONYMISED = NP_("file name", "volledig"), NP_("file name", "geanonimiseerd")


def zone_name(conn: sa.Connection) -> str:
    """The zone's name for the cover: as saved on the Instellingen page, else $DASHBOARD_ZONE,
    else 'Politiezone' (content.DEFAULT_ZONE, the cover then says no name is set)."""

    return load_zone_name(conn) or os.environ.get(ZONE_ENV, "").strip() or DEFAULT_ZONE


def export_file_name(year: int, as_of: dt.date | None, *, anonymised: bool) -> str:
    """'jaarevaluatie_integriteit_2025_geanonimiseerd.xlsx' (with the reference date when it is
    not 31/12: 'jaarevaluatie_integriteit_2025_tot_20250630_volledig.xlsx'), in the current
    language."""
    kind = pgettext("file name", KIND_ANONYMISED if anonymised else KIND_FULL)
    until = "" if as_of is None or as_of == dt.date(year, 12, 31) else _("_tot_{date}").format(date=f"{as_of:%Y%m%d}")
    return _("jaarevaluatie_integriteit_{year}{until}_{kind}.xlsx").format(year=year, until=until, kind=kind)


def last_complete_year(today: dt.date | None = None) -> int:
    """The last year that has ended: the year before today's, or this year on 31/12."""
    today = today or dt.date.today()
    return today.year if (today.month, today.day) == (12, 31) else today.year - 1


def period_problem(year: int, as_of: dt.date | None) -> str | None:
    """A sentence (current language) when the year or reference date cannot make a yearly
    export, else None."""
    if not 1900 <= year <= 9998:
        return _("Ongeldig jaar: {year}. Geef een jaar van vier cijfers, bv. 2025.").format(year=year)
    if as_of is not None and as_of < dt.date(year, 1, 1):
        return _("De peildatum {date} valt vóór het jaar {year}: kies een peildatum in of na {year}.").format(
            date=f"{as_of:%d/%m/%Y}", year=year)
    return None


def effective_as_of(access: Access, year: int, as_of: dt.date | None, *, anonymised: bool) -> dt.date:
    """The reference date an export uses. The anonymised version goes to every member of staff:
    like the netwerk view it has one reference date per year (31/12 of Y, today for the
    current year: kpis.disclosure.policy.fixed_as_of), since two versions a day apart would
    show a single dossier. The full version: the date asked, if the role may choose one
    (kpis.disclosure.policy.allowed_view, as the screen applies it)."""

    if anonymised:
        return fixed_as_of(year, dt.date.today())
    return allowed_view(access, year, as_of or default_as_of(year), None)[0]


def local_now() -> dt.datetime:
    """Now in Belgian time, naive (as a spreadsheet shows it)."""

    return to_local(audit.utcnow())


def build_workbook(
    engine: Engine | sa.Connection,
    access: Access,
    year: int,
    as_of: dt.date | None = None,
    *,
    anonymised: bool,
    user: str | None = None,
    zone: str | None = None,
    file_name: str | None = None,
    made_at: dt.datetime | None = None,
    lang: str | None = None,
) -> bytes:
    """The workbook as xlsx bytes. `user` is the maker's name on the cover (default
    access.user); `zone` the zone's name (default: zone_name()); `file_name` goes to the
    audit row (default: export_file_name). Raises AccessDenied (Dutch message) when the role,
    in its current mode, may not make this version; the netwerk view (role netwerk or
    screen-share mode) can only make the anonymised one. Every export is recorded in the audit
    log (action "export") in the same transaction as its reads. Raises ValueError (Dutch) for
    a year or reference date that cannot make an export (period_problem). The reference date
    used is effective_as_of: the anonymised version always has a default one. `lang` ("nl" or
    "fr", default the current language): the language of the sheets, headings, labels and notes;
    the figures are the same in both."""
    with language(lang or current()):
        return _build_checked(engine, access, year, as_of, anonymised, user, zone, file_name, made_at)


def _build_checked(engine, access, year, as_of, anonymised, user, zone, file_name, made_at) -> bytes:
    access.require("export_anonymised" if anonymised else "export_full")
    problem = period_problem(year, as_of)
    if problem:
        raise ValueError(problem)
    as_of = effective_as_of(access, year, as_of, anonymised=anonymised)
    if isinstance(engine, sa.Connection):
        return _build(engine, access, year, as_of, anonymised, user, zone, file_name, made_at)
    with engine.begin() as conn:
        return _build(conn, access, year, as_of, anonymised, user, zone, file_name, made_at)


def _build(conn, access, year, as_of, anonymised, user, zone, file_name, made_at) -> bytes:
    content = gather(
        conn,
        access,
        year,
        as_of,
        anonymised=anonymised,
        zone=zone or zone_name(conn),
        made_by=user or access.user,
        made_at=made_at or local_now(),
    )
    data = xw.to_bytes(write_workbook(content))
    audit.record(
        conn,
        access,
        "export",
        {
            "soort": KIND_ANONYMISED if anonymised else KIND_FULL,
            "jaar": year,
            "peildatum": content.as_of.isoformat(),
            "geanonimiseerd": anonymised,
            "bestand": file_name or export_file_name(year, content.as_of, anonymised=anonymised),
        },
    )
    return data


# --- command line -------------------------------------------------------------------------------


def cli_access(conn: sa.Connection, user: str | None) -> Access:
    """Who runs the command: `user` (default: the system user). A name known in the users
    table gets its role there; anyone else at the server's console is trusted as the
    integriteitscoördinator, as for an import from the command line."""


    name = (user or "").strip()
    if not name:
        try:
            name = getpass.getuser()
        except Exception:  # pragma: no cover - no user name in the environment
            name = "onbekend"
    return Access(user=name, role=role_for_email(conn, name) or "integriteitscoordinator")


def parser() -> argparse.ArgumentParser:
    """The command line's arguments (dashboard/export/__main__.py adds those of the reports)."""
    parser = cli_parser(prog="python -m dashboard.export", description="Jaarexport integriteitsbeleid (Excel) en rapporten (PDF)")
    add_period_arguments(parser)
    parser.add_argument("--format", choices=("xlsx", "pdf"), default="xlsx", help="xlsx: de jaarexport; pdf: een rapport (--report)")
    parser.add_argument("--anonymised", action="store_true", help="geanonimiseerde versie voor alle medewerkers")
    parser.add_argument("--out", default=None, help="het bestand om te schrijven (.xlsx; voor een rapport .pdf, standaard een naam in deze map)")
    parser.add_argument("--user", default=None, help="naam voor het voorblad en het auditlogboek (standaard: de systeemgebruiker)")
    parser.add_argument("--zone", default=None, help=f"naam van de politiezone (standaard: de naam in Instellingen, anders ${ZONE_ENV} of '{DEFAULT_ZONE}')")
    add_lang_argument(parser, "taal van de werkmap en de meldingen")
    return parser


def run(args: argparse.Namespace) -> int:
    """The workbook of the parsed command line (--format xlsx), in the language of --lang."""
    with language(args.lang):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    if args.out is None:
        print(_("Geef met --out het Excel-bestand (.xlsx) om te schrijven."), file=sys.stderr)
        return 2
    out = Path(args.out)
    problem = period_problem(args.year, args.as_of) or output_problem(out, ".xlsx")
    if problem:
        print(problem, file=sys.stderr)
        return 2

    engine = open_database(args.database_url)
    if engine is None:
        return 2
    try:
        with engine.connect() as conn:
            access = cli_access(conn, args.user)
        data = build_workbook(
            engine, access, args.year, args.as_of, anonymised=args.anonymised, zone=args.zone, file_name=out.name
        )
    except AccessDenied as exc:
        print(_("Export geweigerd voor {user} ({role}): {reason}").format(user=access.user, role=_(access.role_label), reason=shown(exc.args[0])),
              file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    out.write_bytes(data)
    version = _(VERSION_ANONYMISED if args.anonymised else VERSION_FULL)
    print(_("Jaarexport {year} ({version}) geschreven: {file} ({size} kB).").format(
        year=args.year, version=version, file=out, size=len(data) // 1024))
    return 0

