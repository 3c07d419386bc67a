"""Command line: python -m kpis report --year Y [--as-of jjjj-mm-dd] [--database-url URL] [--dienst X]

Prints the catalog's JSON object. Exit codes: 0 success, 2 usage error or unreachable database.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen geldige datum (gebruik jjjj-mm-dd)") from None


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"'{text}' is geen geldig jaar (gebruik jjjj)")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kpis", description="KPI's integriteitsbeleid")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("report", help="alle KPI's van een jaar als JSON")
    p.add_argument("--year", type=_year, required=True, help="het jaar (jjjj)")
    p.add_argument("--as-of", type=_date, default=None, help="peildatum jjjj-mm-dd (standaard 31/12 of vandaag)")
    p.add_argument("--database-url", default=None)
    p.add_argument("--dienst", default=None, help="enkel deze dienst (klachten, nota's, dossiers)")
    args = parser.parse_args(argv)

    from data_access.db import DatabaseUnavailable, connect
    from kpis.engine import compute_report

    try:
        engine = connect(args.database_url)
    except DatabaseUnavailable as exc:
        print(str(exc), file=sys.stderr)
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
