"""How the Gebruikers page shows the accounts (data_access.user_admin does the changes)."""

from __future__ import annotations

import pandas as pd

from dashboard.style.formatting import fmt_date
from data_access.access import ROLE_LABELS
from data_access.user_admin import UserRow
from i18n import _


def status(user: UserRow) -> str:
    if user.disabled:
        return _("Uitgeschakeld")
    if user.locked:
        return _("Vergrendeld")
    return _("Actief")


def sign_in_kind(user: UserRow) -> str:
    if user.oidc_only:
        return _("Organisatie-login")
    return _("Eenmalig wachtwoord (nog te wijzigen)") if user.must_change_password else _("Wachtwoord")


def users_frame(rows: list[UserRow]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _("Gebruiker"): [u.name for u in rows],
            _("Rol"): [_(ROLE_LABELS[u.role]) if u.role in ROLE_LABELS else u.role for u in rows],
            _("Status"): [status(u) for u in rows],
            _("Aanmelden met"): [sign_in_kind(u) for u in rows],
            _("Aangemaakt"): [fmt_date(u.created_at) for u in rows],
        }
    )
