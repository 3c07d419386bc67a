"""The alerts section ("Vraagt aandacht"): the dossiers most urgent first, with days late or
left in words; the netwerk view only says why it has none.

    alerts_section(access, filters, *, kinds=None, due_label="Termijn", limit=None, none_text=...)
    alert_table(items, *, due_label, total, register_column, kind_column)   the table itself
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboard.reads import alerts
from dashboard.style.formatting import fmt_date
from dashboard.ui import components as ui
from kpis.disclosure.release import LATE_REASON

REGISTER_LABELS = {
    "klachten": "Klachten",
    "functioneringsnotas": "Functioneringsnota's",
    "tuchtdossiers": "Tuchtdossiers",
    "meldingen": "Meldingen",
    "actieplan": "Actieplan",
}


def days_text(days_late: int) -> str:
    """23 -> '23 dagen te laat', 0 -> 'vandaag', -5 -> 'nog 5 dagen'."""
    n = abs(int(days_late))
    days = "1 dag" if n == 1 else f"{n} dagen"
    if days_late > 0:
        return f"{days} te laat"
    return "vandaag" if days_late == 0 else f"nog {days}"


def alerts_frame(items, *, due_label: str = "Termijn") -> pd.DataFrame:
    """The alerts as the table a page shows: Toestand, Soort, Nummer, Termijn, Register."""
    return pd.DataFrame(
        {
            "Toestand": [days_text(a.days_late) for a in items],
            "Soort": [a.kind for a in items],
            "Nummer": [a.key for a in items],
            due_label: [a.due for a in items],
            "Register": [REGISTER_LABELS.get(a.register, a.register) for a in items],
        }
    )


def alert_table(items, *, due_label: str = "Termijn", total: int | None = None, register_column: bool = True,
                kind_column: bool = True) -> None:
    """A table of alerts, most urgent first, with days late or days left in words; `total` the
    number of alerts of which these are the most urgent (said under the table when larger)."""
    frame = alerts_frame(items, due_label=due_label)
    if not register_column:
        frame = frame.drop(columns="Register")
    if not kind_column:
        frame = frame.drop(columns="Soort")
    ui.table(
        frame,
        height=ui.table_height(len(frame)),
        column_config={
            "Toestand": st.column_config.TextColumn("Toestand", width="small"),
            "Soort": st.column_config.TextColumn("Soort", width="medium"),
            "Nummer": st.column_config.TextColumn("Nummer", width="small"),
        },
    )
    if total is not None and total > len(items):
        st.caption(f"De {len(items)} dringendste van {total}.")


def alerts_section(access, filters, *, kinds: Sequence[str] | None = None, due_label: str = "Termijn",
                   limit: int | None = None, none_text: str = "Niets vraagt aandacht") -> None:
    """The alerts of the view (optionally of some kinds): for roles that may see rows the
    dossiers, most urgent first, with days late or left; for the netwerk view only counts."""
    selected = list(kinds) if kinds else None
    view = alerts.alert_view(access, filters, selected, limit)
    if access.aggregated_only:  # kpis.disclosure.figures.LATE_COUNTS says why
        st.info(LATE_REASON, icon=":material/visibility_off:")
        return
    if not view.items:
        st.success(f"{none_text} op {fmt_date(filters.as_of)}.", icon=":material/check_circle:")
        return
    alert_table(
        view.items,
        due_label=due_label,
        total=view.total,
        register_column=selected is None or len(view.registers) > 1,
        kind_column=selected is None or len(selected) > 1,
    )

