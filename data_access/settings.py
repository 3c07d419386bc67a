"""Settings kept in the database: the norms of kpi-catalog.md and the suppression threshold."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from data_access.db import bump_data_version
from data_access.schema import settings as settings_table


@dataclass(frozen=True)
class Setting:
    key: str
    default: int
    label: str  # Dutch, for the settings page
    minimum: int = 0
    maximum: int = 3650


SETTINGS: tuple[Setting, ...] = (
    Setting("complaint_norm_days", 90, "Norm afhandeling klacht (dagen)", 1),
    Setting("report_ack_days", 7, "Termijn ontvangstbevestiging melding (dagen)", 1, 365),
    Setting("report_feedback_months", 3, "Termijn terugkoppeling melding (maanden)", 1, 36),
    Setting("followup_grace_days", 0, "Marge opvolging functioneringsnota (dagen)", 0, 365),
    Setting("discipline_limit_months", 6, "Termijn inleidend verslag tuchtdossier (maanden)", 1, 60),
    Setting("discipline_warn_days", 30, "Waarschuwen vóór einde termijn tuchtdossier (dagen)", 0, 365),
    Setting("suppression_threshold", 5, "Drempel kleine aantallen (aantallen onder deze waarde worden verborgen)", 2, 100),
)
DEFAULTS: dict[str, int] = {s.key: s.default for s in SETTINGS}
BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}


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
            raise ValueError(f"{s.label}: kies een geheel getal van {s.minimum} tot {s.maximum}.")
    for key, value in changes.items():
        updated = conn.execute(
            settings_table.update().where(settings_table.c.key == key).values(value=str(value))
        )
        if updated.rowcount == 0:
            conn.execute(settings_table.insert().values(key=key, value=str(value)))
    bump_data_version(conn)
