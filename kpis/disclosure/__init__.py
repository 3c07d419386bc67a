"""What the netwerk view (role netwerk, screen-share mode, the anonymised export) may show.

- policy: which reference dates, comparisons, diensten and time periods a view may use.
- markers: the typed marker a hidden count is shown as ("<5", "x").
- solver: what a reader can work out about hidden counts (an exact integer program).
- figures: every count the view may show on a day, and what ties them together.
- protect: what is shown of each, so that no small count can be worked out.
- release: the result, which pages and the anonymised export read.
The guarantee as a whole is written down in docs/auth.md; tests/test_netwerk_promise.py proves it.
"""
