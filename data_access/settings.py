"""Settings kept in the database: the norms of kpi-catalog.md, the suppression threshold (whole
numbers, `load_settings` / `save_settings`), the zone's name for the yearly export's cover
(`load_zone_name` / `save_zone_name`) and the cover letter of the report to each authority
(`load_cover_letter` / `save_cover_letter`), all in the table `settings` (key, text value)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from data_access.db import bump_data_version
from data_access.schema import settings as settings_table
from i18n import DEFAULT as DEFAULT_LANGUAGE, N_, UnknownLanguage, _, normalise


@dataclass(frozen=True)
class Setting:
    key: str
    default: int
    label: str  # Dutch, for the settings page; translate with i18n._ where shown
    minimum: int = 0
    maximum: int = 3650


SETTINGS: tuple[Setting, ...] = (
    Setting("complaint_norm_days", 90, N_("Norm afhandeling klacht (dagen)"), 1),
    Setting("report_ack_days", 7, N_("Termijn ontvangstbevestiging melding (dagen)"), 1, 365),
    Setting("report_feedback_months", 3, N_("Termijn terugkoppeling melding (maanden)"), 1, 36),
    Setting("followup_grace_days", 0, N_("Marge opvolging functioneringsnota (dagen)"), 0, 365),
    Setting("discipline_limit_months", 6, N_("Termijn inleidend verslag tuchtdossier (maanden)"), 1, 60),
    Setting("discipline_warn_days", 30, N_("Waarschuwen vóór einde termijn tuchtdossier (dagen)"), 0, 365),
    Setting("risk_high_score", 15, N_("Risicoscore vanaf hoog (kans × impact)"), 1, 25),
    Setting("risk_medium_score", 8, N_("Risicoscore vanaf midden (kans × impact)"), 1, 25),
    Setting("suppression_threshold", 5, N_("Drempel kleine aantallen (aantallen onder deze waarde worden verborgen)"), 2, 100),
    Setting("session_idle_minutes", 30, N_("Afmelden na inactiviteit (minuten)"), 5, 480),
    Setting("session_max_hours", 12, N_("Maximale duur van een aanmelding (uren)"), 1, 24),
)
DEFAULTS: dict[str, int] = {s.key: s.default for s in SETTINGS}
BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}

ZONE_NAME_KEY = "zone_name"  # not a norm: load_settings leaves it out
ZONE_NAME_LABEL = N_("Naam van de politiezone")
ZONE_NAME_MAX = 80


def load_settings(conn: sa.Connection) -> dict[str, int]:
    """Every setting, stored value over default."""
    values = dict(DEFAULTS)
    for key, value in conn.execute(sa.select(settings_table.c.key, settings_table.c.value)):
        if key in values:
            values[key] = int(value)
    return values


def save_settings(conn: sa.Connection, changes: dict[str, int]) -> None:
    """Validates and stores changed settings, and bumps the data version. Raises ValueError
    with a Dutch message for an unknown key or a value out of range."""
    for key, value in changes.items():
        if key not in BY_KEY:
            raise ValueError(f"Onbekende instelling: {key}")
        s = BY_KEY[key]
        if not isinstance(value, int) or not s.minimum <= value <= s.maximum:
            raise ValueError(_("{label}: kies een geheel getal van {minimum} tot {maximum}.").format(
                label=_(s.label), minimum=s.minimum, maximum=s.maximum))
    merged = {**load_settings(conn), **changes}
    if merged["risk_medium_score"] > merged["risk_high_score"]:
        raise ValueError(_("{medium}: mag niet hoger zijn dan {high} ({value}).").format(
            medium=_(BY_KEY["risk_medium_score"].label),
            high=_(BY_KEY["risk_high_score"].label).lower(),
            value=merged["risk_high_score"]))
    for key, value in changes.items():
        _store(conn, key, str(value))
    bump_data_version(conn)


def load_zone_name(conn: sa.Connection) -> str | None:
    """The zone's name as saved on the Instellingen page, or None."""
    value = conn.execute(sa.select(settings_table.c.value).where(settings_table.c.key == ZONE_NAME_KEY)).scalar()
    return value or None


def tidy_zone_name(text: object) -> str:
    """`text` without spaces around it and with single spaces inside ("" for nothing)."""
    return " ".join(str(text or "").split())


def clean_zone_name(text: object) -> str:
    """tidy_zone_name(text); ValueError (in the language of the run) when empty or too long."""
    name = tidy_zone_name(text)
    if not name:
        raise ValueError(_("{label}: vul een naam in, bv. PZ Schoten.").format(label=_(ZONE_NAME_LABEL)))
    if len(name) > ZONE_NAME_MAX:
        raise ValueError(_("{label}: hoogstens {maximum} tekens (nu {length}).").format(
            label=_(ZONE_NAME_LABEL), maximum=ZONE_NAME_MAX, length=len(name)))
    return name


def save_zone_name(conn: sa.Connection, text: object) -> str:
    """Stores the cleaned name (clean_zone_name), bumps the data version and returns the name."""
    name = clean_zone_name(text)
    _store(conn, ZONE_NAME_KEY, name)
    bump_data_version(conn)
    return name


LANGUAGE_KEY = "taal"  # the zone's default language (Instellingen); each user can switch in the sidebar
LANGUAGE_LABEL = N_("Standaardtaal van het dashboard")


def load_language(conn: sa.Connection) -> str:
    """The zone's default language, "nl" or "fr" ("nl" when none was saved)."""
    value = conn.execute(sa.select(settings_table.c.value).where(settings_table.c.key == LANGUAGE_KEY)).scalar()
    try:
        return normalise(value)
    except UnknownLanguage:
        return DEFAULT_LANGUAGE


def save_language(conn: sa.Connection, lang: str) -> str:
    """Stores the zone's default language ("nl" or "fr"; UnknownLanguage otherwise), bumps the
    data version and returns it."""
    code = normalise(lang)
    _store(conn, LANGUAGE_KEY, code)
    bump_data_version(conn)
    return code


def _store(conn: sa.Connection, key: str, value: str) -> None:
    updated = conn.execute(settings_table.update().where(settings_table.c.key == key).values(value=value))
    if updated.rowcount == 0:
        conn.execute(settings_table.insert().values(key=key, value=value))


# The authorities the periodic report goes to (policy plan 3.1.4.4), each with the cover letter
# the coordinator writes on the Instellingen page; {periode} and {zone} are filled in.
ADDRESSEES = {
    "burgemeester": "De burgemeester en het politiecollege",
    "comite-p": "Het Vast Comité van Toezicht op de politiediensten (Comité P)",
    "tuchtraad": "De Tuchtraad",
}
_LETTER_END = ("\n\nDe cijfers zijn geaggregeerd: ze noemen geen personen en geen dossiers, en kleine aantallen "
               "zijn afgeschermd. Voor vragen staat de integriteitscoördinator tot uw beschikking.\n\n"
               "Met hoogachting,\n\nDe integriteitscoördinator\n{zone}")
DEFAULT_COVER_LETTERS = {
    "burgemeester": "Geachte burgemeester, geachte leden van het politiecollege,\n\nZoals ons integriteitsbeleidsplan "
                    "bepaalt (punt 3.1.4.4), bezorgen wij u het overzicht van de klachten, de formele "
                    "functioneringsnota's, de ordemaatregelen en de geopende tucht- en gerechtelijke dossiers van "
                    "{zone} over de periode {periode}." + _LETTER_END,
    "comite-p": "Geachte voorzitter, geachte leden van het Vast Comité P,\n\nIn het kader van ons "
                "integriteitsbeleidsplan (punt 3.1.4.4) bezorgen wij u het overzicht van de klachten, de formele "
                "functioneringsnota's, de ordemaatregelen en de geopende tucht- en gerechtelijke dossiers van "
                "{zone} over de periode {periode}." + _LETTER_END,
    "tuchtraad": "Geachte voorzitter, geachte leden van de Tuchtraad,\n\nIn het kader van ons "
                 "integriteitsbeleidsplan (punt 3.1.4.4) bezorgen wij u het overzicht van de klachten, de formele "
                 "functioneringsnota's, de ordemaatregelen en de geopende tucht- en gerechtelijke dossiers van "
                 "{zone} over de periode {periode}." + _LETTER_END,
}
COVER_LETTER_MAX = 4000


def addressee_object(addressee: str) -> str:
    """'de burgemeester en het politiecollege': the addressee inside a sentence, in the current
    language."""
    label = _(ADDRESSEES[addressee])
    return label[0].lower() + label[1:]


def cover_letter_key(addressee: str) -> str:
    if addressee not in ADDRESSEES:
        raise ValueError(f"Onbekende geadresseerde: {addressee}. Kies uit: {', '.join(ADDRESSEES)}.")
    return f"cover_letter_{addressee}"


def load_cover_letter(conn: sa.Connection, addressee: str) -> str:
    """The cover letter for `addressee` as saved on the Instellingen page, else the default."""
    key = cover_letter_key(addressee)
    value = conn.execute(sa.select(settings_table.c.value).where(settings_table.c.key == key)).scalar()
    return value or DEFAULT_COVER_LETTERS[addressee]


def clean_cover_letter(addressee: str, text: object) -> str:
    """The letter without trailing spaces per line; ValueError (Dutch) when empty or too long."""
    letter = "\n".join(line.rstrip() for line in str(text or "").replace("\r\n", "\n").split("\n")).strip()
    cover_letter_key(addressee)
    label = f"Begeleidende brief aan {addressee_object(addressee)}"
    if not letter:
        raise ValueError(f"{label}: de brief is leeg. Schrijf een tekst; de standaardtekst staat onderaan de pagina Instellingen.")
    if len(letter) > COVER_LETTER_MAX:
        raise ValueError(f"{label}: hoogstens {COVER_LETTER_MAX} tekens (nu {len(letter)}).")
    return letter


def save_cover_letter(conn: sa.Connection, addressee: str, text: object) -> str:
    """Stores the cleaned letter (clean_cover_letter), bumps the data version and returns it."""
    letter = clean_cover_letter(addressee, text)
    _store(conn, cover_letter_key(addressee), letter)
    bump_data_version(conn)
    return letter
