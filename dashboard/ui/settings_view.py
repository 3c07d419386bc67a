"""How the Instellingen page groups the settings of data_access.settings: by the register each
one is about, recognised by its key's prefix."""

from __future__ import annotations

from data_access.settings import SETTINGS, Setting
from i18n import N_

GROUPS = {  # Dutch group titles; translate with i18n._ where shown
    "complaint": N_("Klachten"),
    "report": N_("Meldingen integriteit"),
    "followup": N_("Functioneringsnota's"),
    "discipline": N_("Tucht- en gerechtelijke dossiers"),
    "risk": N_("Risicoanalyse"),
    "suppression": N_("Kleine aantallen"),
    "session": N_("Aanmelding"),
}
OTHER = N_("Andere")


def group_of(key: str) -> str:
    return next((title for prefix, title in GROUPS.items() if key.startswith(prefix + "_")), OTHER)


def grouped_settings() -> dict[str, list[Setting]]:
    """Group title -> its settings, groups and settings in declaration order."""
    groups: dict[str, list[Setting]] = {}
    for setting in SETTINGS:
        groups.setdefault(group_of(setting.key), []).append(setting)
    return groups
