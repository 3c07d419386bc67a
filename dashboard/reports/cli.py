"""The reports on the command line (python -m dashboard.export --format pdf --report ...):

    python -m dashboard.export --year 2025 --format pdf --report staff [--out bestand.pdf]
    python -m dashboard.export --year 2025 --format pdf --report authorities --period 2025-Q3 --addressee comite-p

Exit codes, as for the workbook: 0 written, 1 refused (the role may not make it), 2 bad input
(a period not over yet or not written as asked, the output file), usage or unreachable database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.reports.make import AUTHORITIES, KINDS, STAFF, build_report, file_name
from dashboard.reports.periods import parse_period
from data_access.access import AccessDenied
from data_access.cli import open_database, output_problem
from data_access.settings import ADDRESSEES
from i18n import _, language, shown


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--report", choices=(STAFF, AUTHORITIES), default=None,
                        help="met --format pdf: staff (feedback aan alle medewerkers) of authorities (rapportage aan de overheden)")
    parser.add_argument("--period", default=None, help="rapportage aan de overheden: jjjj-Q1..Q4, jjjj-H1/H2 of jjjj (standaard het jaar)")
    parser.add_argument("--addressee", choices=tuple(ADDRESSEES), default="burgemeester",
                        help="rapportage aan de overheden: voor wie de begeleidende brief is (standaard burgemeester)")


def run(args: argparse.Namespace, access_for) -> int:
    """`access_for(conn, user)`: who runs the command (dashboard.export.cli_access). The report
    and the messages in the language of --lang."""
    with language(args.lang):
        return _run(args, access_for)


def _run(args: argparse.Namespace, access_for) -> int:
    if args.report is None:
        print(_("Kies met --report welk rapport: staff of authorities."), file=sys.stderr)
        return 2
    try:
        period = parse_period(args.period if args.report == AUTHORITIES else None, args.year)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    addressee = args.addressee if args.report == AUTHORITIES else None
    out = Path(args.out or file_name(args.report, period, addressee))
    problem = output_problem(out, ".pdf")
    if problem:
        print(problem, file=sys.stderr)
        return 2
    engine = open_database(args.database_url)
    if engine is None:
        return 2
    try:
        with engine.connect() as conn:
            access = access_for(conn, args.user)
        data = build_report(engine, access, args.report, period, addressee=addressee, zone=args.zone, name=out.name)
    except AccessDenied as exc:
        print(_("Rapport geweigerd voor {user} ({role}): {reason}").format(user=access.user, role=_(access.role_label), reason=shown(exc.args[0])),
              file=sys.stderr)
        return 1
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    out.write_bytes(data)
    print(_("{report} {period} geschreven: {file} ({size} kB).").format(
        report=_(KINDS[args.report]).capitalize(), period=period.label, file=out, size=len(data) // 1024))
    return 0
