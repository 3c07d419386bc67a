"""Dutch error pages instead of tracebacks.

`database_unavailable(exc)` shows the page for an unreachable database and stops the run;
`database_guard()` wraps a page run so that a database that drops away mid-session gives that
same page. Nothing here is cached, so the next rerun (the "Opnieuw proberen" button) tries the
database again and the app recovers by itself once it is back.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import NoReturn

import sqlalchemy as sa
import streamlit as st

from dashboard.style.text import plain
from data_access.db import DatabaseUnavailable
from i18n import N_, _, shown

DATABASE_ERRORS = (DatabaseUnavailable, sa.exc.OperationalError, sa.exc.InterfaceError)

GENERIC_DB_MESSAGE = N_("De databank is niet bereikbaar. Controleer de verbinding en probeer opnieuw.")


def database_message(exc: BaseException) -> str:
    """The message for a database failure in the current language; a driver's own (English) text
    is never shown."""
    if isinstance(exc, DatabaseUnavailable):
        return shown(exc.args[0]) if exc.args else str(exc)
    return _(GENERIC_DB_MESSAGE)


def database_unavailable(exc: BaseException) -> NoReturn:
    st.title(_("Dashboard integriteitsbeleid"))

    st.error(plain(database_message(exc)), icon=":material/cloud_off:")  # it names the database URL
    st.markdown(_(
        "Het dashboard toont opnieuw gegevens zodra de databank terug bereikbaar is. "
        "Blijft het probleem duren, neem dan contact op met de beheerder van de toepassing."
    ))
    st.button(_("Opnieuw proberen"), type="primary", key="_retry_database")
    st.stop()


@contextmanager
def database_guard():
    """Turns a database failure inside the block into the Dutch error page."""
    try:
        yield
    except DATABASE_ERRORS as exc:
        database_unavailable(exc)
