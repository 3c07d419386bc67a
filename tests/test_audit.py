"""The audit log: rows written, searchable, and append-only (on PostgreSQL in the database too)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
import sqlalchemy as sa

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
        hits = audit.search(conn, action="export", text='"jaar": 2025')
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
