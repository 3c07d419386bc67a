"""How an import report and the import history look on screen (the Gegevens page).

The messages are the importer's own (the same the command line prints); this module only lays
them out: errors, warnings, and the summary per register, with text from the file escaped.
"""

from __future__ import annotations

import io
from functools import partial

import pandas as pd
import streamlit as st

from dashboard.style.formatting import fmt_datetime, fmt_int
from dashboard.style.text import plain  # text from a file (a sheet name, a cell value in a message)
from data_access import register_terms
from data_access.registers import BY_NAME
from data_access.template import write_template
from i18n import N_, _, current, language, ngettext

TEMPLATE_FILE_NAME = N_("sjabloon-registers-integriteit.xlsx")
# the history's count columns, as the importer says them
COUNT_LABELS = {"added": N_("Toegevoegd"), "updated": N_("Bijgewerkt"), "unchanged": N_("Ongewijzigd")}


def register_label(name: str) -> str:
    register = BY_NAME.get(name)
    return register_terms.label(register) if register else name


def show_report(report) -> None:
    """An ImportReport as the command line prints it: the errors (file, sheet, row, column in
    each line), the warnings, and report.summary() (one line per register, then the outcome)."""
    errors = [str(e) for e in report.errors]
    warnings = [str(w) for w in report.warnings]
    summary = report.summary()
    if errors:
        st.error(
            ngettext("**{file} kan niet geïmporteerd worden**: {count} fout. Er werd niets gewijzigd in de databank; "
                     "verbeter het bestand en laad het opnieuw op.",
                     "**{file} kan niet geïmporteerd worden**: {count} fouten. Er werd niets gewijzigd in de databank; "
                     "verbeter het bestand en laad het opnieuw op.",
                     len(errors)).format(file=plain(report.file_name), count=fmt_int(len(errors))),
            icon=":material/error:",
        )
        _message_list(errors)
    elif report.applied:
        st.success(_("**{file}** is geïmporteerd.").format(file=plain(report.file_name)), icon=":material/check_circle:")
    else:
        st.success(_("**{file}** is gecontroleerd: geen fouten gevonden.").format(file=plain(report.file_name)),
                   icon=":material/task_alt:")
    if warnings:
        with st.expander(
            ngettext("{count} waarschuwing", "{count} waarschuwingen", len(warnings)).format(count=fmt_int(len(warnings))),
            expanded=True,
            icon=":material/warning:",
        ):
            _message_list(warnings)
    if summary:
        st.markdown("\n".join(f"- {plain(line)}" for line in summary))


def demo_end_warning() -> None:
    """What importing real data in the demo does, said before the button."""
    st.warning(
        _("**Deze import beëindigt de demo, voor iedereen.** Het bestand voegt rijen toe of wijzigt ze: "
          "vanaf dan bevat de databank echte gegevens en is aanmelden nodig. Na het importeren ziet u het "
          "importverslag en maakt u meteen het eerste account aan, de integriteitscoördinator, met de "
          "eenmalige code uit het logboek van de server. Voorbeeldgegevens die het bestand niet vervangt, "
          "blijven staan."),
        icon=":material/warning:",
    )


def _message_list(messages: list[str], limit: int = 200) -> None:
    shown = messages[:limit]
    st.markdown("\n".join(f"- {plain(m)}" for m in shown))
    if len(messages) > limit:
        st.caption(_("… en nog {count} meldingen.").format(count=fmt_int(len(messages) - limit)))


def history_frame(history: list[dict]) -> pd.DataFrame:
    """The import log as shown: when (dd/mm/jjjj HH:MM, Belgian time), who, file, sha256
    (short), the registers in the file and the rows added / updated / unchanged over them."""
    columns = [_("Wanneer"), _("Door"), _("Bestand"), _("Controlegetal (sha256)"), _("Registers"),
               *(_(label) for label in COUNT_LABELS.values())]
    rows = []
    for entry in history:
        counts = entry.get("counts") or {}
        values = [
            fmt_datetime(entry["at"], from_utc=True),
            entry["user_name"],
            entry["file_name"],
            (entry.get("sha256") or "")[:12],
            ", ".join(register_label(name) for name in counts),
            *(sum(int(c.get(key, 0)) for c in counts.values()) for key in COUNT_LABELS),
        ]
        rows.append(dict(zip(columns, values, strict=True)))
    return pd.DataFrame(rows, columns=columns)


def template_file_name() -> str:
    return _(TEMPLATE_FILE_NAME)


def template_bytes(lang: str | None = None) -> bytes:
    """The empty workbook of data_access.template in `lang` (default: the current language)."""

    buffer = io.BytesIO()
    with language(lang or current()):
        write_template(buffer)
    return buffer.getvalue()


def template_download(lang: str):
    """What the download button gets: the workbook made only when someone clicks, in the
    language of the page it was clicked on (the click runs on another thread)."""
    return partial(template_bytes, lang)
