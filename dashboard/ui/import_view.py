"""How an import report and the import history look on screen (the Gegevens page).

The messages are the importer's own (the same the command line prints); this module only lays
them out: errors, warnings, and the summary per register, with text from the file escaped.
"""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from dashboard.style.formatting import fmt_datetime, fmt_int
from dashboard.style.text import plain  # text from a file (a sheet name, a cell value in a message)
from data_access.registers import BY_NAME
from data_access.template import write_template

TEMPLATE_FILE_NAME = "sjabloon-registers-integriteit.xlsx"
COUNT_LABELS = {"added": "toegevoegd", "updated": "bijgewerkt", "unchanged": "ongewijzigd"}  # as the importer says


def register_label(name: str) -> str:
    register = BY_NAME.get(name)
    return register.label if register else name


def show_report(report) -> None:
    """An ImportReport as the command line prints it: the errors (file, sheet, row, column in
    each line), the warnings, and report.summary() (one line per register, then the outcome)."""
    errors = [str(e) for e in report.errors]
    warnings = [str(w) for w in report.warnings]
    summary = report.summary()
    if errors:
        st.error(
            f"**{plain(report.file_name)} kan niet geïmporteerd worden**: {fmt_int(len(errors))} "
            f"{'fout' if len(errors) == 1 else 'fouten'}. Er werd niets gewijzigd in de databank; "
            "verbeter het bestand en laad het opnieuw op.",
            icon=":material/error:",
        )
        _message_list(errors)
    elif report.applied:
        st.success(f"**{plain(report.file_name)}** is geïmporteerd.", icon=":material/check_circle:")
    else:
        st.success(f"**{plain(report.file_name)}** is gecontroleerd: geen fouten gevonden.", icon=":material/task_alt:")
    if warnings:
        with st.expander(
            f"{fmt_int(len(warnings))} {'waarschuwing' if len(warnings) == 1 else 'waarschuwingen'}",
            expanded=True,
            icon=":material/warning:",
        ):
            _message_list(warnings)
    if summary:
        st.markdown("\n".join(f"- {plain(line)}" for line in summary))


def demo_end_warning() -> None:
    """What importing real data in the demo does, said before the button."""
    st.warning(
        "**Deze import beëindigt de demo, voor iedereen.** Het bestand voegt rijen toe of wijzigt ze: "
        "vanaf dan bevat de databank echte gegevens en is aanmelden nodig. Na het importeren ziet u het "
        "importverslag en maakt u meteen het eerste account aan, de integriteitscoördinator, met de "
        "eenmalige code uit het logboek van de server. Voorbeeldgegevens die het bestand niet vervangt, "
        "blijven staan.",
        icon=":material/warning:",
    )


def _message_list(messages: list[str], limit: int = 200) -> None:
    shown = messages[:limit]
    st.markdown("\n".join(f"- {plain(m)}" for m in shown))
    if len(messages) > limit:
        st.caption(f"… en nog {fmt_int(len(messages) - limit)} meldingen.")


def history_frame(history: list[dict]) -> pd.DataFrame:
    """The import log as shown: when (dd/mm/jjjj HH:MM, Belgian time), who, file, sha256
    (short), the registers in the file and the rows added / updated / unchanged over them."""
    rows = []
    for entry in history:
        counts = entry.get("counts") or {}
        row = {
            "Wanneer": fmt_datetime(entry["at"], from_utc=True),
            "Door": entry["user_name"],
            "Bestand": entry["file_name"],
            "Controlegetal (sha256)": (entry.get("sha256") or "")[:12],
            "Registers": ", ".join(register_label(name) for name in counts),
        }
        for key, label in COUNT_LABELS.items():
            row[label.capitalize()] = sum(int(c.get(key, 0)) for c in counts.values())
        rows.append(row)
    columns = ["Wanneer", "Door", "Bestand", "Controlegetal (sha256)", "Registers", *(label.capitalize() for label in COUNT_LABELS.values())]
    return pd.DataFrame(rows, columns=columns)


def template_bytes() -> bytes:
    """The empty workbook of data_access.template. The download button gets this function
    itself, so it runs only when someone clicks."""

    buffer = io.BytesIO()
    write_template(buffer)
    return buffer.getvalue()
