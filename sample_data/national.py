"""The national scale, for benchmarks: about 50,000 VTE over 10 years, about 1 M register rows,
written straight into an empty database through SQLAlchemy Core in chunks.

The rows come from the same life cycle as the zone sample (cases.py), vectorised with numpy, so
they satisfy every rule of registers.md. The national registers hold more rows per VTE than one
zone (federal units and every zone's own registers together): ROWS_PER_FTE_YEAR case rows, split
over the case registers in the zone's proportions, complaints the bulk.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import sqlalchemy as sa

from data_access.db import bump_data_version, is_empty
from data_access.registers import BY_NAME, REGISTERS
from data_access.schema import REGISTER_TABLES
from sample_data import cases as C, mark_as_sample, profile as P, texts as T
from sample_data.generate import criteria, generator, indicators

ROWS_PER_FTE_YEAR = 2.05  # case rows a VTE a year: about 1 M rows for 50,000 VTE over 10 years
CHUNK = 20_000


class NotEmpty(RuntimeError):
    """The target database already holds register rows (Dutch message)."""


def national_rates() -> dict[str, float]:
    """Case rows per VTE a year, per register."""
    total = sum(P.ZONE_RATES.values())
    return {name: ROWS_PER_FTE_YEAR * rate / total for name, rate in P.ZONE_RATES.items()}


def build_national(
    today: date, *, years: int = 10, fte: float = 50_000, seed: int = 2024
) -> dict[str, C.Columns | list[dict]]:
    """Columns per case register and action plan, rows for criteria and indicators."""
    first_year = today.year - years + 1
    rates = national_rates()
    staff = C.StaffPool(generator(seed, "national staff"), max(50, round(fte * 1.2)))

    def main_dates(rng, name, season=P.FLAT_SEASON, share=lambda year: 1.0):
        return C.event_days(rng, first_year, today, lambda year: rates[name] * fte * share(year), season)

    out: dict[str, C.Columns | list[dict]] = {}
    rng = generator(seed, "national klachten")
    received = main_dates(rng, "klachten", P.COMPLAINT_SEASON)
    out["klachten"] = C.complaints(rng, received, today, staff) | {"dossiernummer": C.numbers("KL", received, 6)}
    rng = generator(seed, "national functioneringsnotas")
    issued = main_dates(rng, "functioneringsnotas")
    out["functioneringsnotas"] = C.notes(rng, issued, today, staff) | {"nummer": C.numbers("FN", issued, 6)}
    rng = generator(seed, "national tuchtdossiers")
    opened = main_dates(rng, "tuchtdossiers")
    out["tuchtdossiers"] = C.dossiers(rng, opened, today, staff) | {"dossiernummer": C.numbers("TD", opened, 6)}
    rng = generator(seed, "national meldingen")
    received = main_dates(rng, "meldingen", share=P.report_share)
    out["meldingen"] = C.reports(rng, received, today) | {"nummer": C.numbers("ME", received, 6)}
    out["actieplan"] = _actions(generator(seed, "national actieplan"), today, first_year, years, fte)
    out["indicatoren"] = indicators(generator(seed, "national indicatoren"), today, first_year, fte)
    measured = {r["indicator"] for r in out["indicatoren"]}
    density = rates["klachten"] / P.ZONE_RATES["klachten"]
    out["evaluatiecriteria"] = criteria(
        generator(seed, "national evaluatiecriteria"), today, first_year, measured, fte, rate_scale=density
    )
    out["risicos"] = []  # a risk analysis is a zone's own: the benchmark reads no national one
    out["referenties"] = []  # the database's own (migration 0004)
    return out


def _actions(rng: np.random.Generator, today: date, first_year: int, years: int, fte: float) -> C.Columns:
    n = max(1, round(P.ACTIONS_PER_FTE_YEAR * fte * years))
    first = C.day(date(first_year, 1, 1))
    span = (C.day(today + timedelta(days=120)) - first).astype(int)
    start = np.sort(first + rng.integers(0, span, n))
    deadline = start + C.days_between(rng, 100, 420, n)
    status = C.action_status(rng, start, deadline, today)
    columns = C.actions(rng, rng.integers(0, len(T.ACTIONS), n), start, deadline, status, today)
    return columns | {"actie_id": C.numbers("A", start, 5)}


def write_national(
    engine: sa.Engine,
    *,
    years: int = 10,
    fte: float = 50_000,
    scale_factor: float = 1.0,
    today: date | None = None,
    seed: int = 2024,
) -> dict[str, int]:
    """Writes the national set (fte × scale_factor VTE) into an empty database in one
    transaction, marks it as sample data and bumps the data version. Returns rows per register.
    Raises NotEmpty when a register already holds rows."""
    today = today or date.today()
    with engine.begin() as conn:
        if not is_empty(conn):
            raise NotEmpty(
                "De databank bevat al gegevens; de nationale dataset wordt enkel in een lege databank geschreven."
            )
        data = build_national(today, years=years, fte=fte * scale_factor, seed=seed)
        counts = {}
        for register in REGISTERS:
            counts[register.name] = _insert(conn, register.name, data[register.name])
        mark_as_sample(conn)
        bump_data_version(conn)
    return counts


def row_count(data: C.Columns | list[dict]) -> int:
    return len(data) if isinstance(data, list) else len(next(iter(data.values())))


def _insert(conn: sa.Connection, name: str, data: C.Columns | list[dict]) -> int:
    table, columns = REGISTER_TABLES[name], BY_NAME[name].column_names
    size = row_count(data)
    if isinstance(data, list):
        if data:
            conn.execute(table.insert(), data)
        return size
    for begin in range(0, size, CHUNK):
        conn.execute(table.insert(), C.to_rows(data, columns, slice(begin, begin + CHUNK)))
    return size
