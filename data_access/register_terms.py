"""The registers in both languages: sheet names, labels, headers and list values.

data_access/registers.py declares every register once, in Dutch; those Dutch texts are the
canonical ones (what the database stores, what the KPIs compare). Their French forms come from
the gettext catalogs (contexts "sheet", "register", "column", "value", "indicator": see
i18n/extract.py), so a French workbook, template or screen shows the French word and the importer
turns it back into the canonical value.

    sheet_name(register, lang)   'Klachten' / 'Plaintes'
    label(register, lang)        'Tucht- en gerechtelijke dossiers' / 'Dossiers disciplinaires et judiciaires'
    header(column, lang)         'datum ontvangst' / 'date de réception'
    value(text, lang)            'afgesloten' / 'clôturé'; 'ja' / 'oui'
    values(column, lang)         a column's list (ja, nee for a bool column), in order
    Value(text)                  a canonical list value kept for later: a str that reads as the
                                 Dutch value, shown (i18n.shown) in the language of whoever looks
    Forms                        what a workbook may write for a sheet, header or value, in which
                                 language ("nl", "fr" or None when both languages write it alike)

`lang` None means the current language (i18n.current()). extract_messages() is the Babel
extractor (babel.cfg) that puts the registers' Dutch texts in the catalogs, with a context that
says what they are: sheet, register, column, value (also ja/nee), indicator; descriptions and
help texts without context.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from data_access import registers as R
from data_access.registers import BOOL_WORDS, BY_NAME, FTE_INDICATOR, REGISTERS, Column, Register, header_key
from i18n import LANGUAGES, N_, Text, current, source_line, translations


def _p(context: str, text: str, lang: str | None) -> str:
    return translations(lang or current()).pgettext(context, text)


def sheet_name(register: Register, lang: str | None = None) -> str:
    return _p("sheet", register.sheet, lang)


def label(register: Register | str, lang: str | None = None) -> str:
    register = BY_NAME[register] if isinstance(register, str) else register
    return _p("register", register.label, lang)


def header(column: Column, lang: str | None = None) -> str:
    return _p("column", column.header, lang)


def value(text: str, lang: str | None = None) -> str:
    """A canonical list value (or ja/nee) in `lang`; any other text unchanged."""
    return _p("value", text, lang)


class Value(Text):
    """A canonical list value (or ja/nee) made in one place and shown in another: str(Value(v))
    is v; i18n.shown(Value(v)) is value(v) in the current language. A Text may take it as a
    parameter: Text("kanaal {kanaal}", kanaal=Value("leidinggevende"))."""

    def __reduce__(self):
        return Value, (self.msgid,)

    def in_language(self, lang: str | None = None) -> str:
        return value(self.msgid, lang)


def choices(column: Column) -> tuple[str, ...]:
    """The canonical values a column's dropdown offers: its list, or ja/nee for a bool."""
    return BOOL_WORDS if column.type == "bool" else column.values


def values(column: Column, lang: str | None = None) -> tuple[str, ...]:
    return tuple(value(v, lang) for v in choices(column))


def indicator(name: str, lang: str | None = None) -> str:
    """An indicator name as a language writes it ('personeelsbestand (VTE)' / 'effectif (ETP)')."""
    return _p("indicator", name, lang) if name == FTE_INDICATOR else name


@dataclass(frozen=True)
class Form:
    """What a text in a workbook stands for: the canonical text and the language that writes it
    so (None: both languages write it alike, e.g. 'AIG', 'catégorie' ~ 'categorie')."""

    canonical: str
    lang: str | None


def _forms(pairs) -> dict[str, Form]:
    """{header_key(written): Form} from (canonical, lang, written) triples; a key written alike
    in both languages for the same canonical text belongs to neither."""
    out: dict[str, Form] = {}
    for canonical, lang, written in pairs:
        key = header_key(written)
        known = out.get(key)
        if known is None:
            out[key] = Form(canonical, lang)
        elif known.canonical == canonical and known.lang != lang:
            out[key] = Form(canonical, None)
    return out


@cache
def sheet_forms() -> dict[str, Form]:
    """Sheet name key -> register name: the register's sheet name in each language, its code
    name and its Dutch aliases."""
    pairs = []
    for register in REGISTERS:
        pairs += [(register.name, "nl", n) for n in (register.sheet, register.name, *register.aliases)]
        pairs += [(register.name, "fr", sheet_name(register, "fr"))]
    return _forms(pairs)


@cache
def header_forms(register_name: str) -> dict[str, Form]:
    """Header key -> column name for one register, in both languages."""
    register = BY_NAME[register_name]
    return _forms((c.name, lang, header(c, lang)) for c in register.columns for lang in LANGUAGES)


@cache
def value_forms(canonical: tuple[str, ...]) -> dict[str, Form]:
    """Value key -> canonical value for one list of values, in both languages."""
    return _forms((v, lang, value(v, lang)) for v in canonical for lang in LANGUAGES)


def language_name(lang: str, in_lang: str | None = None) -> str:
    """'Nederlands' / 'Frans' (in Dutch), 'néerlandais' / 'français' (in French)."""
    names = {"nl": N_("Nederlands"), "fr": N_("Frans")}
    return translations(in_lang or current()).gettext(names[lang])


def extract_messages(fileobj, keywords, comment_tags, options):
    """Babel extractor for data_access/registers.py: yields (line, funcname, message, comments)
    as pgettext(context, text) or gettext(text) would."""
    source = fileobj.read().decode("utf-8")

    def p(context: str, text: str, comment: str = ""):
        return source_line(source, text), "pgettext", (context, text), [comment] if comment else []

    def g(text: str):
        return source_line(source, text), "gettext", text, []

    for register in R.REGISTERS:
        yield p("sheet", register.sheet, "at most 31 characters, no : \\ / ? * [ ]")
        yield p("register", register.label)
        if register.description:
            yield g(register.description)
        for column in register.columns:
            yield p("column", column.header)
            if column.help:
                yield g(column.help)
            for text in column.values:
                yield p("value", text)
    for word in R.BOOL_WORDS:
        yield p("value", word)
    yield p("indicator", R.FTE_INDICATOR)
