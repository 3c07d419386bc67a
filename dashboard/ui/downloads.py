"""Downloads of files with personal data (the full yearly export, the audit log as CSV): built
only when the user clicks, audited at that moment, and gone from the server soon after.

    downloads.button(label, build, file_name=..., mime=..., key=..., icon=..., type=...)

`build()` makes the bytes and writes the audit row (in its own transaction). It runs on
Streamlit's download thread when the button is clicked (st.download_button with a callable),
never while the page is drawn, so nothing lies ready at a /media address before the click; it
runs in the language of the page that drew the button (that thread has no language of its own).
Before building, a local sign-in is checked again on the server (data_access.sessions): a
session that was signed out, expired or revoked since the page was drawn gets no file. After
serving, Streamlit keeps the generated file in memory until two later cleanups; LIFETIME
seconds after the click this module runs those cleanups itself, so the file's /media address
answers 404 from then on (tests/browser/test_sign_in.py checks it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import streamlit as st
from streamlit import runtime

from dashboard.reads.data import get_engine
from dashboard.shell import auth, sign_in
from data_access import sessions
from i18n import current, language

LIFETIME = 5  # seconds a generated file stays reachable after the click


def button(label: str, build: Callable[[], bytes], *, file_name: str, mime: str, key: str, **options) -> None:
    token = sign_in.current_token() if auth.signed_in_method() == "lokaal" else None
    engine = get_engine()
    lang = current()

    def serve() -> bytes:
        if token is not None:
            with engine.begin() as conn:
                if sessions.check(conn, token) is None:
                    raise PermissionError("sign-in ended before the download")  # Streamlit: no file
        with language(lang):
            data = build()
        _forget_after(LIFETIME)
        return data

    st.download_button(label, data=serve, file_name=file_name, mime=mime, key=key, **options)


def _forget_after(seconds: float) -> None:
    timer = threading.Timer(seconds, forget_served_files)
    timer.daemon = True
    timer.start()


def forget_served_files() -> None:
    """Removes every generated download no session refers to any more (what Streamlit does over
    two script runs: the first cleanup marks a file, the second deletes it)."""
    if not runtime.exists():
        return
    manager = runtime.get_instance().media_file_mgr
    manager.remove_orphaned_files()
    manager.remove_orphaned_files()
