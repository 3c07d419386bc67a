"""Command line: python -m sample_data {ensure,workbook,national} ...

  ensure    [--database-url URL]    loads the zone sample when the database is empty (first run)
  workbook  OUT.xlsx [--today D]    writes the zone sample as a workbook
  national  --database-url URL ...  writes about 1 M rows straight into an empty database
Exit codes: 0 success, 1 refused (messages printed), 2 unreachable database.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from data_access.db import PROJECT_ROOT, DatabaseUnavailable, connect, describe_url, is_empty
from data_access.demo import SAMPLE_USER, mark_as_sample
from data_access.importer import import_workbook
from data_access.registers import REGISTERS
from i18n.cli import parser as cli_parser
from sample_data.generate import build_sample
from sample_data.national import NotEmpty, write_national
from sample_data.workbook import write_workbook


def main(argv: list[str] | None = None) -> int:
    parser = cli_parser(prog="python -m sample_data", description="Fictieve voorbeeldgegevens")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ensure", help="voorbeeldgegevens laden als de databank leeg is")
    p.add_argument("--database-url")
    p.add_argument("--workbook", type=Path, default=None, help="waar de werkmap komt (standaard data/voorbeeldgegevens.xlsx)")

    p = sub.add_parser("workbook", help="de voorbeeldgegevens als Excel-werkmap schrijven")
    p.add_argument("out")
    p.add_argument("--today", type=_date, default=None, help="peildatum jjjj-mm-dd (standaard: vandaag)")
    p.add_argument("--seed", type=int, default=2024)

    p = sub.add_parser("national", help="een nationale dataset (±1 miljoen rijen) in een lege databank schrijven")
    p.add_argument("--database-url", required=True)
    p.add_argument("--years", type=_positive(int), default=10)
    p.add_argument("--fte", type=_positive(int), default=50_000)
    p.add_argument("--scale-factor", type=_positive(float), default=1.0, help="bv. 0.001 voor een kleine set")
    p.add_argument("--today", type=_date, default=None, help="peildatum jjjj-mm-dd (standaard: vandaag)")
    p.add_argument("--seed", type=int, default=2024)

    args = parser.parse_args(argv)

    try:
        if args.command == "ensure":
            return ensure(args.database_url, args.workbook)
        if args.command == "workbook":
            return _workbook(args.out, args.today or date.today(), args.seed)
        if args.command == "national":
            return _national(args)
    except DatabaseUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 2


def ensure(database_url: str | None = None, workbook_path: Path | None = None) -> int:
    """First run: migrates the database and, only when no register holds a row, writes the zone
    sample for today to a workbook (default data/voorbeeldgegevens.xlsx), loads it through the
    importer and marks the database as a sample database."""

    engine = connect(database_url)
    try:
        with engine.connect() as conn:
            if not is_empty(conn):
                print(f"De databank bevat al gegevens ({describe_url(engine.url)}); er worden geen voorbeeldgegevens geladen.")
                return 0
        rows = build_sample(date.today())
        path = write_workbook(workbook_path or PROJECT_ROOT / "data" / "voorbeeldgegevens.xlsx", rows)
        report = import_workbook(engine, path, user=SAMPLE_USER)
        if not report.ok:
            print("De voorbeeldgegevens konden niet geladen worden:", file=sys.stderr)
            for error in report.errors:
                print(f"  {error}", file=sys.stderr)
            return 1
        with engine.begin() as conn:
            mark_as_sample(conn)
        print(f"Voorbeeldgegevens geladen in {describe_url(engine.url)} (werkmap: {path}):")
        _print_counts({name: len(rs) for name, rs in rows.items()})
        return 0
    finally:
        engine.dispose()


def _workbook(out: str, today: date, seed: int) -> int:
    rows = build_sample(today, seed)
    write_workbook(Path(out), rows)
    print(f"Werkmap met voorbeeldgegevens geschreven: {out} (peildatum {today:%d/%m/%Y}):")
    _print_counts({name: len(rs) for name, rs in rows.items()})
    return 0


def _national(args) -> int:
    engine = connect(args.database_url)
    try:
        started = time.perf_counter()
        counts = write_national(
            engine,
            years=args.years,
            fte=args.fte,
            scale_factor=args.scale_factor,
            today=args.today or date.today(),
            seed=args.seed,
        )
    except NotEmpty as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    seconds = time.perf_counter() - started
    print(f"Nationale dataset geschreven in {describe_url(engine.url)} in {_number(seconds, 1)} s:")
    _print_counts(counts)
    return 0


def _print_counts(counts: dict[str, int]) -> None:
    for register in REGISTERS:
        print(f"  {register.label:<34} {_number(counts.get(register.name, 0)):>10}")
    print(f"  {'totaal':<34} {_number(sum(counts.values())):>10}")


def _number(value: float, decimals: int = 0) -> str:
    """Dutch notation: thousands with a dot, decimal comma."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _positive(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if value <= 0:
            raise argparse.ArgumentTypeError(f"'{text}' is geen positief getal")
        return value

    return parse


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen datum in de vorm jjjj-mm-dd") from None


if __name__ == "__main__":
    sys.exit(main())
