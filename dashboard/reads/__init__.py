"""Cached, role-aware reads: the dashboard's only way to the database and the KPI engine."""
