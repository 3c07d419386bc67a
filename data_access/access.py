"""Who may read what. Enforced where data is read (data_access.reader), not only on screen.

Roles of ../shared/registers.md: korpsleiding and integriteitscoordinator see everything,
persons included; netwerk sees aggregated figures only. Screen-share mode gives any role the
netwerk view while it is on.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("korpsleiding", "integriteitscoordinator", "netwerk")
ROLE_LABELS = {
    "korpsleiding": "Korpsleiding",
    "integriteitscoordinator": "Integriteitscoördinator",
    "netwerk": "Integriteitsnetwerk",
}


class AccessDenied(PermissionError):
    """A read or action the role may not do; the message is Dutch."""


@dataclass(frozen=True)
class Access:
    user: str
    role: str
    screen_share: bool = False

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"Onbekende rol: {self.role}")

    @property
    def aggregated_only(self) -> bool:
        """The netwerk view: no person, no single dossier row, small counts suppressed."""
        return self.role == "netwerk" or self.screen_share

    @property
    def may_see_rows(self) -> bool:
        return not self.aggregated_only

    @property
    def may_see_persons(self) -> bool:
        return not self.aggregated_only

    @property
    def may_import(self) -> bool:
        return self.role == "integriteitscoordinator" and not self.screen_share

    @property
    def may_change_settings(self) -> bool:
        return self.may_import

    @property
    def may_export_full(self) -> bool:
        return self.role in ("korpsleiding", "integriteitscoordinator") and not self.screen_share


SYSTEM = Access(user="systeem", role="integriteitscoordinator")
