"""Auditlogboek: the coordinator searches who looked at, opened, imported or exported what (and
who was refused a page), and exports the result as CSV. The log itself cannot be changed from here (or anywhere)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

import i18n
from dashboard.reads import data, errors
from dashboard.ui import components as ui, downloads
from data_access import audit
from data_access.access import ROLE_LABELS
from i18n import _, format_number, ngettext

LIMIT = 1000
BRUSSELS = ZoneInfo("Europe/Brussels")

access = ui.require("view_audit")
ui.page_header(
    _("Auditlogboek"),
    caption=_("Wie bekeek, opende, importeerde of exporteerde wat, en wanneer; ook wie een pagina vroeg "
              "die zijn rol niet mag openen (actie Geweigerd). Het logboek kan niet gewijzigd of gewist worden."),
)


def _utc(day: dt.date) -> dt.datetime:
    """Local midnight of a day, as the naive UTC the log stores."""
    local = dt.datetime(day.year, day.month, day.day, tzinfo=BRUSSELS)
    return local.astimezone(dt.UTC).replace(tzinfo=None)


today = dt.datetime.now(BRUSSELS).date()
with st.form("audit_zoeken"):
    c1, c2, c3, c4 = st.columns([2, 2, 3, 3])
    user = c1.text_input(_("Gebruiker"), key="audit_gebruiker", help=_("Een deel van de naam of het e-mailadres volstaat."))
    action = c2.selectbox(
        _("Actie"),
        [None, *audit.ACTIONS],
        format_func=lambda a: _("Alle acties") if a is None else audit.action_label(a),
        key="audit_actie",
    )
    period = c3.date_input(
        _("Periode"),
        value=(today - dt.timedelta(days=365), today),
        max_value=today,
        format="DD/MM/YYYY",
        key="audit_periode",
    )
    text = c4.text_input(
        _("Zoektekst in de details"),
        key="audit_tekst",
        help=_('Bv. "jaar: 2025", een bestandsnaam of een pagina, zoals in de kolom Details. '
               '"Wie exporteerde de cijfers van 2025?": kies actie Export en zoek op "jaar: 2025".'),
    )
    st.form_submit_button(_("Zoeken"), type="primary")

since = until = None
if isinstance(period, (tuple, list)) and period:
    since = _utc(period[0])
    until = _utc((period[1] if len(period) > 1 else period[0]) + dt.timedelta(days=1))

with errors.database_guard(), data.get_engine().connect() as conn:
    rows = audit.search(conn, user=user or None, action=action, since=since, until=until,
                        text=audit.stored_search_text(text) if text else None, limit=LIMIT)

if rows.empty:
    st.info(_("Geen regels gevonden voor deze zoekopdracht. Verruim de periode of wis een zoekterm."), icon=":material/info:")
    st.stop()

shown = pd.DataFrame(
    {
        _("Tijdstip"): [audit.to_local_text(at) for at in rows["at"]],
        _("Gebruiker"): rows["user_name"],
        _("Rol"): [_(ROLE_LABELS[r]) if r in ROLE_LABELS else r for r in rows["role"]],
        _("Actie"): [audit.action_label(a) for a in rows["action"]],
        _("Details"): [audit.describe(d) for d in rows["detail"]],
    }
)
if len(rows) == LIMIT:
    st.caption(_("{count} regels (de nieuwste; verfijn de zoekopdracht voor oudere regels)").format(count=format_number(len(rows))))
else:
    # Dutch says "1 regels" as it always did; the plural form is there for French ("1 ligne")
    st.caption(ngettext("{count} regels", "{count} regels", len(rows)).format(count=format_number(len(rows))))
ui.table(shown, key="audit_regels")


engine = data.get_engine()
lang = i18n.current()  # the click runs on another thread: the CSV in the language of this page


def _export_csv() -> bytes:
    """Built on click (dashboard.ui.downloads, on Streamlit's download thread), the audit row
    written in the same transaction."""
    with i18n.language(lang):
        with engine.begin() as conn:
            audit.record(
                conn,
                access,
                "export",
                {
                    "soort": "auditlogboek",
                    "regels": len(rows),
                    "zoekopdracht": {
                        "gebruiker": user or "",
                        "actie": action or "alle",
                        "van": period[0].isoformat() if since else "",
                        "tot": (period[-1]).isoformat() if until else "",
                        "tekst": text or "",
                    },
                },
            )
        return audit.to_csv(rows)


downloads.button(
    _("Exporteer als CSV"),
    _export_csv,
    file_name=_("auditlogboek_{date}.csv").format(date=f"{today:%Y%m%d}"),
    mime="text/csv",
    key="audit_csv",
    icon=":material/download:",
    help=_("Puntkomma-gescheiden, te openen in Excel. De export wordt zelf ook in het logboek genoteerd."),
)
