"""The language of a run: the sidebar switch (?taal=fr), the zone's default (Instellingen), and
cached reads that never serve one language's text to the other."""

from __future__ import annotations

import pytest

import i18n
from dashboard.reads.cache import cached
from dashboard.style import theme
from data_access.db import connect
from data_access.settings import load_language, save_language
from tests.dashboard_apptest import open_page, start_app

calls: list[str] = []


@cached(max_entries=4)
def _title(register: str) -> str:
    calls.append(i18n.current())
    return i18n._("Standaardtaal van het dashboard") + " " + register


def test_a_cached_read_is_kept_per_language():
    _title.clear()
    calls.clear()
    with i18n.language("nl"):
        assert _title("x") == "Standaardtaal van het dashboard x"
    with i18n.language("fr"):
        assert _title("x") == "Langue par défaut du tableau de bord x"  # not the Dutch result of the same arguments
    with i18n.language("nl"):
        assert _title("x") == "Standaardtaal van het dashboard x"
    assert calls == ["nl", "fr"]  # computed once per language, inside that language


def test_plotly_separators_follow_the_language():
    assert theme.separators("nl") == ",."
    assert theme.separators("fr") == ",\u202f"


def test_the_default_language_is_a_setting(engine):
    with engine.begin() as conn:
        assert load_language(conn) == "nl"
        assert save_language(conn, "FR") == "fr"
        assert load_language(conn) == "fr"
        with pytest.raises(i18n.UnknownLanguage):
            save_language(conn, "en")


def _switch(at):
    return next(s for s in at.sidebar.selectbox if s.label == "Taal · Langue")


def test_the_switch_sets_the_language_and_is_kept_across_pages(sample_url, monkeypatch):
    at = start_app(sample_url, monkeypatch=monkeypatch)
    assert _switch(at).value == "nl"
    _switch(at).select("fr").run()
    assert not at.exception
    open_page(at, "instellingen")
    assert _switch(at).value == "fr"
    labels = [s.label for s in at.selectbox]
    assert "Langue par défaut du tableau de bord" in labels


def test_the_zone_default_opens_the_dashboard_in_french(tmp_path, monkeypatch):
    from sample_data.__main__ import ensure

    url = f"sqlite:///{tmp_path / 'sample.sqlite'}"
    assert ensure(url, workbook_path=tmp_path / "voorbeeld.xlsx") == 0
    engine = connect(url)
    with engine.begin() as conn:
        save_language(conn, "fr")
    engine.dispose()
    at = start_app(url, monkeypatch=monkeypatch)
    assert _switch(at).value == "fr"
    open_page(at, "instellingen")
    assert "Langue par défaut du tableau de bord" in [s.label for s in at.selectbox]
