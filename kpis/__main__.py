"""Command line: python -m kpis report --year Y [--as-of jjjj-mm-dd] [--database-url URL] [--dienst X]

Prints the catalog's JSON object. Exit codes: 0 success, 2 usage error or unreachable database.
"""

from __future__ import annotations

import json
import sys

from data_access.cli import add_period_arguments, open_database
from i18n.cli import parser as cli_parser
from kpis.engine import compute_report


def main(argv: list[str] | None = None) -> int:
    parser = cli_parser(prog="python -m kpis", description="KPI's integriteitsbeleid")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("report", help="alle KPI's van een jaar als JSON")
    add_period_arguments(p)
    p.add_argument("--dienst", default=None, help="enkel deze dienst (klachten, nota's, dossiers)")
    args = parser.parse_args(argv)


    engine = open_database(args.database_url)
    if engine is None:
        return 2
    try:
        report = compute_report(engine, args.year, args.as_of, dienst=args.dienst)
    finally:
        engine.dispose()
    out = json.dumps(report.to_json_dict(), ensure_ascii=False, indent=2)
    sys.stdout.buffer.write(out.encode("utf-8") + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
