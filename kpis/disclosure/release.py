"""The netwerk view of one day: every figure a page or the anonymised export may show it.

`netwerk_release(conn, today, threshold)` builds the day's System (kpis.disclosure.figures),
protects it as a whole (kpis.disclosure.protect) and hands out what is shown:
- `report(year)`: the KPI report of that year at its one reference date, counts and splits as
  decided, a rate only when its parts may be known, a median only on N rows or more, a figure
  per 100 VTE only beside its count shown in full; the criteria as the netwerk may see them;
- `quarters(register)`, `column_split(year, register, column)`, `totals(register)`,
  `alerts(year)`: what is late per kind (kpis.alerts.REGISTRY), only for the registers without
  persons (the action plan), `carried_over(year)`, and `period(kpi id, first day, months)` for
  the figures of the periodic report to the authorities (figures.PERIOD_FIGURES: a quarter, a
  half year or a year).
- `risks(year)`: the risk analysis at the year's reference date (kpis.risicos), in full: the
  register holds no person (figures.EXEMPT_REGISTERS).
A value is an int, a marker (kpis.disclosure.markers: "<5", "x"), or None: withheld, because
nothing less would keep a small count from being worked out. Pages and the export ask only
this for the netwerk view (dashboard.reads, dashboard.export.content), so
what they can show together is what was protected together.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import date

import sqlalchemy as sa

from data_access.db import data_version
from data_access.schema import REGISTER_TABLES, settings as settings_table
from i18n import Text
from kpis import alerts as late
from kpis.catalog import BY_ID, kpi_for_indicator
from kpis.criteria import NO_DATA, status_counts
from kpis.disclosure import figures, markers, protect
from kpis.disclosure.figures import EXEMPT_REGISTERS
from kpis.disclosure.markers import is_suppressed
from kpis.disclosure.policy import fixed_as_of
from kpis.engine import Report

# Reasons are i18n.Text: the Dutch text as before, shown in the viewer's language with i18n.shown.
NOT_IN_RELEASE = Text("Niet in de netwerkweergave: enkel de jaren tot en met vandaag, elk op één peildatum.")
LATE_REASON = Text("Niet in de netwerkweergave: wat te laat is, volgt de korpsleiding maandelijks op; het zijn de "
                   "laatste dossiers van een register, en naast de andere cijfers zou een klein aantal terug te "
                   "rekenen zijn.")


@dataclass
class Release:
    today: date
    threshold: int
    years: list[int]
    display: dict = field(default_factory=dict)  # {figure key: int | marker | None}
    _reports: dict = field(default_factory=dict)  # {Y: suppressed Report}
    _late: dict = field(default_factory=dict)  # {Y: {kind label: count | None}}
    _carried: dict = field(default_factory=dict)  # {Y: overdue actions of earlier years' plans}
    _risks: dict = field(default_factory=dict)  # {Y: kpis.risicos.RiskAnalysis}

    def report(self, year: int) -> Report | None:
        """The suppressed report of `year`; None for a year the netwerk view cannot choose."""
        return self._reports.get(year)

    def risks(self, year: int):
        """The risk analysis (kpis.risicos.RiskAnalysis) at `year`'s reference date; None for a
        year the netwerk view cannot choose."""
        return self._risks.get(year)

    def quarters(self, register: str) -> dict:
        """{first day of a quarter: shown count} from the first year up to today's quarter."""
        return {k[2]: v for k, v in self.display.items() if k[0] == "quarter" and k[1] == register}

    def period(self, kpi_id: str, first: date, months: int):
        """The shown count of a PERIOD_FIGURES KPI in the quarter (months 3), half year (6) or
        year (12) starting on `first`: int, marker, or None (withheld or not in the release)."""
        if months == 12:
            report = self.report(first.year)
            return None if report is None else report.kpis.get(kpi_id)
        kind = {3: "quarter", 6: "half"}[months]
        return self.display.get((kind, figures.PERIOD_FIGURES[kpi_id], first))

    def totals(self, register: str) -> dict:
        """{Y: the rows dated in Y (up to its reference date), shown}."""
        return {k[1]: self._cell(v) for k, v in self.display.items() if k[0] == "total" and k[2] == register}

    def column_split(self, year: int, register: str, column: str) -> dict | None:
        """{value: shown} of the rows dated in `year` per value of `column`: a column split of
        the pages, or a split of the KPI report (figures.MAIN_SPLITS); None if neither."""
        cells = {k[4]: self._cell(v) for k, v in self.display.items() if k[0] == "col" and k[1:4] == (year, register, column)}
        if not cells:
            split_id = next((s for s, c in figures.MAIN_SPLITS.items() if c == column and BY_ID[s].register == register), None)
            cells = {k[3]: self._cell(v) for k, v in self.display.items() if k[0] == "cell" and k[1:3] == (year, split_id)}
        return cells or None

    def _cell(self, value):
        """A chart's cell: a withheld one reads 'verborgen' (markers.withheld)."""
        return markers.withheld(self.threshold) if value is None else value

    def alerts(self, year: int) -> dict | None:
        """{kind label of kpis.alerts.REGISTRY: count, or None (withheld: LATE_REASON)} at the
        year's reference date: a kind of a register about persons is never in the netwerk view
        (figures.LATE_COUNTS), one of the action plan is (it holds no person). None for a year
        the netwerk view cannot choose."""
        return self._late.get(year)

    def carried_over(self, year: int) -> int | None:
        """Of the overdue actions of alerts(year), those of the plan of an earlier year."""
        return self._carried.get(year)


# The releases built last, by database, data version, row counts, day and threshold: a release
# costs seconds (the integer programs of protect), and the screen, the anonymised export and
# both PDF reports of one day ask the same one. Every import and settings change bumps the data
# version; the row counts also catch a write that did not. An in-memory database is never kept
# (another one can have the same URL). A release is not changed after it is built.
_MEMO: OrderedDict[tuple, Release] = OrderedDict()
_MEMO_SIZE = 4
_MEMO_LOCK = threading.Lock()


def _memo_key(conn: sa.Connection, today: date, threshold: int) -> tuple | None:
    url = conn.engine.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return None
    counts = tuple(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() for table in REGISTER_TABLES.values())
    settings = tuple(conn.execute(sa.select(settings_table.c.key, settings_table.c.value).order_by(settings_table.c.key)))
    return url.render_as_string(hide_password=False), data_version(conn), counts, settings, today, threshold


def netwerk_release(conn: sa.Connection, today: date, threshold: int) -> Release:
    """The day's release (see the module's docstring), built once per database state and day."""
    key = _memo_key(conn, today, threshold)
    if key is None:
        return _build(conn, today, threshold)
    with _MEMO_LOCK:
        if key in _MEMO:
            _MEMO.move_to_end(key)
            return _MEMO[key]
        release = _MEMO[key] = _build(conn, today, threshold)
        while len(_MEMO) > _MEMO_SIZE:
            _MEMO.popitem(last=False)
        return release


def _build(conn: sa.Connection, today: date, threshold: int) -> Release:
    system = figures.build(conn, today, figures.first_year(conn, today))
    decision = protect.protect(system, threshold)
    release = Release(today, threshold, system.years, dict(decision.display), _risks=dict(system.risks))
    for year, report in system.reports.items():
        release._reports[year] = _report(report, year, decision, threshold)
        release._late[year], release._carried[year] = _late(conn, year, today)
    return release


def _late(conn: sa.Connection, year: int, today: date) -> tuple[dict, int]:
    """What is late at the year's reference date, counted per kind for the registers without
    persons (EXEMPT_REGISTERS), withheld (None) for the others; and the carried-over actions."""
    exempt = [kind for kind in late.REGISTRY if kind.register in EXEMPT_REGISTERS]
    items = late.alerts(conn, fixed_as_of(year, today), registry=exempt)
    counts = {kind.label: (sum(a.kind == kind.label for a in items) if kind in exempt else None) for kind in late.REGISTRY}
    return counts, sum(late.carried_over(a, year) for a in items)


def _report(report: Report, year: int, decision: protect.Decision, threshold: int) -> Report:
    shown = decision.display
    bases = (report.extra or {}).get("bases", {})
    kpis: dict = {}
    reasons: dict[str, str] = {}
    reason: str | None
    for kpi_id, value in report.kpis.items():
        kdef = BY_ID.get(kpi_id)
        if kdef is None or kdef.register in EXEMPT_REGISTERS or value is None:
            kpis[kpi_id] = value
            continue
        if kpi_id in figures.LATE_COUNTS:
            kpis[kpi_id] = None
            reason = LATE_REASON
        elif kdef.unit == "count":
            kpis[kpi_id] = shown.get(("kpi", year, kpi_id))
            reason = _reason(kpis[kpi_id], threshold)
        elif kdef.unit == "split":
            cells = {v: shown.get(("cell", year, kpi_id, v)) for v in value}
            reason = next((_reason(c, threshold) for c in cells.values() if c is None), None)
            kpis[kpi_id] = {v: markers.withheld(threshold) if c is None else c for v, c in cells.items()}
        elif kdef.unit == "rate":
            # one reason whatever hid it: "fewer than N rows" would tell a reader about the base
            ok = decision.rates.get((year, kpi_id), False) and (bases.get(kpi_id) or 0) >= threshold
            kpis[kpi_id] = value if ok else None
            reason = None if ok else recomputable_reason(threshold)
        elif kdef.unit == "days":  # beside its base card: a median says its base is N or more
            base = bases.get(kpi_id)
            card = shown.get(("kpi", year, _MEDIAN_BASE[kpi_id]))
            ok = base is not None and base >= threshold and card is not None
            kpis[kpi_id] = value if ok else None
            reason = None if ok else small_base_reason(threshold) if card is not None else withheld_reason(threshold)
        else:  # per_fte: beside its count shown in full
            count = shown.get(("kpi", year, _PER_FTE_COUNT[kpi_id]))
            ok = isinstance(count, int) and not is_suppressed(count)
            kpis[kpi_id] = value if ok else None
            reason = None if ok else recomputable_reason(threshold)
        if reason:
            reasons[kpi_id] = reason
    return _with_criteria(report, kpis, reasons, threshold)


def _with_criteria(report: Report, kpis: dict, reasons: dict, threshold: int) -> Report:
    """The report as the netwerk view shows it: `kpis`, and the criteria; a criterion on a
    hidden KPI loses its value and reads "geen gegevens" (a status beside "x" or "<5" would
    narrow it down), the criteria counts recounted. The bases behind each rate (counts
    themselves, some small) are left out."""
    criteria = []
    for c in report.criteria:
        kpi = kpi_for_indicator(c.indicator)
        if kpi is None or kpi.id not in reasons or c.value is None:
            criteria.append(c)
        else:
            criteria.append(replace(c, value=None, status=NO_DATA, problem=reasons[kpi.id]))
    kpis = dict(kpis)
    if criteria != list(report.criteria):
        kpis.update(status_counts(criteria))
    extra = {k: v for k, v in (report.extra or {}).items() if k != "bases"}
    extra["suppression"] = {"threshold": threshold, "reasons": reasons}
    return replace(report, kpis=kpis, criteria=criteria, extra=extra)


def small_base_reason(threshold: int) -> str:
    return Text("Verborgen: berekend op minder dan {threshold} dossiers.", threshold=threshold)


def recomputable_reason(threshold: int) -> str:
    return Text("Verborgen: zou een aantal onder {threshold} prijsgeven.", threshold=threshold)


def withheld_reason(threshold: int) -> str:
    return Text("Verborgen: met het totaal zou een aantal onder {threshold} terug te rekenen zijn.", threshold=threshold)


_PER_FTE_COUNT = {"complaints_per_100_fte": "complaints_received", "reports_per_100_fte": "reports_received"}
_MEDIAN_BASE = {"complaints_median_lead_days": "complaints_closed", "discipline_median_lead_days": "discipline_decided"}


def _reason(shown, threshold: int) -> str | None:
    if shown is None:
        return withheld_reason(threshold)
    if is_suppressed(shown):
        return (Text("Aantal onder {threshold}: getoond als <{threshold}.", threshold=threshold) if shown.kind == "small"
                else Text("x: verborgen, met het totaal zou een aantal onder {threshold} terug te rekenen zijn.",
                          threshold=threshold))
    return None


def empty_report(report: Report, threshold: int) -> Report:
    """A report of a year outside the release (before the first or after today's): its case
    registers' figures withheld, the action plan and criteria as they are."""
    kpis, reasons = {}, {}
    for kpi_id, value in report.kpis.items():
        kdef = BY_ID.get(kpi_id)
        if kdef is None or kdef.register in EXEMPT_REGISTERS:
            kpis[kpi_id] = value
        else:
            kpis[kpi_id] = None
            reasons[kpi_id] = NOT_IN_RELEASE
    return _with_criteria(report, kpis, reasons, threshold)
