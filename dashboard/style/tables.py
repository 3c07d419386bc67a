"""How a table fits its place, without Streamlit: which columns are drawn at which width, and the
cells as text for a table drawn as plain HTML (screen-share mode).

- fit(frame, headers, budget=FIT_WIDTH, keep=()) -> Fit: a width in px per column, estimated from
  the header and the cell texts, so that the columns together stay within `budget` (the width of
  the page's content at 1440 px beside the sidebar). Long text columns give up width first (down
  to TEXT_FLOOR); when that is not enough, the last columns (except `keep`) are left out of the
  grid and shown on demand (`Fit.hidden`).
- cell_text(value) -> str: a cell as the dashboard writes it: dd/mm/jjjj, Dutch numbers, ja/nee,
  a missing value as an empty cell (never "None", "nan" or "NaT").
- text_frame(frame) -> DataFrame of str: every cell through cell_text.
- record(frame, row, headers) -> DataFrame: one row as two columns (Veld, Waarde), every field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from numbers import Number

import pandas as pd

from dashboard.style.formatting import fmt_date, fmt_decimal, fmt_int, is_missing

FIT_WIDTH = 900  # px: the content beside the sidebar at 1440 px (946), less an expander's padding (912)
CHAR_PX = 7.6  # a character of a grid cell (14 px Source Sans), on average
HEADER_CHAR_PX = 8.2  # a header character (semi-bold)
PADDING_PX = 28  # cell padding, and room for the header's menu icon
MIN_COLUMN = 56
TEXT_FLOOR = 150  # a text column is not made narrower than this to fit
TEXT_CAP = 420  # nor drawn wider than this (a long text is read on demand)


@dataclass(frozen=True)
class Fit:
    widths: dict[str, int]  # the columns drawn, in order, with their width in px
    hidden: list[str] = field(default_factory=list)  # columns left out of the grid
    narrowed: bool = False  # some column drawn narrower than its text

    @property
    def shown(self) -> list[str]:
        return list(self.widths)

    @property
    def shortened(self) -> bool:
        """True when a column is left out or drawn narrower than its text: the row on demand."""
        return bool(self.hidden) or self.narrowed


def cell_text(value) -> str:
    """A cell as text: a date dd/mm/jjjj, a whole number with a thousands dot, a decimal with a
    comma, a bool ja/nee, a missing value (None, NaN, NaT, pd.NA) empty."""
    if value is None or (not isinstance(value, str) and is_missing(value)):
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (dt.date, pd.Timestamp)):
        return fmt_date(value)
    if isinstance(value, Number):
        return fmt_int(value) if float(value).is_integer() else fmt_decimal(float(value), 2).rstrip("0").rstrip(",")
    return str(value)


def text_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell of `frame` through cell_text (same columns and index)."""
    return frame.apply(lambda column: column.map(cell_text)).astype(str) if len(frame) else frame.astype(str)


def _natural(frame: pd.DataFrame, column: str, header: str) -> tuple[int, bool]:
    """(the width a column would like, whether it holds free text that may give up width)."""
    series = frame[column]
    if pd.api.types.is_datetime64_any_dtype(series):
        content = 10
        text = False
    else:
        lengths = series.head(500).map(lambda v: len(cell_text(v)))
        content = int(lengths.quantile(0.9)) if len(lengths) else 0
        text = (series.dtype == object or pd.api.types.is_string_dtype(series)) and content > 24
    width = max(len(header) * HEADER_CHAR_PX, content * CHAR_PX) + PADDING_PX
    return max(MIN_COLUMN, min(int(width), TEXT_CAP)), text


def fit(frame: pd.DataFrame, headers: Mapping[str, str], *, budget: int = FIT_WIDTH, keep: Iterable[str] = ()) -> Fit:
    """Widths for the columns of `frame` that together stay within `budget` px (see the module)."""
    keep = set(keep)
    wanted: dict[str, int] = {}
    texts: set[str] = set()
    for column in frame.columns:
        wanted[column], is_text = _natural(frame, column, str(headers.get(column, column)))
        if is_text:
            texts.add(column)
    widths = dict(wanted)
    over = sum(widths.values()) - budget
    if over > 0 and texts:  # the long texts give up width, the widest first
        for column in sorted(texts, key=lambda c: -widths[c]):
            room = widths[column] - max(TEXT_FLOOR, int(len(str(headers.get(column, column))) * HEADER_CHAR_PX) + PADDING_PX)
            take = max(0, min(room, over))
            widths[column] -= take
            over -= take
            if over <= 0:
                break
    hidden: list[str] = []
    for column in reversed(list(frame.columns)):
        if sum(widths.values()) <= budget or len(widths) <= 1:
            break
        if column in keep:
            continue
        hidden.insert(0, column)
        del widths[column]
    return Fit(widths=widths, hidden=hidden, narrowed=any(widths[c] < wanted[c] for c in widths))


def record(frame: pd.DataFrame, row: int, headers: Mapping[str, str]) -> pd.DataFrame:
    """Row number `row` (by position) of `frame` as a two-column table: every field and its value."""
    values = frame.iloc[row]
    return pd.DataFrame({"Veld": [headers.get(c, str(c)) for c in frame.columns], "Waarde": [cell_text(v) for v in values]})
