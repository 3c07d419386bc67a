"""Catalog upkeep: python -m i18n {update,compile,check}

    update    extract every marked text (babel.cfg) into i18n/messages.pot, merge it into the
              nl_BE and fr_BE catalogs (.po), fill the Dutch msgstr with the Dutch source text,
              and compile both to .mo. New French messages are left empty for a translator.
    compile   only compile the .po files to .mo (after editing a translation)
    check     list the messages without a translation (empty or fuzzy) in either language, and
              the .mo files that differ from their .po; exit 1 if there is any
    todo      print the French messages without a translation as JSON {"msgid": ""} (with
              "context|msgid" for a message with a context), for a translator to fill in
    fill F    take the translations of the JSON file F (as `todo` prints it, filled) into the
              French catalog and compile; an empty value is left untranslated
    merge-po BASE OURS THEIRS   git merge driver for the .po files: the messages of both sides,
              a translation kept from whichever side has one (ours first); see .gitattributes

The .mo files are committed, compiled from the .po files by `update` or `compile`: the app then
runs from a checkout without a build step and without write access to its own directory, and
tests/test_i18n.py fails when a committed .mo differs from its .po. Locations are left out of the
catalogs (--no-location), so moving code does not change them.
"""

from __future__ import annotations

import copy
import datetime
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from i18n import DOMAIN, LOCALE_DIR, LOCALES

ROOT = Path(__file__).resolve().parent.parent
POT = Path(__file__).resolve().parent / "messages.pot"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None,
            "NP_": ((1, "c"), 2), "Text": None}
SOURCE = "nl"
STABLE_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)  # the language the code is written in: its catalog repeats the source text


def po_path(lang: str) -> Path:
    return LOCALE_DIR / LOCALES[lang] / "LC_MESSAGES" / f"{DOMAIN}.po"


def extracted() -> Catalog:
    """Every marked text of the code, as `pybabel extract -F babel.cfg` finds it."""
    from babel.messages.frontend import parse_mapping_cfg

    with open(ROOT / "babel.cfg", encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    catalog = Catalog(project="dashboard-integriteitsbeleid", charset="utf-8")
    for _filename, _lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True
    ):
        catalog.add(message, None, [], auto_comments=comments, context=context)
    return catalog


def read(lang: str) -> Catalog:
    with open(po_path(lang), "rb") as f:
        return read_po(f, locale=LOCALES[lang])


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def update() -> None:
    template = extracted()
    _write(POT, template)
    for lang, locale in LOCALES.items():
        path = po_path(lang)
        if path.exists():
            catalog = read(lang)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=locale, project=template.project, charset="utf-8")
        catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)  # its messages are not shared
        catalog.obsolete.clear()  # a text the code no longer has leaves the catalog
        if lang == SOURCE:
            for message in catalog:
                if message.id and not _translated(message.string):
                    message.string = message.id if isinstance(message.id, str) else tuple(message.id)
        _write(path, catalog)
    compile_all()


def _translated(string) -> bool:
    """A message's translation is there: its text, or every plural form of it."""
    return all(string) if isinstance(string, (tuple, list)) else bool(string)


def _hashable(value):
    """A message id or text as a key: the plural forms (a list in a .mo) as a tuple."""
    return tuple(value) if isinstance(value, list) else value


def _write(path: Path, catalog: Catalog) -> None:
    """Writes a catalog with a header that does not change on every run (no dates, not fuzzy),
    so an update only changes the lines of the messages that changed."""
    catalog.fuzzy = False
    catalog.creation_date = catalog.revision_date = STABLE_DATE
    catalog.copyright_holder = catalog.project
    catalog.last_translator = "integriteitscoördinator <review in docs/glossaire-woordenlijst.md>"
    catalog.language_team = f"{catalog.locale} (dashboard integriteitsbeleid)" if catalog.locale else ""
    catalog.msgid_bugs_address = ""
    with open(path, "wb") as f:
        write_po(f, catalog, no_location=True, sort_output=True, width=100)


def compile_all() -> None:
    for lang in LOCALES:
        catalog = read(lang)
        po_path(lang).with_suffix(".mo").write_bytes(compiled(catalog))


def problems() -> list[str]:
    """One line per message without a translation, per .mo that is not its .po compiled, and
    per text of the code that a catalog lacks."""
    found: list[str] = []
    wanted = {(m.context, m.id) for m in extracted() if m.id}
    for lang in LOCALES:
        catalog = read(lang)
        have = {(m.context, m.id): m for m in catalog if m.id}
        for key in sorted(wanted - set(have), key=str):
            found.append(f"{LOCALES[lang]}: not in the catalog (run python -m i18n update): {key[1]!r}"
                         + (f" [{key[0]}]" if key[0] else ""))
        for key, message in have.items():
            if key in wanted and (not message.string or (isinstance(message.string, tuple) and not all(message.string))
                                  or message.fuzzy):
                found.append(f"{LOCALES[lang]}: no translation: {key[1]!r}" + (f" [{key[0]}]" if key[0] else ""))
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists():
            found.append(f"{LOCALES[lang]}: {mo.name} missing (run python -m i18n compile)")
        else:
            with open(mo, "rb") as f:
                on_disk = {(m.context, _hashable(m.id)): _hashable(m.string) for m in read_mo(f) if m.id}
            if on_disk != {k: _hashable(m.string) for k, m in have.items() if _translated(m.string) and not m.fuzzy}:
                found.append(f"{LOCALES[lang]}: {mo.name} differs from the .po (run python -m i18n compile)")
    return found


def _hashable(value):
    """read_mo gives a plural message's ids and forms as lists; the .po as tuples."""
    return tuple(value) if isinstance(value, list) else value


def _key(message) -> str:
    return f"{message.context}|{message.id}" if message.context else message.id


def todo(lang: str = "fr") -> dict[str, str]:
    """The messages of `lang` without a translation (single texts only; plural forms by hand)."""
    return {_key(m): "" for m in read(lang) if m.id and isinstance(m.id, str) and (not m.string or m.fuzzy)}


def fill(path: Path, lang: str = "fr") -> int:
    """Sets the non-empty translations of the JSON file `path` ({key: text}) and compiles;
    returns how many were set."""
    import json

    wanted = {k: v for k, v in json.loads(Path(path).read_text(encoding="utf-8")).items() if v}
    catalog = read(lang)
    done = 0
    for message in catalog:
        if message.id and _key(message) in wanted:
            message.string, message.flags = wanted[_key(message)], set(message.flags) - {"fuzzy"}
            done += 1
    _write(po_path(lang), catalog)
    compile_all()
    return done


def merge_po(base: Path, ours: Path, theirs: Path) -> None:
    """Both sides' messages in `ours`; a message translated on one side only keeps that
    translation, one translated on both keeps ours. `python -m i18n update` tidies it after."""
    with open(ours, "rb") as f:
        mine = read_po(f)
    with open(theirs, "rb") as f:
        other = read_po(f)
    for message in other:
        if not message.id:
            continue
        have = mine.get(message.id, message.context)
        if have is None:
            mine[message.id] = message
        elif message.string and (not have.string or have.fuzzy):
            have.string = message.string
    with open(ours, "wb") as f:
        write_po(f, mine, no_location=True, sort_output=True, width=100)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "todo":
        import json

        print(json.dumps(todo(), ensure_ascii=False, indent=1))
    elif command == "fill" and len(args) == 2:
        print(f"{fill(Path(args[1]))} vertalingen ingevuld")
    elif command == "merge-po" and len(args) == 4:
        merge_po(*(Path(a) for a in args[1:]))
    elif command == "check":
        lines = problems()
        for line in lines:
            print(line)
        return 1 if lines else 0
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
