"""What the netwerk view (role netwerk, screen-share mode, the anonymised export) may show.

- policy: which reference dates, comparisons, diensten and time periods a view may use.
- markers: the typed marker a hidden count is shown as ("<5", "x").
The rules that hide small counts and what would give them back live in kpis.suppression; the
guarantee as a whole is written down in docs/auth.md.
"""
