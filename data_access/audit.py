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

The log stores the Dutch action names, keys and values above; the screen and the CSV show them
in the reader's language (action_label, describe), and a search text typed as the screen shows
it in French ("année : 2025") is turned back into the stored words (stored_search_text).
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
from i18n import N_, NP_, Text, _, pgettext, shown

ACTIONS = (
    "paginaweergave", "detailweergave", "import", "export", "aanmelding", "afmelding", "gebruikersbeheer",
    "instellingen", "geweigerd",
)
ACTION_LABELS = {  # Dutch; shown through action_label
    "paginaweergave": N_("Paginaweergave"),
    "detailweergave": N_("Detailweergave (rijen)"),
    "import": N_("Import"),
    "export": N_("Export"),
    "aanmelding": N_("Aanmelding"),
    "afmelding": N_("Afmelding"),
    "gebruikersbeheer": N_("Gebruikersbeheer"),
    "instellingen": N_("Instellingen"),
    "geweigerd": N_("Geweigerd (geen toegang)"),
}
DETAIL = "audit detail"  # the catalog context of the detail's words
# The words the details hold (their keys, and the fixed values of VALUE_KEYS: page and register
# names, methods, results, reasons, changes), shown translated by describe(). A name or a file
# name is never among them: it is shown as written.
DETAIL_TERMS = frozenset({
    # keys
    NP_("audit detail", "pagina"), NP_("audit detail", "filters"), NP_("audit detail", "jaar"), NP_("audit detail", "peildatum"),
    NP_("audit detail", "dienst"), NP_("audit detail", "reden"), NP_("audit detail", "methode"), NP_("audit detail", "resultaat"),
    NP_("audit detail", "gebruiker"), NP_("audit detail", "wijziging"), NP_("audit detail", "rol"), NP_("audit detail", "van"),
    NP_("audit detail", "naar"), NP_("audit detail", "aanmelden"), NP_("audit detail", "soort"), NP_("audit detail", "geanonimiseerd"),
    NP_("audit detail", "bestand"), NP_("audit detail", "register"), NP_("audit detail", "label"), NP_("audit detail", "rijen"),
    NP_("audit detail", "voorwaarden"), NP_("audit detail", "periode"), NP_("audit detail", "voor"), NP_("audit detail", "aantallen"),
    NP_("audit detail", "fouten"), NP_("audit detail", "wijzigingen"), NP_("audit detail", "schermdeling"),
    NP_("audit detail", "zoekopdracht"), NP_("audit detail", "actie"), NP_("audit detail", "tot"), NP_("audit detail", "tekst"),
    NP_("audit detail", "regels"),
    # values: pages (dashboard.shell.navigation) and registers (data_access.registers) by name
    NP_("audit detail", "overzicht"), NP_("audit detail", "klachten"), NP_("audit detail", "functioneringsnotas"),
    NP_("audit detail", "tuchtdossiers"), NP_("audit detail", "meldingen"), NP_("audit detail", "actieplan"),
    NP_("audit detail", "evaluatiecriteria"), NP_("audit detail", "risicoanalyse"), NP_("audit detail", "export"),
    NP_("audit detail", "gegevens"), NP_("audit detail", "instellingen"), NP_("audit detail", "gebruikers"), NP_("audit detail", "audit"),
    NP_("audit detail", "indicatoren"), NP_("audit detail", "risicos"), NP_("audit detail", "referenties"),
    # values: sign-in and sign-out (data_access.users, data_access.sessions, dashboard.shell.auth)
    NP_("audit detail", "lokaal"), NP_("audit detail", "oidc"), NP_("audit detail", "demo"), NP_("audit detail", "gelukt"),
    NP_("audit detail", "mislukt"), NP_("audit detail", "vergrendeld"), NP_("audit detail", "te snel na mislukte pogingen"),
    NP_("audit detail", "afgemeld"), NP_("audit detail", "verlopen na inactiviteit"), NP_("audit detail", "verlopen na de maximale duur"),
    NP_("audit detail", "wachtwoord gewijzigd"), NP_("audit detail", "rol gewijzigd"), NP_("audit detail", "account uitgeschakeld"),
    # values: user management (data_access.user_admin, data_access.users)
    NP_("audit detail", "toegevoegd"), NP_("audit detail", "uitgeschakeld"), NP_("audit detail", "ingeschakeld"),
    NP_("audit detail", "wachtwoord opnieuw ingesteld"), NP_("audit detail", "ontgrendeld"), NP_("audit detail", "eerste account aangemaakt"),
    NP_("audit detail", "eigen wachtwoord gewijzigd"), NP_("audit detail", "organisatie"), NP_("audit detail", "eenmalig wachtwoord"),
    # values: imports, exports, settings, this page's own export
    NP_("audit detail", "geïmporteerd"), NP_("audit detail", "geweigerd"), NP_("audit detail", "volledig"), NP_("audit detail", "brief gewijzigd"),
    NP_("audit detail", "auditlogboek"), NP_("audit detail", "alle"), NP_("audit detail", "Alle"),
})
# Keys whose values are the product's own words (shown translated); any other value is data.
VALUE_KEYS = frozenset({
    "pagina", "register", "dienst", "methode", "resultaat", "reden", "wijziging", "aanmelden", "soort",
    "rol", "van", "naar", "voor", "label", "wijzigingen", "actie",
})
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
            detail=json.dumps(_stored(dict(detail or {})), ensure_ascii=False, default=str),
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

CSV_HEADERS = {"at": N_("Tijdstip"), "user_name": N_("Gebruiker"), "role": N_("Rol"), "action": N_("Actie"), "detail": N_("Details")}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def action_label(action: str) -> str:
    """An action as the screen shows it, in the current language ('aanmelding' -> 'Aanmelding')."""
    return _(ACTION_LABELS[action]) if action in ACTION_LABELS else action


def _stored(value):
    """A detail as JSON holds it: a message with parameters (i18n.Text, e.g. the label of a
    drill-down, 'klachten ontvangen in {year}') as its Dutch message, parameters and text, so that
    describe() shows it in the reader's language, whoever recorded it in whichever language, and
    a search for the Dutch text finds it."""
    if type(value) is Text:  # not a subclass (register_terms.Value: a stored value, kept as its word)
        return {_MESSAGE: value.msgid, _PARAMS: {k: _stored(v) for k, v in value.params.items()}, _DUTCH: str(value)}
    if isinstance(value, dict):
        return {k: _stored(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_stored(v) for v in value]
    return value


_MESSAGE, _PARAMS, _DUTCH = "bericht", "waarden", "tekst"  # the Dutch text too: a search of the log finds it


def _message(value) -> Text | None:
    """The Text a stored detail value holds (see _stored), else None."""
    if isinstance(value, dict) and set(value) == {_MESSAGE, _PARAMS, _DUTCH} and isinstance(value[_PARAMS], dict):
        return Text(value[_MESSAGE], **{k: _message(v) or v for k, v in value[_PARAMS].items()})
    return None


def describe(detail: str) -> str:
    """The JSON detail as a line a person reads, in the current language: 'pagina: klachten ·
    filters: jaar: 2025' (fr: 'page : plaintes · filtres : année : 2025')."""
    try:
        value = json.loads(detail or "{}")
    except ValueError:
        return str(detail)
    return _describe(value)


def _term(word: str) -> str:
    return pgettext(DETAIL, word) if word in DETAIL_TERMS else word


def _describe(value, key: str | None = None) -> str:
    message = _message(value)
    if message is not None:
        return shown(message)
    if isinstance(value, dict):
        pair = pgettext("audit detail", "{key}: {value}")
        return " · ".join(pair.format(key=_term(k), value=_describe(v, k)) for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_describe(v, key) for v in value)
    if value is True:
        return pgettext("audit detail", "ja")
    if value is False:
        return pgettext("audit detail", "nee")
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    if isinstance(value, str) and key in VALUE_KEYS:
        # a fixed word, else a label the product shows elsewhere (a role, a refusal) when the
        # catalog knows it; anything else as stored
        return _term(value) if value in DETAIL_TERMS else _(value)
    return "" if value is None else str(value)


def stored_search_text(text: str) -> str:
    """A search text typed as the screen shows the details in the current language, in the
    stored words: 'année : 2025' -> 'jaar: 2025', 'page : plaintes' -> 'pagina: klachten'. Only a
    word before a colon (a key) or right after one (a value) is changed; Dutch stays as typed."""
    stored = {pgettext("audit detail", w).lower(): w for w in DETAIL_TERMS if pgettext("audit detail", w) != w}
    if not stored:
        return text
    words = "|".join(re.escape(w) for w in sorted(stored, key=len, reverse=True))
    text = re.sub(rf"(?<!\w)({words})\s*:", lambda m: stored[m[1].lower()] + ":", text, flags=re.IGNORECASE)
    return re.sub(rf"(?<=:)(\s*)({words})(?!\w)", lambda m: m[1] + stored[m[2].lower()], text, flags=re.IGNORECASE)


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
    """search() rows as CSV for Excel in Belgium: `;`-separated, UTF-8 with BOM, headers in the
    current language, times in Belgian time, role and action in words, every cell formula-safe."""


    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(_(header) for header in CSV_HEADERS.values())
    for row in rows.itertuples(index=False):
        writer.writerow(
            [
                csv_cell(to_local_text(row.at)),
                csv_cell(row.user_name),
                csv_cell(_(ROLE_LABELS[row.role]) if row.role in ROLE_LABELS else row.role),
                csv_cell(action_label(row.action)),
                csv_cell(describe(row.detail)),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
