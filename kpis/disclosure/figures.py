"""Every count the netwerk view can show on one day, and what a reader knows ties them together.

One `System` per day holds, for each year the view may choose (from the first year with rows up
to today's, each at its one reference date, kpis.disclosure.policy) and for every register with
persons:
- the KPI report's counts and the cells of its splits;
- the two parts of each rate (the rows it counts and the rest of its base): a rate shown with its
  base gives both back;
- the splits of the rows dated in the year by a register column that the pages show
  (COLUMN_SPLITS), the year's rows per quarter;
- the figures of the periodic report to the authorities (policy plan §3.1.4.4, PERIOD_FIGURES)
  per quarter and per half year: tucht and gerechtelijke dossiers opened, ordemaatregelen, and
  the klachten and nota's of the quarters above, each half the sum of its two quarters. Not what is late at D (LATE_COUNTS, the alerts
  per kind, the open meldingen per term): see LATE_COUNTS;
  Not the klachten per lead-time or age bin: with the card of those past the norm and the
  quarters, the days between two dates let a reader pin a small count (found by
  tests/test_netwerk_promise.py), so the netwerk view does not show them;
- the relations a reader can use: a split adds up to its total, the quarters of a year to the
  year's rows, a part card to its values, a rate's parts to its base, open klachten at the end of
  a year to those of the year before plus those received minus those closed, and the rows a rate
  counts are among a split's cell (inequalities).
Keys are tuples: ("kpi", Y, id), ("cell", Y, id, value), ("part", Y, rate id, "num" | "rest"),
("col", Y, register, column, value), ("quarter", register, first day), ("total", Y, register),
("rest", Y, what), ("base", Y, rate id), ("alert", Y, kind), ("half", name, first day).
Rests and bases are never shown; every other key is.
kpis.disclosure.protect decides what is shown; kpis.disclosure.release hands it to pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa

from data_access.registers import BY_NAME, HEAVY_SANCTIONS, LIGHT_SANCTIONS
from data_access.schema import REGISTER_TABLES
from kpis import risicos, series as series_mod
from kpis.catalog import BY_ID
from kpis.disclosure.policy import fixed_as_of
from kpis.disclosure.solver import Constraint
from kpis.engine import Report, compute_report
from kpis.klachten import ASSESSED, FOUNDED
from kpis.meldingen import CONCLUSIVE, VIOLATION
from kpis.tucht import JUDICIAL_KINDS, TUCHT_KINDS

# Registers about persons: what the netwerk view protects. The action plan, the criteria and the
# risk analysis hold no person (the risk register names processes and functions, registers.md
# §8): their counts are shown as they are. None of their counts enters a relation with a count
# of a case register (a risk names actions, never a dossier), so showing them in full tells a
# reader nothing about a hidden count; the System holds them apart (`risks`), unprotected.
CASE_REGISTERS = ("klachten", "functioneringsnotas", "tuchtdossiers", "meldingen")
EXEMPT_REGISTERS = frozenset({"actieplan", "evaluatiecriteria", "risicos"})

# Splits of the rows dated in a year by a register column, as pages show them (dashboard.reads.splits.split_counts).
COLUMN_SPLITS = {
    "functioneringsnotas": ("aanleiding", "status"),
    "meldingen": ("uitkomst", "kanaal", "status", "anoniem"),
}

# Each split's total card, and the cards that count some of its values.
SPLIT_CARDS = {
    "complaints_by_category": ("complaints_received", ()),
    "complaints_by_channel": ("complaints_received", ()),
    "complaints_by_outcome": ("complaints_closed", ()),
    "notes_by_theme": ("notes_issued", ()),
    "sanctions_by_type": ("discipline_decided", (("sanctions_light", LIGHT_SANCTIONS), ("sanctions_heavy", HEAVY_SANCTIONS))),
    "discipline_by_category": (None, ()),
    "reports_by_category": ("reports_received", ()),
}
# The splits of the rows dated in the year (their cells add up to the year's total), and the
# register column each splits by.
MAIN_SPLITS = {
    "complaints_by_category": "categorie",
    "complaints_by_channel": "kanaal",
    "notes_by_theme": "thema",
    "discipline_by_category": "categorie",
    "reports_by_category": "categorie",
}
MAIN_COUNT = {"klachten": "complaints_received", "functioneringsnotas": "notes_issued", "meldingen": "reports_received"}
LOOSE = -(10**9)  # the lower end of an inequality "at most"

# What is late at D (past a norm or a legal term): for the korpsleiding's monthly review, not for
# the netwerk. Each is one of the last few cases of its register, and beside the quarters and
# the other years' counts the days between two dates let a reader pin it (found by
# tests/test_netwerk_promise.py): the netwerk view shows none of them, nor the alerts per kind.
LATE_COUNTS = frozenset({"complaints_overdue", "notes_followup_overdue", "discipline_limit_at_risk"})

# The counts of policy plan §3.1.4.4 that the periodic report to the authorities gives per
# quarter, half year or year: KPI id -> the name of its ("quarter", name, day) and ("half", name,
# day) keys. Klachten and nota's are their registers' quarters; the others are added here.
PERIOD_FIGURES = {
    "complaints_received": "klachten",
    "notes_issued": "functioneringsnotas",
    "discipline_opened": "discipline_opened",
    "judicial_opened": "judicial_opened",
    "order_measures": "order_measures",
}


@dataclass
class System:
    """The counts of one day and the relations among them (see the module docstring)."""

    today: date
    years: list[int]
    values: dict = field(default_factory=dict)  # {key: int}
    shown: set = field(default_factory=set)  # keys a page or an export shows (the others are not)
    relations: list = field(default_factory=list)  # kpis.disclosure.solver.Constraint
    rates: dict = field(default_factory=dict)  # {(Y, rate id): (num key, rest key)}
    reports: dict = field(default_factory=dict)  # {Y: the KPI report, as computed}
    risks: dict = field(default_factory=dict)  # {Y: kpis.risicos.RiskAnalysis at Y's reference date}, exempt

    def add(self, key, value: int, *, shown: bool = True) -> None:
        self.values[key] = int(value)
        if shown:
            self.shown.add(key)

    def equal(self, plus: Iterable, minus: Iterable = (), lo: int = 0, hi: int = 0) -> None:
        """sum(plus) - sum(minus) lies in [lo, hi]."""
        terms = tuple((k, 1) for k in plus) + tuple((k, -1) for k in minus)
        if terms:
            self.relations.append(Constraint(terms, lo, hi))

    def at_most(self, part: Iterable, whole: Iterable) -> None:
        self.equal(part, whole, LOOSE, 0)

    def rest(self, key, total_key, keys: list) -> None:
        """A cell for the rows `total_key` counts outside `keys`, with the relation."""
        self.add(key, self.values[total_key] - sum(self.values[k] for k in keys), shown=False)
        self.equal([*keys, key], [total_key])


def build(conn: sa.Connection, today: date, first_year: int) -> System:
    """The System of `today` for the years first_year .. today's year."""
    years = list(range(min(first_year, today.year), today.year + 1))
    system = System(today=today, years=years)
    for year in years:
        as_of = fixed_as_of(year, today)
        report = compute_report(conn, year, as_of)
        system.reports[year] = report
        system.risks[year] = risicos.analysis(conn, as_of, report.settings)
        _report_figures(system, year, report)
        _column_splits(conn, system, year, as_of)
    _quarters(conn, system)
    _dossier_quarters(conn, system)
    _halves(system)
    _open_flow(system)
    _date_bounds(system)
    return system


def _report_figures(system: System, year: int, report: Report) -> None:
    bases = (report.extra or {}).get("bases", {})
    for kpi_id, value in report.kpis.items():
        kdef = BY_ID.get(kpi_id)
        if kdef is None or kdef.register in EXEMPT_REGISTERS or value is None or kpi_id in LATE_COUNTS:
            continue
        if kdef.unit == "count":
            system.add(("kpi", year, kpi_id), value)
        elif kdef.unit == "split":
            for v, n in value.items():
                system.add(("cell", year, kpi_id, v), n)
    for register in CASE_REGISTERS:  # the rows dated in Y (a card, or the sum of a main split)
        count_id = MAIN_COUNT.get(register)
        total = ("total", year, register)
        if count_id:  # shown as the count per year (sparklines), equal to the card
            system.add(total, report.kpis[count_id])
            system.equal([total], [("kpi", year, count_id)])
        else:
            system.add(total, sum(report.kpis["discipline_by_category"].values()))
    for split_id, (total_id, parts) in SPLIT_CARDS.items():
        cells = [("cell", year, split_id, v) for v in report.kpis[split_id]]
        if split_id in MAIN_SPLITS:
            register = BY_ID[split_id].register
            system.rest(("rest", year, split_id), ("total", year, register), cells)
        elif total_id:
            system.rest(("rest", year, split_id), ("kpi", year, total_id), cells)
        for card_id, values in parts:
            system.equal([("cell", year, split_id, v) for v in values], [("kpi", year, card_id)])
    _rates(system, year, report, bases)


def _rates(system: System, year: int, report: Report, bases: dict) -> None:
    """Each rate's rows and the rest of its base, with what ties them to other figures."""
    for kpi_id, value in report.kpis.items():
        kdef = BY_ID.get(kpi_id)
        if kdef is None or kdef.register in EXEMPT_REGISTERS or kdef.unit != "rate":
            continue
        base = bases.get(kpi_id)
        if base is None:
            continue
        num = 0 if value is None else round(value * base)
        keys = (("part", year, kpi_id, "num"), ("part", year, kpi_id, "rest"))
        system.add(keys[0], num, shown=False)
        system.add(keys[1], base - num, shown=False)
        system.add(("base", year, kpi_id), base, shown=False)
        system.equal(keys, [("base", year, kpi_id)])
        system.rates[(year, kpi_id)] = keys
    founded = system.rates.get((year, "complaints_founded_rate"))
    if founded is not None:  # gegrond and deels gegrond of the assessed, among the outcome cells
        system.equal([founded[0]], [("cell", year, "complaints_by_outcome", v) for v in FOUNDED])
        system.equal([founded[1]], [("cell", year, "complaints_by_outcome", v) for v in ASSESSED if v not in FOUNDED])
    for kpi_id, total_id in (("complaints_within_norm_rate", "complaints_closed"), ("reports_anonymous_rate", "reports_received")):
        if (year, kpi_id) in system.rates:
            system.equal([("base", year, kpi_id)], [("kpi", year, total_id)])


def _column_splits(conn, system: System, year: int, as_of: date) -> None:
    for register, columns in COLUMN_SPLITS.items():
        total = ("total", year, register)
        for column in columns:
            counts = _split(conn, register, year, as_of, column)
            cells = [("col", year, register, column, v) for v in counts]
            for key, n in zip(cells, counts.values()):
                system.add(key, n)
            system.rest(("rest", year, register, column), total, cells)
    keys = system.rates.get((year, "reports_anonymous_rate"))
    if keys is not None:
        system.equal([keys[0]], [("col", year, "meldingen", "anoniem", True)])
        system.equal([keys[1]], [("col", year, "meldingen", "anoniem", False)])
    keys = system.rates.get((year, "reports_violation_rate"))
    if keys is not None:  # closed meldingen with a conclusive outcome: among the cells of both splits
        uitkomst = lambda v: ("col", year, "meldingen", "uitkomst", v)  # noqa: E731
        afgesloten = ("col", year, "meldingen", "status", "afgesloten")
        total = ("total", year, "meldingen")
        for part, outcome in ((keys[0], [uitkomst(VIOLATION)]), (keys[1], [uitkomst(v) for v in CONCLUSIVE if v != VIOLATION])):
            system.at_most([part], outcome)
            # and at least the outcome's meldingen minus those not closed (total - afgesloten)
            system.equal([*outcome, afgesloten], [part, total], LOOSE, 0)
        system.at_most(list(keys), [afgesloten])


def _split(conn, register: str, year: int, as_of: date, column: str) -> dict:
    """{value: rows dated in Y known at D} for every value of the column (register order)."""
    frame = series_mod.counts_by(conn, register, year, as_of, [column])
    values: list[str | bool] = [*BY_NAME[register].column(column).values] or [True, False]
    counts = {v: 0 for v in values}
    for v, n in zip(frame[column], frame["count"]):
        if v in counts:
            counts[v] += int(n)
    return counts


def quarter_start(day: date) -> date:
    return date(day.year, day.month - (day.month - 1) % 3, 1)


def _quarters(conn, system: System) -> None:
    """The rows of each register per quarter of its main date, up to today, from the first
    year; the quarters of a year add up to the year's rows."""
    first = date(system.years[0], 1, 1)
    for register in CASE_REGISTERS:
        frame = series_mod.monthly(conn, register, first, system.today)
        counts: dict[date, int] = {}
        for month, n in zip(frame["month"], frame["count"]):
            start = quarter_start(month.date() if hasattr(month, "date") else month)
            counts[start] = counts.get(start, 0) + int(n)
        for start, n in counts.items():
            system.add(("quarter", register, start), n)
        for year in system.years:
            system.equal([("quarter", register, q) for q in counts if q.year == year], [("total", year, register)])


def _dossier_quarters(conn, system: System) -> None:
    """Tucht and gerechtelijke dossiers opened, and ordemaatregelen, per quarter of year Y, each
    row counted as the KPI of Y counts it at Y's reference date: the quarters of Y add up to the
    year's card. A row both tucht and gerechtelijk is one row of the register's quarter: the
    two quarters together are that quarter plus the rows that are both (not shown)."""
    t = REGISTER_TABLES["tuchtdossiers"]
    order = sa.func.coalesce(t.c.ordemaatregel, "geen") != "geen"
    for year in system.years:
        d = fixed_as_of(year, system.today)
        start = date(year, 1, 1)
        rows = conn.execute(
            sa.select(t.c.soort, t.c.datum_opening, t.c.datum_ordemaatregel, order.label("order"))
            .where(t.c.datum_opening <= d, sa.or_(t.c.datum_opening >= start, t.c.datum_ordemaatregel >= start))
        ).all()
        counts: dict = {}
        for soort, opened, ordered, has_order in rows:
            opened, ordered = _as_date(opened), _as_date(ordered)
            if start <= opened <= d:
                q = quarter_start(opened)
                for name, kinds in (("discipline_opened", TUCHT_KINDS), ("judicial_opened", JUDICIAL_KINDS)):
                    if soort in kinds:
                        counts[(name, q)] = counts.get((name, q), 0) + 1
                if soort in TUCHT_KINDS and soort in JUDICIAL_KINDS:
                    counts[("both", q)] = counts.get(("both", q), 0) + 1
            if has_order and ordered is not None and start <= ordered <= d:
                q = quarter_start(ordered)
                counts[("order_measures", q)] = counts.get(("order_measures", q), 0) + 1
        quarters = [q for q in (date(year, m, 1) for m in (1, 4, 7, 10)) if q <= d]
        for name in ("discipline_opened", "judicial_opened", "order_measures"):
            for q in quarters:
                system.add(("quarter", name, q), counts.get((name, q), 0))
            system.equal([("quarter", name, q) for q in quarters], [("kpi", year, name)])
        for q in quarters:
            total = ("quarter", "tuchtdossiers", q)
            if total not in system.values:
                system.add(total, 0)
            both = ("rest", q, "tucht en gerechtelijk")
            system.add(both, counts.get(("both", q), 0), shown=False)
            system.equal([("quarter", "discipline_opened", q), ("quarter", "judicial_opened", q)], [total, both])
            system.at_most([both], [("quarter", "discipline_opened", q)])
            system.at_most([both], [("quarter", "judicial_opened", q)])
            # an ordemaatregel is taken in a dossier opened by D
            system.at_most([("quarter", "order_measures", q)], _quarters_within(system, "tuchtdossiers", date(system.years[0], 1, 1), d))


def _as_date(value):
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def half_start(day: date) -> date:
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def _halves(system: System) -> None:
    """Each half year of the PERIOD_FIGURES: the sum of its quarters (up to today)."""
    for name in PERIOD_FIGURES.values():
        quarters: dict = {}
        for key in [k for k in system.values if k[0] == "quarter" and k[1] == name]:
            quarters.setdefault(half_start(key[2]), []).append(key)
        for start, keys in quarters.items():
            system.add(("half", name, start), sum(system.values[k] for k in keys))
            system.equal(keys, [("half", name, start)])


def _open_flow(system: System) -> None:
    """Open klachten at the end of a year = open at the end of the year before + received in
    the year - closed in the year (before the first year there are none)."""
    for year in system.years:
        plus = [("kpi", year, "complaints_received")]
        if year != system.years[0]:
            plus.append(("kpi", year - 1, "complaints_open"))
        system.equal(plus, [("kpi", year, "complaints_open"), ("kpi", year, "complaints_closed")])


def _quarters_within(system: System, register: str, start: date, end: date) -> list:
    """The quarter keys of `register` whose days meet [start, end]."""
    keys = [k for k in system.values if k[0] == "quarter" and k[1] == register]
    return [k for k in keys if k[2] <= end and _quarter_end(k[2]) >= start]


def _quarter_end(first: date) -> date:
    nxt = date(first.year + (first.month == 10), 1 if first.month == 10 else first.month + 3, 1)
    return nxt - timedelta(days=1)


def _date_bounds(system: System) -> None:
    """What the dates give a reader, as inequalities: open klachten at D were received on or
    before D (the quarters up to D); tucht decisions are of dossiers opened this year or before."""
    first = date(system.years[0], 1, 1)
    for year in system.years:
        d = fixed_as_of(year, system.today)
        system.at_most([("kpi", year, "complaints_open")], _quarters_within(system, "klachten", first, d))
        so_far = [y for y in system.years if y <= year]
        system.at_most([("kpi", year, "discipline_decided")], [("kpi", y, "discipline_opened") for y in so_far])


def first_year(conn: sa.Connection, today: date) -> int:
    """The first year with a row dated in a register with persons (today's year if none)."""
    years = [today.year]
    for register in CASE_REGISTERS:
        column = REGISTER_TABLES[register].c[BY_NAME[register].main_date or ""]  # a register with persons has one
        low = conn.execute(sa.select(sa.func.min(column))).scalar()
        if low is not None:
            years.append(low.year if hasattr(low, "year") else int(str(low)[:4]))
    return min(years)
