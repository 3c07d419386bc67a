"""External references (register Referenties, registers.md §9): published values to read beside
the zone's own figure, never a norm (no status, no pass or fail).

A reference's `waarde` is on the KPI's screen scale: a rate as a percentage (46 for 46 %), a
per-100-VTE figure as it is. `on_kpi_scale` gives it on the KPI's own scale (a rate as a
fraction), so that the two can be formatted alike. The register holds no person and no figure of
the zone: every view reads it as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from data_access.schema import REGISTER_TABLES
from kpis.catalog import BY_ID


@dataclass(frozen=True)
class Reference:
    indicator: str  # a KPI id
    jaar: int
    waarde: float  # on the screen scale
    populatie: str
    bron: str

    @property
    def on_kpi_scale(self) -> float:
        """The value as the KPI holds it: a rate's percentage as a fraction."""
        kpi = BY_ID.get(self.indicator)
        return self.waarde / 100 if kpi is not None and kpi.unit == "rate" else self.waarde


def load(conn: sa.Connection) -> dict[str, list[Reference]]:
    """{KPI id: its references, newest year first, then by source and population}."""
    t = REGISTER_TABLES["referenties"]
    rows = conn.execute(sa.select(t.c.indicator, t.c.jaar, t.c.waarde, t.c.populatie, t.c.bron))
    out: dict[str, list[Reference]] = {}
    for indicator, jaar, waarde, populatie, bron in rows:
        out.setdefault(indicator, []).append(Reference(indicator, int(jaar), float(waarde), populatie, bron))
    for refs in out.values():
        refs.sort(key=lambda r: (-r.jaar, r.bron, r.populatie))
    return out
