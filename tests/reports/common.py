"""What the report tests share: the zone they are made for, the day, the user."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from data_access.access import Access

ROOT = Path(__file__).resolve().parents[2]
COORDINATOR = Access("coordinator", "integriteitscoordinator")
MADE_AT = datetime(2026, 1, 15, 10, 30)
TODAY = date.today()
LAST_YEAR = TODAY.year - 1
ZONE = "PZ Proefzone"
