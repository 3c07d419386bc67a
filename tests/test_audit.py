"""The audit log: rows written, searchable, and append-only (on PostgreSQL in the database too)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from dashboard.shell.auth import SCREEN_SHARE_SWITCH_KEY
from data_access import audit
from data_access.access import Access
from data_access.db import connect
from data_access.schema import audit_log

COORD = Access("els", "integriteitscoordinator")
KORPS = Access("an", "korpsleiding")
NETWERK = Access("piet", "netwerk")


@pytest.fixture
def logged(engine):
    with engine.begin() as conn:
        audit.record(conn, COORD, "import", {"bestand": "registers_2025.xlsx"}, at=datetime(2025, 1, 10, 8, 0))
        audit.record(conn, KORPS, "paginaweergave", {"pagina": "klachten", "filters": {"jaar": 2025}}, at=datetime(2025, 2, 1, 9, 0))
        audit.record(conn, KORPS, "detailweergave", {"register": "klachten", "rijen": 3}, at=datetime(2025, 2, 1, 9, 1))
        audit.record(conn, KORPS, "export", {"soort": "volledig", "jaar": 2024}, at=datetime(2025, 2, 3, 10, 0))
        audit.record(conn, NETWERK, "export", {"soort": "geanonimiseerd", "jaar": 2025}, at=datetime(2026, 1, 20, 14, 30))
        audit.record(conn, Access("an", "korpsleiding", screen_share=True), "paginaweergave", {"pagina": "overzicht"}, at=datetime(2026, 2, 1, 9, 0))
    return engine


def test_who_exported_the_2025_figures_and_when(logged):
    with logged.connect() as conn:
        hits = audit.search(conn, action="export", text="jaar: 2025")  # as the page shows the detail
        assert hits.equals(audit.search(conn, action="export", text='"jaar": 2025'))
    assert hits[["user_name", "role", "at"]].values.tolist() == [["piet", "netwerk", datetime(2026, 1, 20, 14, 30)]]


def test_search_by_user_action_period_and_text(logged):
    with logged.connect() as conn:
        assert audit.search(conn, user="AN", action="paginaweergave")["at"].tolist() == [datetime(2026, 2, 1, 9, 0), datetime(2025, 2, 1, 9, 0)]
        assert audit.search(conn, since=date(2025, 2, 1), until=date(2025, 2, 2))["action"].tolist() == ["detailweergave", "paginaweergave"]
        assert audit.search(conn, text="registers_2025")["user_name"].tolist() == ["els"]
        assert len(audit.search(conn)) == 6
        assert len(audit.search(conn, limit=2)) == 2
        # the % in a search text is a character, not a wildcard
        assert audit.search(conn, text="%").empty


def test_screen_share_is_recorded_in_the_detail(logged):
    with logged.connect() as conn:
        row = audit.search(conn, action="paginaweergave", user="an").iloc[0]
    assert json.loads(row["detail"]) == {"pagina": "overzicht", "schermdeling": True}


def test_unknown_action_is_refused(engine):
    with engine.begin() as conn:
        with pytest.raises(ValueError, match="Onbekende auditactie"):
            audit.record(conn, COORD, "verwijderen", {})


def test_module_has_no_update_or_delete():
    import inspect

    source = inspect.getsource(audit)
    for forbidden in (".update(", ".delete(", "sa.update", "sa.delete", "TRUNCATE "):
        assert forbidden not in source


@pytest.mark.postgres
def test_postgresql_refuses_update_delete_and_truncate(pg_url):
    engine = connect(pg_url)
    try:
        with engine.begin() as conn:
            audit.record(conn, COORD, "export", {"jaar": 2025})
        for statement in (
            audit_log.update().values(user_name="iemand anders"),
            audit_log.delete(),
            sa.text("TRUNCATE audit_log"),
        ):
            with pytest.raises(sa.exc.DBAPIError, match="append-only"):
                with engine.begin() as conn:
                    conn.execute(statement)
        with engine.connect() as conn:
            assert audit.search(conn)["user_name"].tolist() == ["els"]
    finally:
        engine.dispose()


# --- CSV export and the Auditlogboek page -------------------------------------------------------


def test_csv_is_formula_safe_with_dutch_headers(logged):
    with logged.begin() as conn:
        audit.record(conn, Access("=HYPERLINK(\"http://x\")", "netwerk"), "export", {"bestand": "@SUM(A1)", "jaar": 2025},
                     at=datetime(2026, 3, 1, 12, 0))
        rows = audit.search(conn, action="export")
    import csv
    import io

    raw = audit.to_csv(rows)
    assert raw.startswith("\ufeff".encode())  # BOM: Excel opens it as UTF-8
    cells = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert cells[0] == ["Tijdstip", "Gebruiker", "Rol", "Actie", "Details"]
    # 12:00 UTC on 1 March 2026 is 13:00 in Brussels (winter time)
    assert cells[1] == ["01/03/2026 13:00:00", "'=HYPERLINK(\"http://x\")", "Integriteitsnetwerk", "Export",
                        "bestand: @SUM(A1) · jaar: 2025"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in cells for cell in row)


@pytest.mark.parametrize("value,safe", [("=1+1", "'=1+1"), ("+32 3 123", "'+32 3 123"), ("-5", "'-5"), ("@x", "'@x"),
                                        ("\tx", "'\tx"), ("gewoon", "gewoon"), (None, "")])
def test_csv_cell(value, safe):
    assert audit.csv_cell(value) == safe


def test_audit_page_searches_and_exports(engine, sqlite_url, monkeypatch):
    from tests.dashboard_apptest import open_page, start_app, texts

    with engine.begin() as conn:
        audit.record(conn, NETWERK, "export", {"soort": "geanonimiseerd", "jaar": 2025})
        audit.record(conn, KORPS, "export", {"soort": "volledig", "jaar": 2024})
    at = open_page(start_app(sqlite_url, monkeypatch=monkeypatch), "audit")
    assert "Auditlogboek" in texts(at)
    table = at.dataframe[0].value
    assert {"piet", "an"} <= set(table["Gebruiker"])
    # "who exported the 2025 figures": action Export, text 2025
    at.selectbox(key="audit_actie").select("export")
    at.text_input(key="audit_tekst").input("jaar: 2025")
    at.button[0].click().run()
    table = at.dataframe[0].value
    assert table["Gebruiker"].tolist() == ["piet"] and table["Actie"].tolist() == ["Export"]
    assert "jaar: 2025" in table["Details"].iloc[0]
    assert at.get("download_button")


@pytest.mark.parametrize("role", ["korpsleiding", "netwerk"])
def test_audit_page_is_refused_to_other_roles(engine, sqlite_url, monkeypatch, role):
    from streamlit.testing.v1 import AppTest

    from dashboard.shell.auth import ACCESS_KEY
    from tests.dashboard_apptest import ROOT, start_app

    # not in the menu; a link to it opens the page, which refuses in Dutch and shows nothing
    at = start_app(sqlite_url, role=role, monkeypatch=monkeypatch)
    at.switch_page("../pages/audit.py").run()
    assert not at.exception and not at.dataframe
    assert any("integriteitscoördinator" in w.value for w in at.warning)
    # and the page checks again by itself when run directly
    page = AppTest.from_file(str(ROOT / "pages" / "audit.py"), default_timeout=30)
    page.session_state[ACCESS_KEY] = Access("x", role)
    page.run()
    assert not page.exception and not page.dataframe
    assert any("integriteitscoördinator" in w.value for w in page.warning)


def _rows_of(engine, user: str) -> list[tuple[str, dict]]:
    with engine.connect() as conn:
        rows = audit.search(conn, user=user, limit=None)
    return [(a, json.loads(d)) for a, d in zip(rows["action"][::-1], rows["detail"][::-1])]  # oldest first


def test_a_refused_page_is_logged_as_a_refusal_and_found_on_the_audit_page(engine, sqlite_url, monkeypatch):
    """Opening a page the role may not open is a "geweigerd" row with the page and the reason
    the page showed, never a "paginaweergave"; once per view, like a page view. The coordinator
    filters on it on the Auditlogboek page."""
    from data_access.access import DENIED_MESSAGES, SCREEN_SHARE_MESSAGE
    from tests.dashboard_apptest import open_page, start_app

    at = start_app(sqlite_url, "netwerk", monkeypatch=monkeypatch)
    for name in ("audit", "gegevens"):
        at.switch_page(f"../pages/{name}.py").run()
        at.run()  # a rerun of the same view adds nothing
        assert not at.exception and not at.dataframe
    rows = _rows_of(engine, "test-netwerk")
    assert [(a, d) for a, d in rows if a == "geweigerd"] == [
        ("geweigerd", {"pagina": "audit", "reden": DENIED_MESSAGES["view_audit"]}),
        ("geweigerd", {"pagina": "gegevens", "reden": DENIED_MESSAGES["import"]}),
    ]
    viewed = [d["pagina"] for a, d in rows if a == "paginaweergave"]
    assert viewed == ["overzicht"]  # the first page after signing in; the refused pages are no views
    assert [w.value for w in at.main.warning] == [DENIED_MESSAGES["import"]]  # what the page showed

    # The coordinator in screen-share mode is refused with the screen-share reason.
    at = start_app(sqlite_url, "integriteitscoordinator", monkeypatch=monkeypatch)
    at.sidebar.toggle(key=SCREEN_SHARE_SWITCH_KEY).set_value(True).run()
    at.switch_page("../pages/instellingen.py").run()
    assert not at.exception and not at.number_input
    assert _rows_of(engine, "test-integriteitscoordinator")[-1] == (
        "geweigerd", {"pagina": "instellingen", "reden": SCREEN_SHARE_MESSAGE, "schermdeling": True}
    )

    at.sidebar.toggle(key=SCREEN_SHARE_SWITCH_KEY).set_value(False).run()  # turning off asks to confirm
    at.button(key="_schermdeling_uitschakelen").click().run()
    open_page(at, "audit")
    assert "Geweigerd (geen toegang)" in at.selectbox(key="audit_actie").options
    at.selectbox(key="audit_actie").select("geweigerd")
    at.button[0].click().run()
    table = at.dataframe[0].value
    assert set(table["Actie"]) == {"Geweigerd (geen toegang)"} and len(table) == 3
    assert table["Details"].iloc[-1] == f"pagina: audit · reden: {DENIED_MESSAGES['view_audit']}"
    assert table["Gebruiker"].tolist() == ["test-integriteitscoordinator", "test-netwerk", "test-netwerk"]


def test_every_restricted_page_refuses_with_the_permission_its_menu_entry_needs():
    """app.py logs the refusal from the menu's PageSpec.action; the page refuses with
    components.require(action): both must name the same permission."""
    from dashboard.shell import navigation

    for spec in navigation.existing_pages():
        source = spec.path.read_text(encoding="utf-8")
        if spec.action is None:
            assert "ui.require()" in source, spec.name
        else:
            assert f'ui.require("{spec.action}")' in source, spec.name


def test_real_exports_answer_who_exported_the_2025_figures(engine):
    """Issue 5, done when: the audit log answers "who exported the 2025 figures, and when"."""
    from dashboard.export.workbook import build_workbook

    build_workbook(engine, NETWERK, 2025, anonymised=True)
    build_workbook(engine, KORPS, 2024, anonymised=False)
    with engine.connect() as conn:
        hits = audit.search(conn, action="export", text="jaar: 2025")
    assert hits["user_name"].tolist() == ["piet"] and hits["role"].tolist() == ["netwerk"]
    assert "geanonimiseerd: ja" in audit.describe(hits["detail"].iloc[0])
    assert abs((audit.utcnow() - hits["at"].iloc[0]).total_seconds()) < 120


def test_describe_reads_as_on_screen():
    detail = json.dumps({"pagina": "klachten", "filters": {"jaar": 2025, "peildatum": "2025-12-31"}, "schermdeling": True})
    assert audit.describe(detail) == "pagina: klachten · filters: jaar: 2025 · peildatum: 31/12/2025 · schermdeling: ja"


def test_a_label_is_kept_as_its_message_and_shown_in_the_readers_language(engine):
    """A drill-down's label recorded by a Dutch user reads in French on a French audit page, and
    the other way round; a label stored as plain text before (older rows) reads as stored."""
    from i18n import Text, language

    label = Text("klachten ontvangen in {year}", year=2025)
    with engine.begin() as conn:
        audit.record(conn, Access("jan", "integriteitscoordinator"), "detailweergave", {"register": "klachten", "label": label})
        stored = conn.execute(sa.select(audit_log.c.detail)).scalar_one()
    assert json.loads(stored)["label"] == {"bericht": "klachten ontvangen in {year}", "waarden": {"year": 2025},
                                           "tekst": "klachten ontvangen in 2025"}
    assert audit.describe(stored) == "register: klachten · label: klachten ontvangen in 2025"
    with engine.connect() as conn:  # found by the text the Details column shows in Dutch
        assert len(audit.search(conn, text="klachten ontvangen in 2025")) == 1
    with language("fr"):
        assert audit.describe(stored) == "registre : plaintes · libellé : plaintes reçues en 2025"
        older = json.dumps({"label": "klachten ontvangen in 2024"})
        assert audit.describe(older) == "libellé : klachten ontvangen in 2024"
