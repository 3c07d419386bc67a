"""The Instellingen page: the norms and the suppression threshold, saved with an audit row."""

from __future__ import annotations

import sqlalchemy as sa

from data_access.db import data_version
from data_access.schema import audit_log
from data_access.settings import DEFAULTS, load_settings
from tests.dashboard_apptest import open_page, start_app, texts


def _input(at, key: str):
    return at.number_input(key=f"instelling_{key}")


def test_every_setting_is_shown_with_its_current_value(engine, sqlite_url, monkeypatch):
    at = open_page(start_app(sqlite_url, monkeypatch=monkeypatch), "instellingen")
    for key, default in DEFAULTS.items():
        assert _input(at, key).value == default


def test_saving_stores_the_change_bumps_the_version_and_is_audited(engine, sqlite_url, monkeypatch):
    with engine.connect() as conn:
        version_before = data_version(conn)
    at = open_page(start_app(sqlite_url, monkeypatch=monkeypatch), "instellingen")
    _input(at, "complaint_norm_days").set_value(60)
    _input(at, "suppression_threshold").set_value(3)
    at.button[0].click().run()
    assert not at.exception
    assert "Opgeslagen: Norm afhandeling klacht (dagen) = 60" in texts(at)

    with engine.connect() as conn:
        stored = load_settings(conn)
        assert data_version(conn) == version_before + 1
        details = conn.execute(sa.select(audit_log.c.detail).where(audit_log.c.action == "instellingen")).scalars().all()
    assert stored["complaint_norm_days"] == 60 and stored["suppression_threshold"] == 3
    assert stored["report_ack_days"] == DEFAULTS["report_ack_days"]  # untouched
    assert len(details) == 1 and '"complaint_norm_days": 60' in details[0] and '"suppression_threshold": 3' in details[0]

    at.run()  # the page reads the new values back (the cache is keyed on the data version)
    assert _input(at, "complaint_norm_days").value == 60


def test_saving_without_a_change_writes_nothing(engine, sqlite_url, monkeypatch):
    at = open_page(start_app(sqlite_url, monkeypatch=monkeypatch), "instellingen")
    at.button[0].click().run()
    assert "Er is niets gewijzigd." in texts(at)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(audit_log).where(audit_log.c.action == "instellingen")).scalar() == 0



def test_every_setting_belongs_to_a_named_group():
    from dashboard.settings_view import OTHER, grouped_settings
    from data_access.settings import SETTINGS

    groups = grouped_settings()
    assert OTHER not in groups
    assert sorted(s.key for g in groups.values() for s in g) == sorted(s.key for s in SETTINGS)
