"""The row rules of registers.md, checked on a whole parsed sheet at once.

validate_table() parses every column of a raw sheet (cells.parse_column), drops empty rows,
and returns the typed rows plus one message per problem (in the current language): a value of the wrong type, a
required cell left empty, a broken rule (date order, not in the future, conditional
requirement, allowed value), or a key that occurs twice in the file. The rules are declared
per register in RULES; each is a small object whose check() works on whole columns. Messages name
headers and values in the current language (data_access.register_terms); the sheet's values are
read in the workbook's language (SheetTable.lang).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access import register_terms as terms, registers as R
from data_access.cells import display, parse_column
from data_access.registers import Register, header_key
from data_access.workbook import SheetTable
from i18n import LANGUAGES, N_, _


@dataclass
class RegisterRows:
    """The typed rows of one sheet: index = Excel row number, one object column per register
    column (None where empty); `present` = the columns the file has."""

    register: Register
    sheet: str
    frame: pd.DataFrame
    present: tuple[str, ...]


@dataclass(frozen=True)
class Problem:
    row: int
    column: str  # register column name
    message: str


# ---------------------------------------------------------------------------------------------
# Rules


def _header(register: Register, name: str) -> str:
    return terms.header(register.column(name))


def _either(values: tuple[str, ...]) -> str:
    return _(" of ").join(terms.value(v) for v in values)


@dataclass(frozen=True)
class DateOrder:
    """`column` is not before `earlier`."""

    column: str
    earlier: str

    def check(self, f: pd.DataFrame, register: Register, today: dt.date) -> pd.Series:
        both = f[self.column].notna() & f[self.earlier].notna()
        later, earlier = f.loc[both, self.column], f.loc[both, self.earlier]
        bad = later[later < earlier].index
        return pd.Series(
            [_("{later} ligt vóór {header} ({earlier})").format(
                later=display(f.at[i, self.column]), header=_header(register, self.earlier),
                earlier=display(f.at[i, self.earlier])) for i in bad],
            index=bad, dtype=object,
        )


@dataclass(frozen=True)
class NotInFuture:
    column: str

    def check(self, f, register, today):
        values = f[self.column].dropna()
        bad = values[values > today].index
        return pd.Series([_("{value} ligt in de toekomst").format(value=display(f.at[i, self.column])) for i in bad],
                         index=bad, dtype=object)


@dataclass(frozen=True)
class RequiredIf:
    column: str
    when: str
    values: tuple[str, ...]

    def check(self, f, register, today):
        bad = f.index[f[self.when].isin(self.values) & f[self.column].isna()]
        text = _("verplicht als {header} {values} is").format(header=_header(register, self.when),
                                                              values=_either(self.values))
        return pd.Series(text, index=bad, dtype=object)


@dataclass(frozen=True)
class EmptyUnless:
    column: str
    when: str
    values: tuple[str, ...]

    def check(self, f, register, today):
        bad = f.index[f[self.column].notna() & f[self.when].notna() & ~f[self.when].isin(self.values)]
        return pd.Series(
            [_("moet leeg zijn zolang {header} niet {values} is ({header} is '{value}')").format(
                header=_header(register, self.when), values=_either(self.values),
                value=terms.value(f.at[i, self.when])) for i in bad],
            index=bad, dtype=object,
        )


@dataclass(frozen=True)
class OnlyIf:
    """The values `only` of `column` are allowed only when `when` is one of `values`."""

    column: str
    only: tuple[str, ...]
    when: str
    values: tuple[str, ...]

    def check(self, f, register, today):
        bad = f.index[f[self.column].isin(self.only) & f[self.when].notna() & ~f[self.when].isin(self.values)]
        return pd.Series(
            [_("'{value}' kan enkel als {header} {values} is").format(
                value=terms.value(f.at[i, self.column]), header=_header(register, self.when),
                values=_either(self.values)) for i in bad],
            index=bad, dtype=object,
        )


@dataclass(frozen=True)
class EqualsIf:
    column: str
    value: float
    when: str
    values: tuple[str, ...]

    def check(self, f, register, today):
        given = f[self.column].notna() & f[self.when].isin(self.values)
        bad = f.index[given][f.loc[given, self.column] != self.value]
        return pd.Series(
            [_("moet {value} zijn als {header} {values} is (nu {now})").format(
                value=display(self.value), header=_header(register, self.when), values=_either(self.values),
                now=display(f.at[i, self.column])) for i in bad],
            index=bad, dtype=object,
        )


@dataclass(frozen=True)
class Between:
    column: str
    low: float
    high: float

    def check(self, f, register, today):
        values = f[self.column].dropna()
        bad = values[(values < self.low) | (values > self.high)].index
        return pd.Series(
            [_("{value} moet tussen {low} en {high} liggen").format(
                value=display(f.at[i, self.column]), low=display(self.low), high=display(self.high)) for i in bad],
            index=bad, dtype=object,
        )


@dataclass(frozen=True)
class Pattern:
    column: str
    pattern: str
    what: str

    def check(self, f, register, today):
        values = f[self.column].dropna()
        ok = values.map(lambda v: re.fullmatch(self.pattern, v) is not None).astype(bool)
        bad = values[~ok].index
        return pd.Series([_("'{value}' is geen geldige {what}").format(value=f.at[i, self.column], what=_(self.what))
                          for i in bad], index=bad, dtype=object)


@dataclass(frozen=True)
class NotOneOf:
    column: str
    refused: tuple[str, ...]
    reason: str

    def check(self, f, register, today):
        bad = f.index[f[self.column].isin(self.refused)]
        return pd.Series([f"'{f.at[i, self.column]}' {_(self.reason)}" for i in bad], index=bad, dtype=object)


_CLOSED = ("afgesloten",)
_DECIDED = ("beslist", "afgesloten")
_DISCIPLINARY = ("tucht", "tucht en gerechtelijk")
_JUDICIAL = ("gerechtelijk", "tucht en gerechtelijk")

RULES: dict[str, tuple] = {
    "klachten": (
        NotInFuture("datum_ontvangst"),
        RequiredIf("datum_afsluiting", "status", _CLOSED),
        EmptyUnless("datum_afsluiting", "status", _CLOSED),
        DateOrder("datum_afsluiting", "datum_ontvangst"),
        RequiredIf("beoordeling", "status", _CLOSED),
    ),
    "functioneringsnotas": (DateOrder("opvolgingsdatum", "datum"),),
    "tuchtdossiers": (
        DateOrder("datum_kennisname", "datum_feiten"),
        DateOrder("datum_opening", "datum_kennisname"),
        DateOrder("datum_inleidend_verslag", "datum_kennisname"),
        RequiredIf("tuchtoverheid", "soort", _DISCIPLINARY),
        RequiredIf("datum_ordemaatregel", "ordemaatregel", ("voorlopige schorsing", "andere")),
        RequiredIf("sanctie", "fase", _DECIDED),
        OnlyIf("sanctie", R.JUDICIAL_OUTCOMES, "soort", _JUDICIAL),
        RequiredIf("datum_beslissing", "fase", _DECIDED),
        DateOrder("datum_beslissing", "datum_opening"),
    ),
    "meldingen": (
        DateOrder("datum_ontvangstbevestiging", "datum_ontvangst"),
        DateOrder("datum_terugkoppeling", "datum_ontvangst"),
        RequiredIf("uitkomst", "status", _CLOSED),
    ),
    "actieplan": (
        DateOrder("deadline", "startdatum"),
        Between("voortgang", 0, 100),
        EqualsIf("voortgang", 100, "status", ("afgerond",)),
    ),
    "evaluatiecriteria": (
        NotOneOf(
            "indicator",
            R.SPLIT_KPI_IDS,
            N_("is een verdeling (een KPI met opsplitsing) en kan geen indicator van een evaluatiecriterium zijn"),
        ),
    ),
    "indicatoren": (Pattern("periode", r"\d{4}(-(0[1-9]|1[0-2]))?", N_("periode (gebruik jjjj of jjjj-mm)")),),
    "risicos": (
        Between("kans", 1, 5),
        Between("impact", 1, 5),
        NotInFuture("datum_analyse"),
        DateOrder("herziening", "datum_analyse"),
    ),
    "referenties": (
        Between("waarde", 0, 100_000),
        Between("jaar", 1900, 2100),
    ),
}

# An empty cell that means a value (registers.md: "empty = geen").
DEFAULTS: dict[tuple[str, str], object] = {("tuchtdossiers", "ordemaatregel"): "geen"}


def _month_from_date(values: pd.Series) -> pd.Series:
    """Excel turns a typed 2025-03 into the date 1/3/2025; as text that is 2025-03-01."""
    return values.map(lambda v: v[:7] if isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-01", v) else v)


def _canonical_indicator(values: pd.Series) -> pd.Series:
    """The indicator the KPIs read (personeelsbestand (VTE)) as a French workbook writes it
    (effectif (ETP)) is stored under its canonical name, so both workbooks give the same figures."""
    written = {header_key(terms.indicator(R.FTE_INDICATOR, lang)): R.FTE_INDICATOR for lang in LANGUAGES}
    return values.map(lambda v: written.get(header_key(v), v) if isinstance(v, str) else v)


def action_ids(text: object) -> list[str]:
    """The actie id's a Risico's `acties` cell names (separated by ; or ,), in order, once each."""
    if not isinstance(text, str):
        return []
    return list(dict.fromkeys(part.strip() for part in re.split(r"[;,]", str(text)) if part.strip()))


def _action_list(values: pd.Series) -> pd.Series:
    """`A-1 ,A-2;` is stored as `A-1; A-2` (empty when it names none)."""
    return pd.Series([("; ".join(action_ids(v)) or None) if isinstance(v, str) else v for v in values],
                     index=values.index, dtype=object)


NORMALISE = {
    ("indicatoren", "periode"): _month_from_date,
    ("indicatoren", "indicator"): _canonical_indicator,
    ("evaluatiecriteria", "indicator"): _canonical_indicator,
    ("risicos", "acties"): _action_list,
}


# ---------------------------------------------------------------------------------------------
# One sheet


def validate_table(table: SheetTable, today: dt.date | None = None) -> tuple[RegisterRows, list[Problem]]:
    """Typed rows of the sheet and every problem found, in row and column order."""
    register = table.register
    today = today or dt.date.today()
    n = len(table.rows)
    values: dict[str, np.ndarray] = {}
    failed: dict[str, np.ndarray] = {}
    blank: dict[str, np.ndarray] = {}
    messages: dict[str, np.ndarray] = {}
    for column in register.columns:
        if column.name not in table.columns:
            continue
        parsed = parse_column(table.columns[column.name], column, table.percent.get(column.name), table.lang)
        errors = parsed.errors
        cell_errors = table.cell_errors.get(column.name)
        if cell_errors is not None:  # what the file says about the cell outranks its (empty) value
            wrong = pd.notna(cell_errors)
            errors = np.where(wrong, cell_errors, errors)
            parsed.values[wrong] = None
            parsed.blank[wrong] = False
        values[column.name], messages[column.name] = parsed.values, errors
        failed[column.name] = pd.notna(errors)
        blank[column.name] = parsed.blank

    keep = ~np.logical_and.reduce(list(blank.values())) if blank else np.zeros(n, dtype=bool)
    rows = table.rows[keep]
    frame = pd.DataFrame(
        {c.name: pd.Series(values[c.name][keep] if c.name in values else np.full(len(rows), None),
                           index=rows, dtype=object) for c in register.columns},
        index=rows,
    )
    for (reg_name, name), default in DEFAULTS.items():
        if reg_name == register.name:
            empty = frame[name].isna() & ~pd.Series(failed.get(name, np.zeros(n, bool))[keep], index=rows)
            frame.loc[empty, name] = default
    for (reg_name, name), normalise in NORMALISE.items():
        if reg_name == register.name:
            frame[name] = normalise(frame[name]).astype(object)

    problems: list[tuple[int, int, int, Problem]] = []
    order = {c.name: i for i, c in enumerate(register.columns)}

    def add(row: int, name: str, message: str, rank: int) -> None:
        problems.append((row, order[name], rank, Problem(int(row), name, message)))

    for column in register.columns:
        if column.name in messages:
            errors = messages[column.name][keep]
            for i in np.flatnonzero(pd.notna(errors)):
                add(rows[i], column.name, errors[i], 0)
        if column.required and column.type != "bool":
            missing = frame[column.name].isna().to_numpy() & ~failed.get(column.name, np.zeros(n, bool))[keep]
            for i in np.flatnonzero(missing):
                add(rows[i], column.name, _("verplicht veld is leeg"), 0)

    wrong_cells = {(p[0], p[1]) for p in problems}  # a cell already reported is not judged again
    for rank, rule in enumerate(RULES.get(register.name, ()), start=1):
        for row, message in rule.check(frame, register, today).items():
            if (row, order[rule.column]) not in wrong_cells:
                add(row, rule.column, message, rank)

    for row, message in _duplicate_keys(frame, register).items():
        add(row, register.key_columns[0].name, message, len(RULES.get(register.name, ())) + 1)

    problems.sort(key=lambda p: p[:3])
    return RegisterRows(register, table.sheet, frame, tuple(table.columns)), [p[3] for p in problems]


def _duplicate_keys(frame: pd.DataFrame, register: Register) -> pd.Series:
    keys = [c.name for c in register.key_columns]
    complete = frame[keys].notna().all(axis=1)
    subset = frame.loc[complete, keys]
    dup = subset.duplicated(keep=False)
    if not dup.any():
        return pd.Series(dtype=object)
    first_row: dict[tuple, int] = {}
    out = {}
    for row, key in zip(subset.index[dup], map(tuple, subset[dup].itertuples(index=False))):
        if key in first_row:
            described = _(" met ").join(f"{_header(register, k)} '{v}'" for k, v in zip(keys, key))
            out[row] = _("{described} komt meer dan eens voor (ook op rij {row})").format(
                described=described, row=first_row[key])
        else:
            first_row[key] = row
    return pd.Series(out, dtype=object)


# ---------------------------------------------------------------------------------------------
# Across registers


def unknown_actions(risks: RegisterRows, known: set[str]) -> list[Problem]:
    """One problem per Risico's row whose `acties` names an actie id outside `known` (the
    Actieplan of the same workbook and of the database)."""
    problems = []
    for row, text in risks.frame["acties"].items():
        missing = [a for a in action_ids(text) if a not in known]
        if missing:
            names = ", ".join(f"'{a}'" for a in missing)
            what = "de actie" if len(missing) == 1 else "de acties"
            verb = "bestaat" if len(missing) == 1 else "bestaan"
            problems.append(Problem(int(row), "acties", f"{what} {names} {verb} niet in het Actieplan "
                                    "(niet in deze werkmap en niet in de databank)"))
    return problems
