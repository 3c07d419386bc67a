"""The one-time code for the first account, printed in the server's log.

A database without any account (and without the demo) shows the setup page
(dashboard.shell.sign_in), which creates the first integriteitscoördinator only with this code. The
code lives in this process's memory: the app prints it to the log the first time it runs
without an account (`announce`), so only who can read the server's log can claim the zone.
A restart prints a new one; once an account exists the page is gone and the code is useless.
"""

from __future__ import annotations

import logging
import secrets
import sys
import threading

import i18n
from i18n import N_

_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_lock = threading.Lock()
_code: str | None = None
# Printed in both languages (the Dutch line first, as before): the setup page quotes the line in
# the language of whoever reads it, and a server has no language of its own.
LOG_LINE = N_("Eenmalige code voor het eerste account (pagina Eerste account): {code}")
_log = logging.getLogger("dashboard.setup")


def _new_code() -> str:
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(16))
    return "-".join(chars[i : i + 4] for i in range(0, 16, 4))


def announced() -> bool:
    return _code is not None


def announce() -> str:
    """The code of this process, made and printed to the log (stderr) on the first call."""
    global _code
    with _lock:
        if _code is None:
            _code = _new_code()
            for lang in i18n.LANGUAGES:
                print(i18n.translations(lang).gettext(LOG_LINE).format(code=_code), file=sys.stderr, flush=True)
            _log.info("one-time setup code printed to stderr")
        return _code
