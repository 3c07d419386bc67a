"""How the Gebruikers page shows the accounts (data_access.user_admin does the changes)."""

from __future__ import annotations

import pandas as pd

from dashboard.style.formatting import fmt_date
from data_access.access import ROLE_LABELS
from data_access.user_admin import UserRow


def status(user: UserRow) -> str:
    if user.disabled:
        return "Uitgeschakeld"
    if user.locked:
        return "Vergrendeld"
    return "Actief"


def sign_in_kind(user: UserRow) -> str:
    if user.oidc_only:
        return "Organisatie-login"
    return "Eenmalig wachtwoord (nog te wijzigen)" if user.must_change_password else "Wachtwoord"


def users_frame(rows: list[UserRow]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Gebruiker": [u.name for u in rows],
            "Rol": [ROLE_LABELS.get(u.role, u.role) for u in rows],
            "Status": [status(u) for u in rows],
            "Aanmelden met": [sign_in_kind(u) for u in rows],
            "Aangemaakt": [fmt_date(u.created_at) for u in rows],
        }
    )
