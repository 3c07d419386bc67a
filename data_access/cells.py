"""Parsing cell values into the types of registers.py, with a message for a bad value (in the
current language, i18n.current()).

`parse_cell` turns one raw value (what python-calamine or the CSV reader gives: str, float, int,
bool, date, datetime, time, timedelta, None) into the stored value. `parse_column` does the same
for a whole column: it parses each distinct value once (pandas.factorize) and spreads the results
back, so a 100,000-row column with a few thousand distinct dates costs a few thousand calls; an
all-text column takes a vectorised fast path.

Accepted forms (registers.md): dates as real Excel dates or text dd/mm/jjjj, d/m/jjjj,
jjjj-mm-dd; numbers with a decimal comma or point; pct as 45, 45%, 45,5 or a percentage-formatted
cell (0.45 -> 45); enum values in any case, accents and stray spaces ignored; bool ja/nee, j/n,
x/empty, 1/0 (empty = nee). A French workbook writes its values in French (data_access.register_terms)
and oui/non, o/n, vrai/faux for a bool: `lang` (the workbook's language) accepts that language's
forms and refuses the other's with a message saying so; None accepts both.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeGuard

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from data_access import register_terms as terms
from data_access.registers import Column, header_key
from i18n import N_, _

MIN_YEAR, MAX_YEAR = 1900, 2100
INT_LIMIT = 2**31  # the databases' INTEGER is 32-bit

# How each language writes a bool (header_key spelling); the rest is written alike in both.
_BOOL_WORDS = {
    "nl": ({"ja", "j", "waar"}, {"nee", "onwaar"}),
    "fr": ({"oui", "o", "vrai"}, {"non", "faux"}),
    None: ({"x", "1", "true", "yes", "y"}, {"n", "0", "false", "no"}),
}

_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def is_blank(value: object) -> bool:
    """An empty cell: None, NaN, or text of only spaces."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def format_number(value: float | int, *, grouping: bool = True) -> str:
    """Dutch notation: decimal comma, thousands with a dot (1.234,5); without `grouping` as a
    cell shows it (1234,5)."""
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    sep = "," if grouping else ""
    if isinstance(value, int) or value == int(value):
        text = f"{int(value):{sep}}"
    else:
        text = f"{value:{sep}.10f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def display(value: object) -> str:
    """A raw or parsed value as the user would recognise it in a message (at most 60 characters)."""
    if isinstance(value, bool):
        text = _("WAAR") if value else _("ONWAAR")
    elif isinstance(value, dt.datetime):
        text = value.strftime("%d/%m/%Y" if value.time() == dt.time(0) else "%d/%m/%Y %H:%M")
    elif isinstance(value, dt.date):
        text = value.strftime("%d/%m/%Y")
    elif isinstance(value, dt.time):
        text = value.strftime("%H:%M")
    elif isinstance(value, (int, float)):
        text = format_number(value, grouping=False)
    else:
        text = str(value).strip()
    return text if len(text) <= 60 else text[:57] + "..."


def _quoted(value: object) -> str:
    return f"'{display(value)}'"


# ---------------------------------------------------------------------------------------------
# One value


def parse_cell(
    type_: str, value: object, values: tuple[str, ...] = (), *, percent_cell: bool = False,
    lang: str | None = None,
) -> tuple[object, str | None]:
    """(parsed value, None) or (None, message). Never raises. A blank cell gives None
    (False for a bool). `percent_cell`: the cell has an Excel percentage format. `lang`: the
    workbook's language (enum and bool values), None for either."""
    try:
        if type_ == "bool":
            return _parse_bool(value, lang)
        if is_blank(value):
            return None, None
        parser = _PARSERS[type_]
        if type_ == "enum":
            return parser(value, values, lang)
        parsed, error = parser(value)
        if percent_cell and type_ == "pct" and error is None and _is_number_cell(value):
            return _percent_of(parsed)
        return parsed, error
    except Exception:  # pragma: no cover - a safety net: a bad value must never crash an import
        return None, _("{value} kan niet gelezen worden").format(value=_quoted(value))


def _is_number_cell(value: object) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _parse_text(value: object) -> tuple[object, str | None]:
    if isinstance(value, str):
        return value.strip(), None
    if isinstance(value, bool):
        return ("WAAR" if value else "ONWAAR"), None
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return str(int(value)), None
    if isinstance(value, float):
        return format_number(value, grouping=False), None
    if isinstance(value, dt.datetime):
        return (value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    return str(value).strip(), None


def _parse_date(value: object) -> tuple[object, str | None]:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        if MIN_YEAR <= value.year <= MAX_YEAR:
            return value, None
        return None, _("{value} is geen geldige datum (jaar buiten {low}-{high})").format(
            value=_quoted(value), low=MIN_YEAR, high=MAX_YEAR)
    if isinstance(value, str):
        text = value.strip()
        match = _DMY.fullmatch(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
        else:
            match = _ISO.fullmatch(text)
            if match:
                year, month, day = (int(g) for g in match.groups())
        if match and MIN_YEAR <= year <= MAX_YEAR:
            try:
                return dt.date(year, month, day), None
            except ValueError:
                pass
    return None, _("{value} is geen geldige datum (gebruik dd/mm/jjjj)").format(value=_quoted(value))


def _number_from_text(text: str) -> float | None:
    """'45,5', '45.5', '1.234,5', '1,234.5', '1 234' -> float; None when it is not a number.
    A single separator is the decimal one; with both, the last one is."""
    text = _SPACES.sub("", text)
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        integer, _, fraction = text.rpartition(decimal)
        if not re.fullmatch(rf"[+-]?\d{{1,3}}(?:\{thousands}\d{{3}})+", integer):
            return None
        text = integer.replace(thousands, "") + "." + fraction
    elif commas == 1:
        text = text.replace(",", ".")
    elif commas > 1 or dots > 1:
        separator = "," if commas else "."
        if not re.fullmatch(rf"[+-]?\d{{1,3}}(?:\{separator}\d{{3}})+", text):
            return None
        text = text.replace(separator, "")
    if not _NUMBER.fullmatch(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


_NOT_A_NUMBER = N_("{value} is geen getal")
_NOT_AN_INTEGER = N_("{value} is geen geheel getal")
_NOT_A_PERCENTAGE = N_("{value} is geen percentage (bv. 45, 45% of 45,5)")


def _parse_number(value: object, what: str = _NOT_A_NUMBER) -> tuple[float | None, str | None]:
    if _is_number_cell(value):
        number = float(value)
        if math.isfinite(number):
            return number, None
    elif isinstance(value, str):
        parsed = _number_from_text(value)
        if parsed is not None:
            return parsed, None
    return None, _(what).format(value=_quoted(value))


def _parse_int(value: object) -> tuple[object, str | None]:
    number, error = _parse_number(value, _NOT_AN_INTEGER)
    if number is not None and number == int(number) and abs(number) < INT_LIMIT:
        return int(number), None
    return None, _(_NOT_AN_INTEGER).format(value=_quoted(value))


def _percent_of(fraction: float) -> tuple[float | None, str | None]:
    """A percentage-formatted cell holds the fraction (0,45 shows as 45%): its value on the
    0-100 scale, or a message when that is no finite number (1e306 shows as 1e308%)."""
    scaled = round(fraction * 100, 10)
    if not math.isfinite(scaled):
        return None, _(_NOT_A_PERCENTAGE).format(value=_quoted(fraction))
    return scaled, None


def _parse_pct(value: object) -> tuple[object, str | None]:
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("%"):
            text = text[:-1]
        number = _number_from_text(text)
        if number is not None:
            return number, None
        return None, _(_NOT_A_PERCENTAGE).format(value=_quoted(value))
    number, error = _parse_number(value)
    if error:
        return None, _(_NOT_A_PERCENTAGE).format(value=_quoted(value))
    return number, None


def _parse_enum(value: object, values: tuple[str, ...], lang: str | None = None) -> tuple[object, str | None]:
    text = value if isinstance(value, str) else display(value)
    form = terms.value_forms(values).get(header_key(text))
    if form is not None:
        if lang is None or form.lang is None or form.lang == lang:
            return form.canonical, None
        return None, _other_language(value, form.lang, lang, terms.value(form.canonical, lang))
    shown = values if lang is None else tuple(terms.value(v, lang) for v in values)
    return None, _("{value} is geen geldige waarde (kies uit: {values})").format(
        value=_quoted(value), values=", ".join(shown))


def _other_language(value: object, written: str, lang: str, instead: str) -> str:
    """The message for a value in the other language than the workbook's."""
    return _("{value} is {written}, maar deze werkmap is in het {lang}: gebruik '{instead}'").format(
        value=_quoted(value), written=terms.language_name(written), lang=terms.language_name(lang),
        instead=instead)


def _parse_bool(value: object, lang: str | None = None) -> tuple[object, str | None]:
    if is_blank(value):
        return False, None
    if isinstance(value, bool):
        return value, None
    if _is_number_cell(value) and value in (0, 1):
        return bool(value), None
    if isinstance(value, str):
        key = header_key(value)
        for written, (true, false) in _BOOL_WORDS.items():
            if key in true or key in false:
                if written is None or lang is None or written == lang:
                    return key in true, None
                return None, _other_language(value, written, lang, terms.value("ja" if key in true else "nee", lang))
    yes, no = (terms.value(w, lang) for w in ("ja", "nee"))
    return None, _("{value} is geen geldige waarde (gebruik {yes} of {no})").format(
        value=_quoted(value), yes=yes, no=no)


_PARSERS: dict[str, Callable[..., tuple[Any, str | None]]] = {
    "text": _parse_text,
    "date": _parse_date,
    "int": _parse_int,
    "number": _parse_number,
    "pct": _parse_pct,
    "enum": _parse_enum,
}


# ---------------------------------------------------------------------------------------------
# A whole column


@dataclass
class ParsedColumn:
    values: np.ndarray  # object: parsed Python values, None where blank or wrong
    errors: np.ndarray  # object: message or None
    blank: np.ndarray  # bool: the cell was empty


def parse_column(raw, column: Column, percent_cells: np.ndarray | None = None,
                 lang: str | None = None) -> ParsedColumn:
    """Parses every cell of one column. `percent_cells` marks cells with a percentage format
    (pct columns of an xlsx file only); `lang` is the workbook's language (None: either)."""
    arr = np.asarray(raw, dtype=object).ravel()
    n = len(arr)
    kind = infer_dtype(arr, skipna=True) if n else "empty"
    if column.type == "text" and kind in ("string", "empty"):
        return _text_fast_path(arr)
    if column.type != "bool" and kind not in ("string", "empty", "floating", "integer", "date", "datetime"):
        arr = _bools_as_text(arr)

    codes, uniques = pd.factorize(arr, use_na_sentinel=True)
    parsed = [parse_cell(column.type, u, column.values, lang=lang) for u in uniques]
    missing = parse_cell(column.type, None, column.values, lang=lang)
    values_u = _object_array([p[0] for p in parsed] + [missing[0]])
    errors_u = _object_array([p[1] for p in parsed] + [missing[1]])
    blank_u = np.array([is_blank(u) for u in uniques] + [True], dtype=bool)
    codes = np.where(codes < 0, len(uniques), codes)
    values, errors, blank = values_u[codes], errors_u[codes], blank_u[codes]

    if column.type == "pct" and percent_cells is not None and percent_cells.any():
        numeric_u = np.array([_is_number_cell(u) for u in uniques] + [False], dtype=bool)
        scale = np.asarray(percent_cells, dtype=bool) & numeric_u[codes] & pd.isna(errors)
        for i in np.flatnonzero(scale):
            values[i], errors[i] = _percent_of(values[i])
    return ParsedColumn(values, errors, blank)


def _text_fast_path(arr: np.ndarray) -> ParsedColumn:
    stripped = pd.Series(arr, dtype=object).str.strip()
    blank = (stripped.isna() | (stripped == "")).to_numpy(dtype=bool, copy=True)
    values = stripped.to_numpy(dtype=object, na_value=None, copy=True)
    values[blank] = None
    return ParsedColumn(values, np.full(len(arr), None, dtype=object), blank)


def _bools_as_text(arr: np.ndarray) -> np.ndarray:
    """True/False hash like 1/0, so before factorising a non-bool column they become the text a
    Dutch Excel shows (WAAR/ONWAAR), which each type then accepts or refuses as text."""
    is_bool = np.fromiter((isinstance(v, bool) for v in arr), dtype=bool, count=len(arr))
    if not is_bool.any():
        return arr
    arr = arr.copy()
    arr[is_bool] = np.where(arr[is_bool].astype(bool), "WAAR", "ONWAAR")
    return arr


def _object_array(items: list) -> np.ndarray:
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out
