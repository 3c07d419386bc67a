"""argparse's own words (usage, the help option, errors) in the current language, so that the
command lines (python -m data_access, kpis, sample_data, dashboard.export) print no English.

argparse looks its words up through gettext at the moment it prints them; `parser()` points that
lookup at the project's catalogs (context "argparse") and returns a new ArgumentParser. Words
argparse only says to a programmer (a conflicting option, dest= missing) stay as they are.
"""

from __future__ import annotations

import argparse

from i18n import NP_, pgettext

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


def parser(**kwargs) -> argparse.ArgumentParser:
    """argparse.ArgumentParser(**kwargs), its words in the current language."""
    argparse._ = _translated  # type: ignore[attr-defined]
    argparse.ngettext = _translated_plural  # type: ignore[attr-defined]
    return argparse.ArgumentParser(**kwargs)
