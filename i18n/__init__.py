"""The product's two languages: Dutch (nl_BE, the source text) and French (fr_BE).

Every text a user sees is written in the code in Dutch, marked for translation, and looked up in
the gettext catalogs under i18n/locales (`.po` edited by hand, `.mo` compiled from them and
committed; `python -m i18n update` refreshes both, see i18n/__main__.py). Numbers and dates are
formatted per locale with Babel. This module never imports streamlit, so data_access/, kpis/
and dashboard/ all use it.

    translations(lang)            the catalog of "nl" or "fr" (gettext, pgettext, ngettext)
    language(lang)                a context manager: the language of what runs inside it
    set_language(lang)            the same for the rest of the current context (a page run)
    current()                     the language now ("nl" unless set)
    _(text), pgettext(ctx, text), ngettext(one, many, n)   translated in the current language
    N_(text)                      marks a text for the catalog without translating it (yet)
    format_number / format_decimal / format_percent / format_date / month_name   per locale

A message is looked up when it is shown, never when a module is imported: module-level texts are
marked with N_() and translated with _() where they are used. A text made in one place and shown
in another (kpis/ says why a figure is hidden, the screen or the export shows it) is a Text: a str
that reads as the Dutch message (so it compares, prints and stores as before) and that shown()
gives in the language of whoever looks.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal as _babel_decimal

LANGUAGES = ("nl", "fr")
DEFAULT = "nl"
LOCALES = {"nl": "nl_BE", "fr": "fr_BE"}
NAMES = {"nl": "Nederlands", "fr": "Français"}  # each in its own language, for a switch
DOMAIN = "messages"
LOCALE_DIR = Path(__file__).resolve().parent / "locales"

_current: contextvars.ContextVar[str] = contextvars.ContextVar("language", default=DEFAULT)


class UnknownLanguage(ValueError):
    """A language other than nl or fr (the message names both)."""


def normalise(lang: str | None) -> str:
    """'fr', 'FR', 'fr_BE', 'fr-be' -> 'fr'; None or '' -> the default ('nl'). Raises
    UnknownLanguage for anything else."""
    if not lang:
        return DEFAULT
    code = str(lang).strip().lower().replace("-", "_").split("_")[0]
    if code not in LANGUAGES:
        raise UnknownLanguage(f"onbekende taal '{lang}' / langue inconnue '{lang}' (nl, fr)")
    return code


@cache
def translations(lang: str | None = None) -> _gettext.GNUTranslations:
    """The compiled catalog of a language. A missing .mo file is an installation fault and
    raises (FileNotFoundError) rather than silently showing Dutch on a French page."""
    code = normalise(lang)
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[LOCALES[code]])


def gettext(lang: str | None = None) -> _gettext.GNUTranslations:
    """The catalog of `lang` (default: the current language)."""
    return translations(lang or current())


def current() -> str:
    return _current.get()


def set_language(lang: str | None) -> str:
    """Sets the language of the current context (a Streamlit script run, a command) and
    returns it, normalised."""
    code = normalise(lang)
    _current.set(code)
    return code


@contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Runs the block in `lang` and restores the language before it."""
    token = _current.set(normalise(lang))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def _(text: str) -> str:
    return translations(current()).gettext(text)


def pgettext(context: str, text: str) -> str:
    return translations(current()).pgettext(context, text)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


class Text(str):
    """A Dutch message with its parameters, shown later in any language: str(Text(...)) is the
    Dutch text; shown(text) translates the message and formats it (parameters that are Text
    themselves are shown too). Pickles (st.cache_data) and serialises to JSON as its Dutch text."""

    msgid: str
    params: dict

    def __new__(cls, msgid: str, **params) -> Text:
        dutch = msgid.format(**params) if params else msgid
        self = super().__new__(cls, dutch)
        self.msgid, self.params = msgid, params
        return self

    def __reduce__(self):
        return _text, (self.msgid, self.params)

    def in_language(self, lang: str | None = None) -> str:
        template = translations(lang or current()).gettext(self.msgid)
        if not self.params:
            return template
        return template.format(**{k: shown(v, lang) for k, v in self.params.items()})


def _text(msgid: str, params: dict) -> Text:
    return Text(msgid, **params)


def shown(value, lang: str | None = None):
    """A Text in `lang` (default: the current language); any other value unchanged."""
    return value.in_language(lang) if isinstance(value, Text) else value


def N_(text: str) -> str:
    """Marks `text` for extraction; translate it where it is shown."""
    return text


# --- numbers and dates ------------------------------------------------------------------------


def _locale(lang: str | None) -> str:
    return LOCALES[normalise(lang or current())]


def format_number(value: float | int, lang: str | None = None, decimals: int = 0) -> str:
    """Exactly `decimals` decimals, rounded half away from zero (45,25 -> 45,3), grouped per
    locale: nl 1.234.567,9; fr 1 234 567,9 (narrow no-break spaces). Never '-0'."""
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if exact == 0:
        exact = abs(exact)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return _babel_decimal(exact, format=pattern, locale=_locale(lang), decimal_quantization=False)


def format_decimal(value: float | int, lang: str | None = None, decimals: int = 1) -> str:
    """At most `decimals` decimals, trailing zeros dropped: 12.0 -> '12', 12.5 -> '12,5'."""
    text = format_number(value, lang, decimals)
    comma = "," if "," in text else None
    return text.rstrip("0").rstrip(",") if comma else text


def format_percent(value: float | int, lang: str | None = None, decimals: int = 1) -> str:
    """A value on the 0-100 scale: 45.5 -> '45,5 %' (no-break space before %, in both
    languages, as the Belgian style guides write it)."""
    return f"{format_decimal(value, lang, decimals)}\u00a0%"


def format_date(value: dt.date, lang: str | None = None, pattern: str = "dd/MM/yyyy") -> str:
    """A date in a CLDR pattern: dd/mm/jjjj (nl) and jj/mm/aaaa (fr) are both '01/03/2025'."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return _babel_date(value, pattern, locale=_locale(lang))


def month_name(month: int, lang: str | None = None, *, short: bool = False) -> str:
    """1 -> 'januari' / 'janvier' (short: 'jan.' per CLDR)."""
    return _babel_date(dt.date(2000, month, 1), "MMM" if short else "MMMM", locale=_locale(lang))


def NP_(context: str, text: str) -> str:
    """Marks `text` with a context for extraction (as pgettext); translate it where it is shown."""
    return text


def source_line(source: str, text: str) -> int:
    """The first line of `source` that holds `text` as a literal (1-based), else 0: the line a
    Babel extractor of declared texts (see babel.cfg) reports for a message."""
    for quoted in (f'"{text}"', f"'{text}'", text[:40]):
        at = source.find(quoted)
        if at >= 0:
            return source.count("\n", 0, at) + 1
    return 0
