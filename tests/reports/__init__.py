"""The PDF reports (dashboard.reports), in Dutch and in French."""
