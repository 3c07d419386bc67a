"""Benchmark: importing a 100,000-row Klachten workbook against a bare pandas read of it.

Target (issue 7): import_workbook <= 2 x pd.read_excel(engine="calamine"). Run:
    PYTHONPATH=. .venv/bin/python bench/import_speed.py [ROWS]
The workbook is built once (openpyxl, about 25 s for 100,000 rows) and kept in the temp folder.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import pandas as pd

from data_access.db import connect
from data_access.importer import import_workbook
from data_access.registers import KLACHTEN


def build(path: Path, rows: int) -> None:
    rng = random.Random(7)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Klachten")
    ws.append([c.header for c in KLACHTEN.columns])
    channels, categories = KLACHTEN.column("kanaal").values, KLACHTEN.column("categorie").values
    for i in range(rows):
        received = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(3000))
        closed = rng.random() < 0.7
        ws.append([
            f"KL-{i:07d}", received, rng.choice(channels), rng.choice(categories),
            rng.choice(["Interventie", "Verkeer", "Onthaal", "Recherche"]),
            "afgesloten" if closed else "in behandeling",
            received + dt.timedelta(days=rng.randrange(90)) if closed else None,
            rng.choice(["gegrond", "ongegrond", "bemiddeld"]) if closed else None,
            rng.choice([None, "geen", "gesprek"]), f"Medewerker {rng.randrange(9999):04d}", f"omschrijving {i}",
        ])
    wb.save(path)


def timed(label: str, fn) -> float:
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    print(f"{label:<40} {seconds:6.2f} s")
    return seconds


def main(rows: int = 100_000) -> None:
    path = Path(tempfile.gettempdir()) / f"bench_klachten_{rows}.xlsx"
    if not path.exists():
        timed(f"werkmap bouwen ({rows} rijen)", lambda: build(path, rows))
    base = timed("pd.read_excel(engine='calamine')", lambda: pd.read_excel(path, engine="calamine", sheet_name=None))
    with tempfile.TemporaryDirectory() as folder:
        engine = connect(f"sqlite:///{folder}/bench.sqlite")
        dry = timed("import_workbook, proef (lezen + controle)", lambda: import_workbook(engine, path, user="bench", dry_run=True))
        first = timed("import_workbook, eerste keer (SQLite)", lambda: import_workbook(engine, path, user="bench"))
        again = timed("import_workbook, opnieuw (niets gewijzigd)", lambda: import_workbook(engine, path, user="bench"))
        engine.dispose()
    print(f"verhouding tot read_excel: proef {dry / base:.2f}x, eerste {first / base:.2f}x, opnieuw {again / base:.2f}x "
          "(doel: <= 2x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
