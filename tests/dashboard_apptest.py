"""AppTest helpers for the dashboard tests: start the app on a database and sign in with a role.

    at = start_app(url, role="integriteitscoordinator")   # signed in, first page rendered
    open_page(at, "instellingen")                         # switch_page + run, no exception
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard" / "app.py")
PASSWORD = "test-wachtwoord-123"


def add_local_user(url: str, role: str, name: str | None = None) -> str:
    from data_access.db import connect
    from data_access.users import add_user

    name = name or f"test-{role}"
    engine = connect(url)
    try:
        with engine.begin() as conn:
            add_user(conn, name, role, PASSWORD, replace=True)
    finally:
        engine.dispose()
    return name


def start_app(url: str, role: str = "integriteitscoordinator", *, monkeypatch=None) -> AppTest:
    """The app on `url`, signed in as `role`: through the demo role switcher on the sample
    database, else through the local sign-in form with a user made for the test."""
    if monkeypatch is not None:
        monkeypatch.setenv("DATABASE_URL", url)
    else:
        os.environ["DATABASE_URL"] = url
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    return sign_in(at, url, role)


def sign_in(at: AppTest, url: str, role: str) -> AppTest:
    """Signs in on a running AppTest: the demo role switcher or the local sign-in form."""
    assert not at.exception, [e.value for e in at.exception]
    demo = [s for s in at.sidebar.selectbox if s.key == "demo_rol"]  # 'Demorol', or in the zone's language
    if demo:
        demo[0].select(role).run()
    else:
        name = add_local_user(url, role)
        if [t.label for t in at.text_input] != ["Gebruikersnaam", "Wachtwoord"]:
            at.run()  # the first-account page of a database without accounts: gone now
        at.text_input[0].input(name)
        at.text_input[1].input(PASSWORD)
        at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_page(at: AppTest, name: str) -> AppTest:
    at.switch_page(f"../pages/{name}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """Everything the page wrote as text (markdown, captions, alerts, metrics), for searching;
    markdown escapes, bold markers and invisible word joiners (dashboard.style.text.plain) removed, so
    it reads as on screen."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts.extend(str(e.value) for e in getattr(at, kind))
    for metric in at.metric:
        parts.append(f"{metric.label}: {metric.value} {metric.delta or ''}")
    return re.sub(r"\\(.)", r"\1", "\n".join(parts)).replace("**", "").replace("\u2060", "")
