"""What the yearly evaluation workbook holds, gathered once and already made safe for its version.

`gather(conn, access, year, as_of, anonymised=...)` reads everything the sheets need:
- the KPI report for Y at D and for Y - 1 at the same day a year earlier (kpis.engine); for the
  anonymised version both from today's netwerk release (kpis.disclosure.release: the whole of
  Y - 1, every figure protected together with what the screen's netwerk view shows);
- per case register the monthly counts of Y and the same months of Y - 1 (kpis.series.monthly);
  for the anonymised version the quarters, as the release shows them;
- the risk analysis at D (the release's for the anonymised version: the register holds no
  person) and the external references;
- the action plan items of Y (the actions_total population of kpis.actieplan), without the
  free-text column in the anonymised version;
- the alerts at D: the items for the full version, counts per kind (from the release) for the
  anonymised one;
- the full version only: the dossiers of Y per case register, read through
  data_access.reader.read_rows, which refuses any role that may not see rows.
Nothing here writes a file; dashboard.export.sheets turns an ExportContent into sheets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa

from data_access.access import Access
from data_access.reader import RowFilter, read_rows
from data_access.registers import ACTIEPLAN, BY_NAME
from data_access.schema import REGISTER_TABLES
from data_access.settings import load_settings
from i18n import N_, _, month_name
from kpis import alerts as alerts_mod, references, risicos
from kpis.actieplan import in_plan_conditions
from kpis.context import Context
from kpis.disclosure.policy import comparison_as_of
from kpis.disclosure.release import LATE_REASON, empty_report, netwerk_release
from kpis.engine import Report, compute_report, default_as_of
from kpis.series import monthly

DEFAULT_ZONE = N_("Politiezone")  # the zone's name when none is set (Instellingen, $DASHBOARD_ZONE)

# The registers about persons, each with its own sheet of splits and monthly counts.
CASE_REGISTERS = ("klachten", "functioneringsnotas", "tuchtdossiers", "meldingen")


MONTH, QUARTER = N_("maand"), N_("kwartaal")
QUARTERS = (N_("1e kwartaal"), N_("2e kwartaal"), N_("3e kwartaal"), N_("4e kwartaal"))


@dataclass
class MonthlySeries:
    """Counts per month of Y and of the same months of Y - 1: a table with the month labels as
    index and the columns "Y" and "Y - 1" (int, or "<N"/"x" when suppressed); None with a
    Dutch reason when the whole table is withheld."""

    table: pd.DataFrame | None
    reason: str | None = None
    period: str = MONTH  # QUARTER in the anonymised version (kpis.disclosure.policy); Dutch, shown with _()


@dataclass
class AlertCounts:
    """The anonymised Aandachtspunten: {kind label: count, "<N" or "x"} for every kind; None
    with a Dutch reason when the counts cannot be protected."""

    counts: dict | None
    reason: str | None = None


@dataclass
class ExportContent:
    zone: str
    year: int
    as_of: dt.date
    previous_as_of: dt.date
    made_at: dt.datetime  # local (Belgian) time, naive
    made_by: str
    anonymised: bool
    threshold: int
    settings: dict[str, int]
    report: Report
    previous: Report
    series: dict[str, MonthlySeries]
    actions: pd.DataFrame  # columns: register column names (no free text when anonymised)
    alerts: pd.DataFrame | AlertCounts  # full: one row per alert; anonymised: counts per kind
    indicators: pd.DataFrame  # indicator, periode, waarde, bron for the periods of Y
    risks: object = None  # kpis.risicos.RiskAnalysis at D (anonymised: the release's); None outside it
    references: dict = field(default_factory=dict)  # kpis.references.load: {KPI id: [Reference]}
    dossiers: dict[str, pd.DataFrame] = field(default_factory=dict)  # full version only

    @property
    def version_label(self) -> str:
        """The version as the sheets name it, in the current language."""
        return _(VERSION_ANONYMISED if self.anonymised else VERSION_FULL)


VERSION_FULL = N_("volledig — vertrouwelijk")
VERSION_ANONYMISED = N_("geanonimiseerd")


def previous_as_of_for(year: int, as_of: dt.date, *, anonymised: bool) -> dt.date:
    """The reference date of the comparison with last year: the same day a year earlier; for
    the anonymised version the whole of last year (kpis.disclosure.policy: one reference date
    per year, so that two dates cannot be subtracted), its date on the sheet."""

    return comparison_as_of(year, as_of, fixed=anonymised) or dt.date(year - 1, 12, 31)


def gather(
    conn: sa.Connection,
    access: Access,
    year: int,
    as_of: dt.date | None,
    *,
    anonymised: bool,
    zone: str,
    made_by: str,
    made_at: dt.datetime,
) -> ExportContent:
    as_of = as_of or default_as_of(year)
    previous_as_of = previous_as_of_for(year, as_of, anonymised=anonymised)
    settings = load_settings(conn)
    threshold = int(settings["suppression_threshold"])
    release = None
    if anonymised:  # every figure as the netwerk view shows it today (kpis.disclosure.release)
        release = netwerk_release(conn, dt.date.today(), threshold)
        report = release.report(year) or empty_report(compute_report(conn, year, as_of), threshold)
        previous = release.report(year - 1) or empty_report(compute_report(conn, year - 1, previous_as_of), threshold)
    else:
        report = compute_report(conn, year, as_of)
        previous = compute_report(conn, year - 1, previous_as_of)
    content = ExportContent(
        zone=zone,
        year=year,
        as_of=as_of,
        previous_as_of=previous_as_of,
        made_at=made_at,
        made_by=made_by,
        anonymised=anonymised,
        threshold=threshold,
        settings=settings,
        report=report,
        previous=previous,
        series={r: monthly_series(conn, r, year, as_of, release) for r in CASE_REGISTERS},
        actions=action_items(conn, year, as_of, settings, anonymised=anonymised),
        alerts=alerts(conn, as_of, release),
        indicators=indicator_rows(conn, year),
        risks=release.risks(year) if release is not None else risicos.analysis(conn, as_of, settings),
        references=references.load(conn),
    )
    if not anonymised:
        content.dossiers = dossier_rows(conn, access, year, as_of)
    return content


def month_labels(months, end: dt.date) -> list[str]:
    """'jan', 'feb', ...; the month of `end` gets '(t/m 15)' when `end` is not its last day
    (in the current language: 'janv.', ... '(jusqu'au 15)')."""
    labels = [month_name(m.month, short=True) for m in months]
    if labels and (end + dt.timedelta(days=1)).month == end.month:
        labels[-1] += " " + _("(t/m {day})").format(day=end.day)
    return labels


def monthly_series(conn: sa.Connection, register: str, year: int, as_of: dt.date, release=None) -> MonthlySeries:
    """Counts on the register's main date per month of Y up to D (the month of D up to D),
    next to the same whole months of Y - 1, as the screen's monthly trend shows them. With the
    netwerk `release` (the anonymised version): per quarter, as the netwerk view shows time
    (kpis.disclosure.policy), each quarter as the release shows it on every page."""

    columns = [str(year), str(year - 1)]
    end = min(as_of, dt.date(year, 12, 31))
    period = MONTH if release is None else QUARTER
    if end < dt.date(year, 1, 1):
        return MonthlySeries(pd.DataFrame(columns=columns, dtype=object), period=period)
    if release is not None:
        quarters = release.quarters(register)
        periods = [q for q in (dt.date(year, m, 1) for m in (1, 4, 7, 10)) if q <= end]
        table = pd.DataFrame(
            {columns[0]: [quarters.get(q) for q in periods], columns[1]: [quarters.get(q.replace(year=year - 1)) for q in periods]},
            index=quarter_labels(periods, end),
            dtype=object,
        )
        return MonthlySeries(table, period=period)
    frame = monthly(conn, register, dt.date(year - 1, 1, 1), end)
    counts = {m.date(): int(n) for m, n in zip(frame["month"], frame["count"])}
    months = [m for m in counts if m.year == year]
    table = pd.DataFrame(
        {columns[0]: [counts[m] for m in months], columns[1]: [counts[m.replace(year=year - 1)] for m in months]},
        index=month_labels(months, end),
        dtype=object,
    )
    return MonthlySeries(table, period=period)


def quarter_labels(quarters, end: dt.date) -> list[str]:
    """'1e kwartaal', '2e kwartaal', ...; the quarter of `end` gets '(t/m 05/12)' when `end` is
    not its last day (in the current language)."""
    labels = [_(QUARTERS[(q.month - 1) // 3]) for q in quarters]
    quarter_ends_at_end = end.month % 3 == 0 and (end + dt.timedelta(days=1)).day == 1
    if labels and not quarter_ends_at_end:
        labels[-1] += " " + _("(t/m {day})").format(day=f"{end:%d/%m}")
    return labels


def action_columns(anonymised: bool) -> list[str]:
    """The action plan's columns for the export: never a personal one, no free text when anonymised."""
    return [c.name for c in ACTIEPLAN.columns if not c.personal and not (anonymised and c.free_text)]


def action_items(conn: sa.Connection, year: int, as_of: dt.date, settings, *, anonymised: bool) -> pd.DataFrame:
    """The actions counted by actions_total (status not geschrapt, deadline or startdatum in Y
    and known at D), ordered by strategic goal (in the register's order), deadline and id."""

    t = REGISTER_TABLES["actieplan"]
    columns = action_columns(anonymised)
    ctx = Context(conn=conn, year=year, as_of=as_of, settings=settings)
    rows = conn.execute(sa.select(*(t.c[c] for c in columns)).where(*in_plan_conditions(ctx))).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns)
    goals = {g: i for i, g in enumerate(ACTIEPLAN.column("strategische_doelstelling").values)}
    frame["_goal"] = frame["strategische_doelstelling"].map(goals)
    frame = frame.sort_values(["_goal", "deadline", "actie_id"], kind="stable", na_position="last")
    return frame.drop(columns="_goal").reset_index(drop=True)


def indicator_rows(conn: sa.Connection, year: int) -> pd.DataFrame:
    """Indicatoren measured for Y (periode "Y" or "Y-mm"), by indicator and period."""
    t = REGISTER_TABLES["indicatoren"]
    columns = [c.name for c in BY_NAME["indicatoren"].columns if not c.personal and not c.free_text]
    period = sa.func.trim(t.c.periode)
    q = sa.select(*(t.c[c] for c in columns)).where(sa.or_(period == str(year), period.like(f"{year}-%")))
    rows = conn.execute(q.order_by(t.c.indicator, t.c.periode)).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


def dossier_rows(conn: sa.Connection, access: Access, year: int, as_of: dt.date) -> dict[str, pd.DataFrame]:
    """Full version: every row of each case register with its main date in Y, up to D, all
    columns. read_rows raises AccessDenied for a role that may not see rows."""

    where = RowFilter(years=(year, year), date_to=as_of)
    return {r: read_rows(conn, r, access, where=where) for r in CASE_REGISTERS}


def alerts(conn: sa.Connection, as_of: dt.date, release=None) -> pd.DataFrame | AlertCounts:
    """The open alerts at D (kpis.alerts, most urgent first). Without `release` (full
    version): one row per alert (register, kind, key, due, days_late, text). With the netwerk
    release: nothing but the reason (kpis.disclosure.figures.LATE_COUNTS)."""

    if release is not None:  # what is late is not in the netwerk view
        return AlertCounts(None, LATE_REASON)
    return alerts_mod.alerts_frame(alerts_mod.alerts(conn, as_of))
