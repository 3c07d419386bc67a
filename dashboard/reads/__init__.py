"""Cached, role-aware reads for the pages: KPI reports, series, splits and alerts; for the netwerk
view only what the day's release of kpis.disclosure holds."""
