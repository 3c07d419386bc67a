"""argparse's own words (usage, the help option, errors) in the current language, so that the
command lines (python -m data_access, kpis, sample_data, dashboard.export) print no English.

argparse looks its words up through gettext (its module's `_` and `ngettext`) when it builds a
parser and when it prints. `Parser` points those lookups at the project's catalogs (context
"argparse") for the length of each of its own calls, then restores them: argparse stays as it was
for any other parser in the process. Words argparse only says to a programmer (a conflicting
option, dest= missing) stay as they are.
"""

from __future__ import annotations

import argparse
import contextlib

from i18n import NP_, _, pgettext

CONTEXT = "argparse"
MESSAGES = frozenset({
    NP_("argparse", "usage: "),
    NP_("argparse", "positional arguments"),
    NP_("argparse", "options"),
    NP_("argparse", "show this help message and exit"),
    NP_("argparse", "%(prog)s: error: %(message)s\n"),
    NP_("argparse", "argument %(argument_name)s: %(message)s"),
    NP_("argparse", "the following arguments are required: %s"),
    NP_("argparse", "one of the arguments %s is required"),
    NP_("argparse", "unrecognized arguments: %s"),
    NP_("argparse", "not allowed with argument %s"),
    NP_("argparse", "ignored explicit argument %r"),
    NP_("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    NP_("argparse", "invalid %(type)s value: %(value)r"),
    NP_("argparse", "expected one argument"),
    NP_("argparse", "expected at most one argument"),
    NP_("argparse", "expected at least one argument"),
    NP_("argparse", "expected %s argument"),
    NP_("argparse", "expected %s arguments"),
    NP_("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    NP_("argparse", "can't open '%(filename)s': %(error)s"),
})


def _translated(text: str) -> str:
    return pgettext(CONTEXT, text) if text in MESSAGES else text


def _translated_plural(singular: str, plural: str, n: int) -> str:
    return _translated(singular if n == 1 else plural)  # Dutch and French: one, and the rest


@contextlib.contextmanager
def _words():
    """argparse's lookups pointed at the catalogs while a parser of ours works, then back: other
    parsers in the same process keep argparse's own words."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _translated, _translated_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose own words are looked up in the catalogs: when it is made (the
    'options' heading, the help option) and whenever it formats, parses or reports an error.
    Its subcommands' parsers are of this class too, and a list of subcommands is named
    'opdracht' (fr 'commande') in the usage instead of argparse's {a,b,c}."""

    def __init__(self, *args, **kwargs):
        with _words():
            super().__init__(*args, **kwargs)

    def format_usage(self) -> str:
        with _words():
            return super().format_usage()

    def format_help(self) -> str:
        with _words():
            return super().format_help()

    def parse_known_args(self, args=None, namespace=None):
        with _words():
            return super().parse_known_args(args, namespace)

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("metavar", _("opdracht"))
        with _words():
            return super().add_subparsers(**kwargs)

    def error(self, message: str):
        with _words():
            super().error(message)


def parser(**kwargs) -> argparse.ArgumentParser:
    """A Parser: argparse.ArgumentParser(**kwargs), its words in the current language."""
    return Parser(**kwargs)
