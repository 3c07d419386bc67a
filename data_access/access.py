"""Who may read what. Enforced where data is read (data_access.reader), not only on screen.

Roles of ../shared/registers.md: korpsleiding and integriteitscoordinator see everything,
persons included; netwerk sees aggregated figures only. Screen-share mode gives any role the
netwerk view while it is on.

One table, PERMISSIONS, says which role may do which action; screen-share mode keeps only the
actions marked as safe on a shared screen. Pages and exports ask `access.allows(action)` (to
decide what to show) or call `access.require(action)` (which raises AccessDenied with a Dutch
message) right before doing it.
"""

from __future__ import annotations

from dataclasses import dataclass

from i18n import N_, Text

ROLES = ("korpsleiding", "integriteitscoordinator", "netwerk")
ROLE_LABELS = {  # Dutch; translate with i18n._ where shown (the audit log stores the Dutch label)
    "korpsleiding": N_("Korpsleiding"),
    "integriteitscoordinator": N_("Integriteitscoördinator"),
    "netwerk": N_("Integriteitsnetwerk"),
}

# action -> roles that may do it (outside screen-share mode)
PERMISSIONS: dict[str, frozenset[str]] = {
    "read_rows": frozenset({"korpsleiding", "integriteitscoordinator"}),  # single dossier rows
    "read_persons": frozenset({"korpsleiding", "integriteitscoordinator"}),  # **P** columns
    "import": frozenset({"integriteitscoordinator"}),
    "change_settings": frozenset({"integriteitscoordinator"}),
    "export_full": frozenset({"korpsleiding", "integriteitscoordinator"}),
    "export_anonymised": frozenset(ROLES),
    "view_audit": frozenset({"integriteitscoordinator"}),
    "manage_users": frozenset({"integriteitscoordinator"}),
    # The PDF reports to the authorities and to all staff (dashboard.reports): aggregated only,
    # but sent out in the zone's name, so made by the korpsleiding or the coordinator.
    "make_reports": frozenset({"korpsleiding", "integriteitscoordinator"}),
    # Figures for one dienst: with the zone's figures beside them, the other diensten's shown
    # counts give away a small one by subtraction, so the netwerk view stays zone-wide.
    "filter_dienst": frozenset({"korpsleiding", "integriteitscoordinator"}),
    # Any reference date: figures at two dates a day apart show one dossier's date (and, through
    # the splits, its category), so the netwerk view keeps the default date (31/12, or today).
    "choose_reference_date": frozenset({"korpsleiding", "integriteitscoordinator"}),
}
# What stays allowed while screen-share mode is on: only what shows no person.
SCREEN_SHARE_SAFE: frozenset[str] = frozenset({"export_anonymised"})

# Dutch, marked for the catalogs; shown with i18n._ (AccessDenied carries them as an i18n.Text).
DENIED_MESSAGES = {
    "read_rows": N_("Uw rol ziet enkel geaggregeerde cijfers; individuele dossiers zijn niet zichtbaar."),
    "read_persons": N_("Uw rol mag geen persoonsgegevens zien."),
    "import": N_("Enkel de integriteitscoördinator mag gegevens importeren."),
    "change_settings": N_("Enkel de integriteitscoördinator mag instellingen wijzigen."),
    "export_full": N_("Uw rol mag enkel de geanonimiseerde export maken."),
    "export_anonymised": N_("Uw rol mag geen export maken."),
    "view_audit": N_("Enkel de integriteitscoördinator mag het auditlogboek raadplegen."),
    "manage_users": N_("Enkel de integriteitscoördinator mag gebruikers beheren."),
    "make_reports": N_("Enkel de korpsleiding en de integriteitscoördinator maken de rapporten aan de overheden en de "
                       "medewerkers."),
    "filter_dienst": N_("In de geanonimiseerde weergave zijn er enkel cijfers voor de hele zone, niet per dienst."),
    "choose_reference_date": N_("In de geanonimiseerde weergave gelden de cijfers op 31/12 van het jaar, of vandaag voor "
                                "het lopende jaar."),
}
SCREEN_SHARE_MESSAGE = N_("Schermdeling is actief: enkel geanonimiseerde cijfers. Schakel schermdeling uit om dit te doen.")


class AccessDenied(PermissionError):
    """A read or action the role may not do; its message an i18n.Text (str(exc) is the Dutch
    message, i18n.shown(exc.args[0]) the message in the current language)."""


@dataclass(frozen=True)
class Access:
    user: str
    role: str
    screen_share: bool = False

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"Onbekende rol: {self.role}")

    def allows(self, action: str) -> bool:
        """True when this role, in this mode, may do `action` (a key of PERMISSIONS)."""
        if action not in PERMISSIONS:
            raise KeyError(f"Onbekende actie: {action}")
        if self.screen_share and action not in SCREEN_SHARE_SAFE:
            return False
        return self.role in PERMISSIONS[action]

    def require(self, action: str) -> None:
        """Raises AccessDenied (Dutch message) unless allows(action)."""
        if not self.allows(action):
            if self.screen_share and self.role in PERMISSIONS[action]:
                raise AccessDenied(Text(SCREEN_SHARE_MESSAGE))
            raise AccessDenied(Text(DENIED_MESSAGES[action]))

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def aggregated_only(self) -> bool:
        """The netwerk view: no person, no single dossier row, small counts suppressed."""
        return not self.allows("read_rows")

    @property
    def may_see_rows(self) -> bool:
        return self.allows("read_rows")

    @property
    def may_import(self) -> bool:
        return self.allows("import")

    @property
    def may_export_full(self) -> bool:
        return self.allows("export_full")


SYSTEM = Access(user="systeem", role="integriteitscoordinator")
