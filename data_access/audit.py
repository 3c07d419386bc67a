"""The audit log: who looked at, drilled into, imported or exported what, and when.

Append-only: this module only inserts and selects; nothing in the code updates or deletes a row,
and the database refuses it too: on PostgreSQL a trigger refuses UPDATE/DELETE/TRUNCATE
(migration 0001), on SQLite two triggers refuse UPDATE and DELETE (migration 0002).

Actions and the detail each one carries (a dict, stored as JSON text):
- "paginaweergave": {"pagina": "klachten", "filters": {"jaar": 2025, "dienst": "Alle"}}
- "detailweergave": {"pagina": ..., "register": "klachten", "filters": {...}, "rijen": 12}
- "import":         {"bestand": "registers.xlsx", "resultaat": "geïmporteerd", ...}
- "export":         {"soort": "volledig" | "geanonimiseerd", "jaar": 2025, "bestand": ...}
- "aanmelding":     {"methode": "lokaal" | "oidc" | "demo", "resultaat": "gelukt" | "mislukt" | "vergrendeld"};
                    a failed local attempt names the user name as typed, known or not, with no role
- "afmelding":      {"methode": "lokaal", "reden": "afgemeld" | "verlopen na inactiviteit" | ...}
- "gebruikersbeheer": {"gebruiker": "jan", "wijziging": "rol" | "uitgeschakeld" | ..., ...}
- "instellingen":   {"wijzigingen": {"suppression_threshold": 5}}
- "geweigerd":      {"pagina": "audit", "reden": "Enkel de integriteitscoördinator mag ..."}: a page
                    the role may not open was asked for (it showed only the reason)
"Who exported the 2025 figures, and when": search(conn, action="export", text="jaar: 2025").
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pandas as pd
import sqlalchemy as sa

from data_access.access import ROLE_LABELS, Access
from data_access.schema import audit_log

ACTIONS = (
    "paginaweergave", "detailweergave", "import", "export", "aanmelding", "afmelding", "gebruikersbeheer",
    "instellingen", "geweigerd",
)
ACTION_LABELS = {
    "paginaweergave": "Paginaweergave",
    "detailweergave": "Detailweergave (rijen)",
    "import": "Import",
    "export": "Export",
    "aanmelding": "Aanmelding",
    "afmelding": "Afmelding",
    "gebruikersbeheer": "Gebruikersbeheer",
    "instellingen": "Instellingen",
    "geweigerd": "Geweigerd (geen toegang)",
}
COLUMNS = ("id", "at", "user_name", "role", "action", "detail")


def utcnow() -> datetime:
    """Naive UTC, as the DateTime columns hold it."""
    return datetime.now(UTC).replace(tzinfo=None)


def record(conn: sa.Connection, access: Access, action: str, detail: dict | None = None, *, at: datetime | None = None) -> None:
    """Appends one row. Call it inside the same transaction as the thing it records (an import,
    an export) or in its own `engine.begin()` block (a page view)."""
    payload = dict(detail or {})
    if access.screen_share:
        payload["schermdeling"] = True
    record_for(conn, access.user, access.role, action, payload, at=at)


def record_for(conn: sa.Connection, user_name: str, role: str, action: str, detail: dict | None = None, *,
               at: datetime | None = None) -> None:
    """record() for a name that is not (or no longer) a signed-in user: a failed sign-in with
    whatever name was typed (role ""), a session that expired."""
    if action not in ACTIONS:
        raise ValueError(f"Onbekende auditactie: {action}")
    conn.execute(
        audit_log.insert().values(
            at=at or utcnow(),
            user_name=user_name,
            role=role,
            action=action,
            detail=json.dumps(dict(detail or {}), ensure_ascii=False, default=str),
        )
    )


def search(
    conn: sa.Connection,
    *,
    user: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    text: str | None = None,
    limit: int | None = 1000,
) -> pd.DataFrame:
    """Rows newest first, columns COLUMNS. `user` and `text` match case-insensitively as a part
    of the user name / the detail (for `text` quotes do not matter, so the words the page shows,
    "jaar: 2025", find the row); `since` is inclusive, `until` exclusive (a date means its
    midnight)."""
    t = audit_log
    q = sa.select(*(t.c[c] for c in COLUMNS)).order_by(t.c.at.desc(), t.c.id.desc())
    if user:
        q = q.where(sa.func.lower(t.c.user_name).contains(user.strip().lower(), autoescape=True))
    if action:
        q = q.where(t.c.action == action)
    if since is not None:
        q = q.where(t.c.at >= _as_datetime(since))
    if until is not None:
        q = q.where(t.c.at < _as_datetime(until))
    if text:
        # Quotes ignored on both sides: what the page shows ("jaar: 2025") finds the stored
        # JSON ('"jaar": 2025').
        plain = sa.func.lower(sa.func.replace(t.c.detail, '"', ""))
        q = q.where(plain.contains(text.replace('"', "").strip().lower(), autoescape=True))
    if limit:
        q = q.limit(limit)
    rows = conn.execute(q).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=list(COLUMNS))


def _as_datetime(value) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day)


# --- reading it back --------------------------------------------------------------------------

CSV_HEADERS = {"at": "Tijdstip", "user_name": "Gebruiker", "role": "Rol", "action": "Actie", "detail": "Details"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def describe(detail: str) -> str:
    """The JSON detail as a line a person reads: 'pagina: klachten · filters: jaar 2025'."""
    try:
        value = json.loads(detail or "{}")
    except ValueError:
        return str(detail)
    return _describe(value)


def _describe(value) -> str:
    if isinstance(value, dict):
        return " · ".join(f"{k}: {_describe(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_describe(v) for v in value)
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    return "" if value is None else str(value)


def csv_cell(value) -> str:
    """A cell safe to open in a spreadsheet: text starting with = + - @, a tab or CR gets a
    leading ' so it is never run as a formula (CWE-1236, engineering-notes)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_local_text(at: datetime) -> str:
    """Naive UTC -> 'dd/mm/jjjj HH:MM:SS' in Belgian time."""

    local = at.replace(tzinfo=UTC).astimezone(ZoneInfo("Europe/Brussels"))
    return local.strftime("%d/%m/%Y %H:%M:%S")


def to_csv(rows: pd.DataFrame) -> bytes:
    """search() rows as CSV for Excel in Belgium: `;`-separated, UTF-8 with BOM, Dutch headers,
    times in Belgian time, role and action in words, every cell formula-safe."""


    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADERS.values())
    for row in rows.itertuples(index=False):
        writer.writerow(
            [
                csv_cell(to_local_text(row.at)),
                csv_cell(row.user_name),
                csv_cell(ROLE_LABELS.get(row.role, row.role)),
                csv_cell(ACTION_LABELS.get(row.action, row.action)),
                csv_cell(describe(row.detail)),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
