"""Babel extractors for texts declared as data rather than written as _() calls (babel.cfg).

The registers (data_access/registers.py) and the KPI catalog (kpis/catalog.py) declare their
Dutch texts in dataclasses; these functions yield them for the catalog with a context that says
what they are, as `pgettext(context, text)` would:

    sheet      a register's sheet name           column     a column header
    register   a register's label on screen      value      a value of a keuzelijst (and ja/nee)
    indicator  an indicator name the KPIs read   (none)     descriptions, help texts, KPI labels
                                                            and definitions
"""

from __future__ import annotations

from collections.abc import Iterator

Extracted = tuple[int, str, "str | tuple[str, str]", list[str]]


def _line_of(source: str, text: str) -> int:
    """The first line that holds `text` as a literal (1-based), else 0."""
    for quoted in (f'"{text}"', f"'{text}'", text[:40]):
        at = source.find(quoted)
        if at >= 0:
            return source.count("\n", 0, at) + 1
    return 0


def registers(fileobj, keywords, comment_tags, options) -> Iterator[Extracted]:
    from data_access import registers as R

    source = fileobj.read().decode("utf-8")

    def p(context: str, text: str, comment: str = "") -> Extracted:
        return _line_of(source, text), "pgettext", (context, text), [comment] if comment else []

    def g(text: str) -> Extracted:
        return _line_of(source, text), "gettext", text, []

    for register in R.REGISTERS:
        yield p("sheet", register.sheet, "at most 31 characters, no : \\ / ? * [ ]")
        yield p("register", register.label)
        if register.description:
            yield g(register.description)
        for column in register.columns:
            yield p("column", column.header)
            if column.help:
                yield g(column.help)
            for value in column.values:
                yield p("value", value)
    for word in R.BOOL_WORDS:
        yield p("value", word)
    yield p("indicator", R.FTE_INDICATOR)


def kpi_catalog(fileobj, keywords, comment_tags, options) -> Iterator[Extracted]:
    from kpis.catalog import KPIS

    source = fileobj.read().decode("utf-8")
    for kpi in KPIS:
        yield _line_of(source, kpi.label), "gettext", kpi.label, [f"KPI {kpi.id}: label"]
        yield _line_of(source, kpi.definition[:40]), "gettext", kpi.definition, [f"KPI {kpi.id}: definition"]
