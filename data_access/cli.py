"""What the report command lines share (python -m kpis report, python -m dashboard.export): the
period and the database as arguments, with Dutch messages for a wrong value, and the engine or
the reason it cannot be reached.

    add_period_arguments(parser)          --year jjjj (required), --as-of jjjj-mm-dd, --database-url
    add_lang_argument(parser, what)       --lang nl|fr (default nl)
    open_database(url) -> Engine | None   the migrated engine; None with the Dutch reason on stderr
                                          (the command then exits with 2)
    output_problem(out, suffix) -> str | None   why a command cannot write `out` (wrong suffix,
                                          missing folder), in the current language; None if it can
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from sqlalchemy.engine import Engine

from data_access.db import DatabaseUnavailable, connect
from i18n import DEFAULT, LANGUAGES, _


def year_argument(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"'{text}' is geen geldig jaar (gebruik jjjj)")
    return int(text)


def date_argument(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen geldige datum (gebruik jjjj-mm-dd)") from None


def add_lang_argument(parser: argparse.ArgumentParser, what: str = "taal") -> None:
    """--lang nl|fr (default nl): the language of what a command writes or says."""
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT, help=f"{what}: nl (standaard) of fr")


def add_period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=year_argument, required=True, help="het jaar (jjjj)")
    parser.add_argument("--as-of", type=date_argument, default=None, help="peildatum jjjj-mm-dd (standaard 31/12 of vandaag)")
    parser.add_argument("--database-url", default=None)


def open_database(url: str | None) -> Engine | None:
    try:
        return connect(url)
    except DatabaseUnavailable as exc:
        print(str(exc), file=sys.stderr)
        return None


def output_problem(out: Path, suffix: str) -> str | None:
    """Why a command cannot write the file `out` ending in `suffix` (".pdf", ".xlsx"), or None."""
    if out.suffix.lower() != suffix:
        return _("Het uitvoerbestand moet op {suffix} eindigen: {file}").format(suffix=suffix, file=out)
    if not out.absolute().parent.is_dir():
        return _("De map {folder} bestaat niet.").format(folder=out.parent)
    return None
