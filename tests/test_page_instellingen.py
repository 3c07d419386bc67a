"""The Instellingen page: the norms and the suppression threshold, saved with an audit row."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from data_access.db import data_version
from data_access.schema import audit_log
from data_access.settings import DEFAULTS, ZONE_NAME_KEY, clean_zone_name, load_settings, load_zone_name, save_zone_name
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
    from dashboard.ui.settings_view import OTHER, grouped_settings
    from data_access.settings import SETTINGS

    groups = grouped_settings()
    assert OTHER not in groups
    assert sorted(s.key for g in groups.values() for s in g) == sorted(s.key for s in SETTINGS)


# --- the zone's name ---------------------------------------------------------------------------


def test_zone_name_is_cleaned_checked_and_kept_apart_from_the_norms(engine):
    assert clean_zone_name("  PZ   Schoten ") == "PZ Schoten"
    with pytest.raises(ValueError, match="Naam van de politiezone: vul een naam in"):
        clean_zone_name("   ")
    with pytest.raises(ValueError, match="hoogstens 80 tekens \\(nu 81\\)"):
        clean_zone_name("P" * 81)
    with engine.begin() as conn:
        assert load_zone_name(conn) is None
        version = data_version(conn)
        assert save_zone_name(conn, " PZ  Schoten") == "PZ Schoten"
        assert save_zone_name(conn, "PZ Kempen") == "PZ Kempen"  # a second save replaces the first
    with engine.connect() as conn:
        assert load_zone_name(conn) == "PZ Kempen"
        assert data_version(conn) == version + 2
        assert set(load_settings(conn)) == set(DEFAULTS)  # the name is no norm


def test_saving_the_zone_name_on_the_page(engine, sqlite_url, monkeypatch):
    at = open_page(start_app(sqlite_url, monkeypatch=monkeypatch), "instellingen")
    field = at.text_input(key=f"instelling_{ZONE_NAME_KEY}")
    assert field.value == ""
    field.set_value("  PZ Schoten ")
    at.button[0].click().run()
    assert not at.exception
    assert "Opgeslagen: Naam van de politiezone = PZ Schoten" in texts(at)
    with engine.connect() as conn:
        assert load_zone_name(conn) == "PZ Schoten"
        details = conn.execute(sa.select(audit_log.c.detail).where(audit_log.c.action == "instellingen")).scalars().all()
    assert len(details) == 1 and '"zone_name": "PZ Schoten"' in details[0]
    assert at.text_input(key=f"instelling_{ZONE_NAME_KEY}").value == "PZ Schoten"
    at.switch_page("../pages/overzicht.py").run()
    assert at.caption[0].value.startswith("PZ Schoten · ")  # every page's header names the zone


def test_an_empty_zone_name_is_refused_and_nothing_is_written(engine, sqlite_url, monkeypatch):
    with engine.begin() as conn:
        save_zone_name(conn, "PZ Schoten")
        version = data_version(conn)
    at = open_page(start_app(sqlite_url, monkeypatch=monkeypatch), "instellingen")
    at.text_input(key=f"instelling_{ZONE_NAME_KEY}").set_value("  ")
    at.number_input(key="instelling_complaint_norm_days").set_value(60)
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Naam van de politiezone: vul een naam in, bv. PZ Schoten."]
    with engine.connect() as conn:
        assert load_zone_name(conn) == "PZ Schoten"
        assert load_settings(conn)["complaint_norm_days"] == DEFAULTS["complaint_norm_days"]  # all or nothing
        assert data_version(conn) == version


# --- the cover letters of the report to the authorities ----------------------------------------


def test_a_cover_letter_is_edited_on_the_page_stored_and_audited(engine, sqlite_url, monkeypatch):
    from data_access.settings import DEFAULT_COVER_LETTERS, cover_letter_key, load_cover_letter

    at = open_page(start_app(sqlite_url, monkeypatch=monkeypatch), "instellingen")
    area = at.text_area(key=f"instelling_{cover_letter_key('tuchtraad')}")
    assert area.value == DEFAULT_COVER_LETTERS["tuchtraad"]
    area.set_value("Geachte leden van de Tuchtraad,\n\nDe cijfers van {periode}.   ")
    next(b for b in at.button if b.label == "Brieven opslaan").click().run()
    assert not at.exception
    assert "Opgeslagen: brief aan de Tuchtraad" in texts(at)
    with engine.connect() as conn:
        assert load_cover_letter(conn, "tuchtraad") == "Geachte leden van de Tuchtraad,\n\nDe cijfers van {periode}."
        assert load_cover_letter(conn, "comite-p") == DEFAULT_COVER_LETTERS["comite-p"]  # untouched
        details = conn.execute(sa.select(audit_log.c.detail).where(audit_log.c.action == "instellingen")).scalars().all()
    assert details == ['{"wijzigingen": {"cover_letter_tuchtraad": "brief gewijzigd"}}']
    at.text_area(key=f"instelling_{cover_letter_key('tuchtraad')}").set_value("  ")
    next(b for b in at.button if b.label == "Brieven opslaan").click().run()
    assert any("de brief is leeg" in e.value for e in at.error)
    with engine.connect() as conn:
        assert load_cover_letter(conn, "tuchtraad").startswith("Geachte leden van de Tuchtraad")


def test_the_default_language_is_chosen_on_the_page_and_opens_the_next_session_in_french(engine, sqlite_url, monkeypatch):
    from data_access.settings import load_language

    at = open_page(start_app(sqlite_url, monkeypatch=monkeypatch), "instellingen")
    at.selectbox(key="instelling_taal").select("fr")
    at.button[0].click().run()
    assert not at.exception
    assert "Standaardtaal van het dashboard = Français" in texts(at)  # this session keeps its own choice
    with engine.connect() as conn:
        assert load_language(conn) == "fr"
    again = open_page(start_app(sqlite_url, monkeypatch=monkeypatch), "instellingen")
    assert again.title[0].value == "Paramètres"
