"""How an import report and the import history look on screen (the Gegevens page).

The messages are the importer's own (the same the command line prints); this module only lays
them out: errors, warnings, and counts per register.
"""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from data_access.registers import BY_NAME
from dashboard.formatting import fmt_datetime, fmt_int

TEMPLATE_FILE_NAME = "sjabloon-registers-integriteit.xlsx"
COUNT_LABELS = {"added": "nieuw", "updated": "gewijzigd", "unchanged": "ongewijzigd", "rows": "rijen"}


def register_label(name: str) -> str:
    register = BY_NAME.get(name)
    return register.label if register else name


def counts_frame(counts: dict) -> pd.DataFrame:
    """{register: {added, updated, unchanged}} -> one row per register with Dutch headers."""
    rows = []
    for name, value in (counts or {}).items():
        row = {"Register": register_label(name)}
        if isinstance(value, dict):
            for key, number in value.items():
                row[COUNT_LABELS.get(key, key).capitalize()] = int(number)
        else:
            row["Rijen"] = int(value)
        rows.append(row)
    return pd.DataFrame(rows)


def counts_sentence(counts: dict) -> str:
    """'Klachten: 12 nieuw, 3 gewijzigd; Meldingen: 4 nieuw' for a success message."""
    parts = []
    for name, value in (counts or {}).items():
        if isinstance(value, dict):
            detail = ", ".join(f"{fmt_int(n)} {COUNT_LABELS.get(k, k)}" for k, n in value.items() if n)
        else:
            detail = f"{fmt_int(value)} rijen"
        parts.append(f"{register_label(name)}: {detail or 'geen wijzigingen'}")
    return "; ".join(parts)


def show_report(report, file_name: str) -> None:
    """The validation report of a dry run (or the outcome of a refused import)."""
    errors = [str(e) for e in report.errors]
    warnings = [str(w) for w in report.warnings]
    if errors:
        st.error(
            f"**{file_name} kan niet geïmporteerd worden**: {fmt_int(len(errors))} "
            f"{'fout' if len(errors) == 1 else 'fouten'}. Verbeter het bestand en laad het opnieuw op; "
            "er is niets gewijzigd in de databank.",
            icon=":material/error:",
        )
        _message_list(errors)
    else:
        st.success(f"**{file_name}** is gecontroleerd: geen fouten gevonden.", icon=":material/task_alt:")
    if warnings:
        with st.expander(f"{fmt_int(len(warnings))} {'waarschuwing' if len(warnings) == 1 else 'waarschuwingen'}", expanded=not errors, icon=":material/warning:"):
            _message_list(warnings)
    frame = counts_frame(report.counts)
    if not frame.empty:
        st.markdown("**Rijen per register**" + ("" if errors else " (wat de import zal doen)"))
        st.dataframe(frame, hide_index=True, width="content")


def _message_list(messages: list[str], limit: int = 200) -> None:
    shown = messages[:limit]
    st.markdown("\n".join(f"- {m}" for m in shown))
    if len(messages) > limit:
        st.caption(f"… en nog {fmt_int(len(messages) - limit)} meldingen.")


def history_frame(history: list[dict]) -> pd.DataFrame:
    """The import log as shown: when (dd/mm/jjjj HH:MM), who, file, sha256 (short), counts."""
    return pd.DataFrame(
        [
            {
                "Wanneer": fmt_datetime(entry["at"], from_utc=True),
                "Door": entry["user_name"],
                "Bestand": entry["file_name"],
                "Controlegetal (sha256)": (entry.get("sha256") or "")[:12],
                "Rijen": counts_sentence(entry.get("counts") or {}),
            }
            for entry in history
        ],
        columns=["Wanneer", "Door", "Bestand", "Controlegetal (sha256)", "Rijen"],
    )


def template_bytes() -> bytes:
    """The empty workbook of data_access.template. The download button gets this function
    itself, so it runs only when someone clicks."""
    from data_access.template import write_template

    buffer = io.BytesIO()
    write_template(buffer)
    return buffer.getvalue()
