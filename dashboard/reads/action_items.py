"""The items of the action plan for the Actieplan page, cached on small keys.

The action plan holds no personal data (registers.md: no P column; `opmerking` is free text and
is never read here), so its items may be shown to every role, the netwerk view included; its
counts are exempt from suppression (kpis.disclosure.figures.EXEMPT_REGISTERS).

    items(access, filters) -> DataFrame   the actions of the year's plan: exactly the rows that
                                           kpis.actieplan counts as actions_total, with
                                           te_laat and dagen_te_laat (as actions_overdue)
    carried_over(access, filters) -> DataFrame  overdue actions of earlier years' plans at the
                                           reference date (kpis.alerts.carried_over), the same
                                           columns: with the plan's own, every overdue action
    trekkers(frame) -> list[str]          the trekkers in the frame, sorted
    goal_progress(frame) -> DataFrame     per strategische doelstelling (every goal, plan
                                           order): total, afgerond, overdue, a count per state,
                                           voortgang (mean %, NaN without values) — for the
                                           whole plan equal to the engine's actions_by_goal
    state(row) -> str                     'over deadline' for a late action, else its status
    nearest(frame, as_of, limit) -> frame the `limit` actions whose deadline is nearest to the
                                           reference date, in deadline order (a national plan
                                           holds thousands: a timeline stays readable)
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.reads import data, errors
from dashboard.reads.cache import cached
from data_access.reader import read_for_aggregation
from data_access.registers import STRATEGIC_GOALS
from data_access.schema import REGISTER_TABLES
from kpis import alerts as late
from kpis.actieplan import in_plan_conditions
from kpis.context import Context

COLUMNS = (
    "actie_id",
    "strategische_doelstelling",
    "operationele_doelstelling",
    "actie",
    "trekker",
    "startdatum",
    "deadline",
    "status",
    "voortgang",
    "laatste_update",
)
# The table of all actions: what says which action it is and where it stands first; the goals,
# long texts, last (read on demand when the page is narrow: components.table).
TABLE_ORDER = (
    "actie_id", "actie", "trekker", "deadline", "status", "voortgang", "startdatum", "laatste_update",
    "operationele_doelstelling", "strategische_doelstelling",
)
DONE = "afgerond"
LATE = "over deadline"
# The words of the register's status column (registers.md), and 'over deadline' for an action not
# afgerond past its deadline: one word and one colour (action_plan_charts.STATE_COLORS) for each,
# in both charts and the tables. Legend order.
STATES = ("afgerond", "lopend", "niet gestart", "uitgesteld", "geschrapt", LATE)


@cached(max_entries=data.CACHE_ENTRIES)
def _items(url: str, version: int, year: int, as_of: dt.date) -> pd.DataFrame:
    with data.engine_for(url).connect() as conn:
        ctx = Context(conn=conn, year=year, as_of=as_of, settings={})
        frame = read_for_aggregation(conn, "actieplan", COLUMNS, where=in_plan_conditions(ctx))
    for column in ("startdatum", "deadline", "laatste_update"):
        frame[column] = frame[column].astype(object)  # datetime.date (or None), as the table shows them
    # As actions_overdue: deadline before D, status not afgerond.
    late = frame["deadline"].map(lambda d: d is not None and d < as_of) & (frame["status"] != DONE)
    frame["te_laat"] = late.astype(bool)
    frame["dagen_te_laat"] = pd.array(
        [(as_of - d).days if is_late else None for d, is_late in zip(frame["deadline"], late)], dtype="Int64"
    )
    return frame.sort_values(["deadline", "actie_id"], kind="stable").reset_index(drop=True)


def items(access, filters) -> pd.DataFrame:
    """The actions of the plan of the filters' year at their reference date, as the access may
    see it (data.effective_filters, like every cached read; see the module docstring)."""
    view = data.effective_filters(access, filters)
    with errors.database_guard():
        return _items(*data.cache_key(), view.year, view.as_of)


@cached(max_entries=data.CACHE_ENTRIES)
def _carried(url: str, version: int, year: int, as_of: dt.date) -> pd.DataFrame:
    actions = [k for k in late.REGISTRY if k.label == late.KIND_ACTION]
    with data.engine_for(url).connect() as conn:
        keys = [a.key for a in late.alerts(conn, as_of, registry=actions) if late.carried_over(a, year)]
        if not keys:
            return pd.DataFrame(columns=[*COLUMNS, "te_laat", "dagen_te_laat"])
        frame = read_for_aggregation(conn, "actieplan", COLUMNS, where=[REGISTER_TABLES["actieplan"].c.actie_id.in_(keys)])
    for column in ("startdatum", "deadline", "laatste_update"):
        frame[column] = frame[column].astype(object)
    frame["te_laat"] = True
    frame["dagen_te_laat"] = pd.array([(as_of - d).days for d in frame["deadline"]], dtype="Int64")
    return frame.sort_values(["deadline", "actie_id"], kind="stable").reset_index(drop=True)


def carried_over(access, filters) -> pd.DataFrame:
    """The overdue actions at the reference date from the plan of a year before the filters'
    (status not afgerond or geschrapt), as items() shows the plan's: what the card 'Acties over
    deadline' adds to actions_overdue ('… uit vorige jaren')."""
    view = data.effective_filters(access, filters)
    with errors.database_guard():
        return _carried(*data.cache_key(), view.year, view.as_of)


def trekkers(frame: pd.DataFrame) -> list[str]:
    return sorted({t for t in frame["trekker"].dropna()}, key=str.lower)


def state(row) -> str:
    return LATE if row["te_laat"] else row["status"]


def goal_progress(frame: pd.DataFrame) -> pd.DataFrame:
    """Per goal: total, afgerond, overdue (as the engine's actions_by_goal), a count per state of
    STATES (the state of state(): 'over deadline' or the register's status) and voortgang (mean
    of the voortgang column, %)."""
    rows = []
    for goal in STRATEGIC_GOALS:
        part = frame[frame["strategische_doelstelling"] == goal]
        states = part.apply(state, axis=1) if len(part) else pd.Series(dtype=object)
        total = len(part)
        done = int((part["status"] == DONE).sum())
        overdue = int(part["te_laat"].sum())
        progress = pd.to_numeric(part["voortgang"], errors="coerce").dropna()
        rows.append(
            {
                "doel": goal,
                "total": total,
                "afgerond": done,
                "overdue": overdue,
                **{name: int((states == name).sum()) for name in STATES},
                "voortgang": float(progress.mean()) if len(progress) else float("nan"),
            }
        )
    return pd.DataFrame(rows).set_index("doel")


def nearest(frame: pd.DataFrame, as_of: dt.date, limit: int) -> pd.DataFrame:
    """At most `limit` rows: those with the deadline nearest to `as_of` (before or after), kept
    in the frame's order (deadline, then actie id)."""
    if len(frame) <= limit:
        return frame
    distance = frame["deadline"].map(lambda d: abs((d - as_of).days))
    keep = distance.sort_values(kind="stable").index[:limit]
    return frame.loc[sorted(keep)]
