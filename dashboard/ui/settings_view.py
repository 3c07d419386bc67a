"""How the Instellingen page groups the settings of data_access.settings: by the register each
one is about, recognised by its key's prefix."""

from __future__ import annotations

from data_access.settings import SETTINGS, Setting

GROUPS = {
    "complaint": "Klachten",
    "report": "Meldingen integriteit",
    "followup": "Functioneringsnota's",
    "discipline": "Tucht- en gerechtelijke dossiers",
    "risk": "Risicoanalyse",
    "suppression": "Kleine aantallen",
    "session": "Aanmelding",
}
OTHER = "Andere"


def group_of(key: str) -> str:
    return next((title for prefix, title in GROUPS.items() if key.startswith(prefix + "_")), OTHER)


def grouped_settings() -> dict[str, list[Setting]]:
    """Group title -> its settings, groups and settings in declaration order."""
    groups: dict[str, list[Setting]] = {}
    for setting in SETTINGS:
        groups.setdefault(group_of(setting.key), []).append(setting)
    return groups
