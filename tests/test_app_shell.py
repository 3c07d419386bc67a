"""The dashboard shell (dashboard/app.py): page list per role, shared filters in the URL, the
database error page and its recovery, and the page-view audit row."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from dashboard.shell import navigation
from data_access.access import Access
from data_access.schema import REGISTER_TABLES, audit_log
from tests.dashboard_apptest import open_page, start_app, texts
from tests.page_checks import menu_pages


def _names(access: Access) -> set[str]:
    return {p.name for p in menu_pages(access)}


def test_beheer_pages_only_for_the_coordinator_outside_screen_share():
    beheer = {"gegevens", "instellingen"}  # the files this shell ships; audit comes with its own
    coordinator = _names(Access("c", "integriteitscoordinator"))
    assert beheer <= coordinator
    for access in (
        Access("k", "korpsleiding"),
        Access("n", "netwerk"),
        Access("c", "integriteitscoordinator", screen_share=True),
    ):
        assert not (_names(access) & {"gegevens", "instellingen", "audit"}), access


def test_a_page_file_that_does_not_exist_is_not_listed(monkeypatch, tmp_path):
    (tmp_path / "instellingen.py").write_text("")
    monkeypatch.setattr(navigation, "PAGES_DIR", tmp_path)
    assert _names(Access("c", "integriteitscoordinator")) == {"instellingen"}


def test_every_page_renders_on_an_empty_database_for_every_role(engine, sqlite_url, monkeypatch):
    for role in ("integriteitscoordinator", "korpsleiding", "netwerk"):
        at = start_app(sqlite_url, role, monkeypatch=monkeypatch)
        for spec in menu_pages(Access("x", role)):
            open_page(at, spec.name)
            assert at.title and at.title[0].value, (role, spec.name)  # the page drew its header


def test_a_page_outside_the_role_opens_only_to_refuse(sample_url, monkeypatch):
    """Pages outside a role's menu are registered (hidden) so that a link does not end on
    Streamlit's English "Page not found": each one refuses in Dutch and shows nothing else."""
    for role in ("korpsleiding", "netwerk"):
        at = start_app(sample_url, role, monkeypatch=monkeypatch)
        refused = [spec for spec in navigation.existing_pages() if spec.name not in _names(Access("x", role))]
        assert refused, role
        for spec in refused:
            at.switch_page(f"../pages/{spec.name}.py").run()
            assert not at.exception, (role, spec.name)
            assert len(at.main.warning) == 1 and "integriteitscoördinator" in at.main.warning[0].value, (role, spec.name)
            assert not at.title and not at.dataframe and not at.get("download_button"), (role, spec.name)
            assert not at.get("file_uploader") and not at.number_input, (role, spec.name)


def test_filters_default_to_the_current_year_and_follow_a_year_change(engine, sqlite_url, monkeypatch):
    with engine.begin() as conn:
        conn.execute(
            REGISTER_TABLES["klachten"].insert(),
            [{"dossiernummer": "KL-1", "datum_ontvangst": dt.date(2023, 5, 2), "kanaal": "burger", "categorie": "bejegening", "dienst": "Verkeer", "status": "ontvangen"}],
        )
    at = start_app(sqlite_url, monkeypatch=monkeypatch)
    year, dienst = at.sidebar.selectbox(key="jaar"), at.sidebar.selectbox(key="dienst")
    today = dt.date.today()
    assert year.value == today.year
    assert year.options == [str(y) for y in range(today.year, 2022, -1)]  # 2023 up to now, newest first, no gap
    assert at.sidebar.date_input(key="peildatum").value == today
    assert dienst.options == ["Alle diensten", "Verkeer"]

    year.select(2023).run()
    assert at.sidebar.date_input(key="peildatum").value == dt.date(2023, 12, 31)


def test_a_link_reproduces_the_view(engine, sqlite_url, monkeypatch):
    """The filters are bound to the URL: opening ?jaar=..&peildatum=..&dienst=.. restores them."""
    with engine.begin() as conn:
        conn.execute(
            REGISTER_TABLES["klachten"].insert(),
            [{"dossiernummer": "KL-1", "datum_ontvangst": dt.date(2023, 5, 2), "kanaal": "burger", "categorie": "bejegening", "dienst": "Verkeer", "status": "ontvangen"}],
        )
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    from streamlit.testing.v1 import AppTest

    from tests.dashboard_apptest import APP, sign_in

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params = {"jaar": "2023", "peildatum": "2023-06-30", "dienst": "Verkeer"}
    at.run()
    sign_in(at, sqlite_url, "integriteitscoordinator")
    assert at.sidebar.selectbox(key="jaar").value == 2023
    assert at.sidebar.date_input(key="peildatum").value == dt.date(2023, 6, 30)
    assert at.sidebar.selectbox(key="dienst").value == "Verkeer"


def test_a_reference_date_after_today_is_refused_in_dutch(engine, sqlite_url, monkeypatch):
    """A peildatum after today would count what has not happened yet: the sidebar says so in
    Dutch and every figure is for today (the page header says which date it uses)."""
    with engine.begin() as conn:
        conn.execute(
            REGISTER_TABLES["klachten"].insert(),
            [{"dossiernummer": "KL-1", "datum_ontvangst": dt.date(2023, 5, 2), "kanaal": "burger", "categorie": "bejegening", "dienst": "Verkeer", "status": "ontvangen"}],
        )
    at = start_app(sqlite_url, monkeypatch=monkeypatch)
    today = dt.date.today()
    later = today + dt.timedelta(days=40)
    at.sidebar.date_input(key="peildatum").set_value(later).run()
    message = [e.value for e in at.sidebar.error]
    assert message == [f"De peildatum {later:%d/%m/%Y} ligt na vandaag: wat nog moet gebeuren is niet gekend. De cijfers "
                       f"gelden voor vandaag ({today:%d/%m/%Y}); kies een datum tot en met vandaag."]
    captions = " ".join(str(c.value) for c in at.main.caption)
    assert f"peildatum {today:%d/%m/%Y}" in captions and f"peildatum {later:%d/%m/%Y}" not in captions
    at.sidebar.date_input(key="peildatum").set_value(today - dt.timedelta(days=3)).run()
    assert not at.sidebar.error


def test_unreachable_database_gives_a_dutch_page_and_the_app_recovers(tmp_path, monkeypatch):
    folder = tmp_path / "nog-niet-aangemaakt"
    url = f"sqlite:///{folder / 'db.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    from streamlit.testing.v1 import AppTest

    from tests.dashboard_apptest import APP

    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert "De databank is niet bereikbaar" in texts(at)
    assert "Traceback" not in texts(at)
    assert any(b.label == "Opnieuw proberen" for b in at.button)

    folder.mkdir()  # the database is back
    at.button(key="_retry_database").click().run()
    assert not at.exception
    assert "De databank is niet bereikbaar" not in texts(at)
    assert "Eerste account" in texts(at)  # the setup page of a fresh database: the app works again


def test_a_page_view_is_audited_once_per_view(engine, sqlite_url, monkeypatch):
    at = start_app(sqlite_url, monkeypatch=monkeypatch)
    open_page(at, "instellingen")
    at.run()  # a rerun of the same view adds nothing

    def views():
        with engine.connect() as conn:
            return conn.execute(
                sa.select(audit_log.c.detail).where(audit_log.c.action == "paginaweergave").order_by(audit_log.c.id)
            ).scalars().all()

    logged = views()
    assert sum('"instellingen"' in d for d in logged) == 1
    assert f'"jaar": {dt.date.today().year}' in logged[-1]


# --- On the sample data -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["integriteitscoordinator", "netwerk"])
def test_every_page_renders_on_the_sample_data(sample_url, monkeypatch, role):
    at = start_app(sample_url, role, monkeypatch=monkeypatch)
    specs = menu_pages(Access("x", role))
    assert specs
    for spec in specs:
        open_page(at, spec.name)
        assert not at.error, (spec.name, [e.value for e in at.error])


def _drill_rows(engine_url: str) -> list[str]:
    engine = sa.create_engine(engine_url)
    try:
        with engine.connect() as conn:
            return conn.execute(
                sa.select(audit_log.c.detail).where(audit_log.c.action == "detailweergave").order_by(audit_log.c.id)
            ).scalars().all()
    finally:
        engine.dispose()


def test_drill_down_shows_the_rows_behind_a_figure_and_is_audited(sample_url, monkeypatch):
    at = open_page(start_app(sample_url, "korpsleiding", monkeypatch=monkeypatch), "klachten")
    before = len(_drill_rows(sample_url))
    label = f"klachten ontvangen in {dt.date.today().year}"
    toggle = at.toggle(key=f"_drill_klachten_{label}")
    assert "ontvangen" in label and toggle.value is False
    assert len(_drill_rows(sample_url)) == before  # nothing read before the user asks
    toggle.set_value(True).run()
    assert not at.exception
    frames = [df.value for df in at.dataframe if "dossiernummer" in df.value.columns]
    assert frames, "geen tabel met rijen"
    rows = frames[0]
    assert len(rows) > 0 and "medewerker" in rows.columns  # korpsleiding may see persons
    assert all(pd.Timestamp(d).year == dt.date.today().year for d in rows["datum_ontvangst"])  # the filters' year
    logged = _drill_rows(sample_url)
    assert len(logged) == before + 1 and '"register": "klachten"' in logged[-1] and f'"rijen": {len(rows)}' in logged[-1]


def test_an_open_drill_down_is_audited_once_per_view_not_per_rerun(sample_url, monkeypatch):
    """Reruns while the rows stay open (another widget, a row chosen) add no audit row; closing
    and opening again, or other filters, is a new view and adds one."""
    at = open_page(start_app(sample_url, "korpsleiding", monkeypatch=monkeypatch), "klachten")
    label = f"klachten ontvangen in {dt.date.today().year}"
    before = len(_drill_rows(sample_url))
    at.toggle(key=f"_drill_klachten_{label}").set_value(True).run()
    at.run()
    at.segmented_control(key="klachten_main_venster").set_value(24).run()  # another widget on the page
    assert not at.exception and len(_drill_rows(sample_url)) == before + 1
    at.toggle(key=f"_drill_klachten_{label}").set_value(False).run()
    at.toggle(key=f"_drill_klachten_{label}").set_value(True).run()
    assert len(_drill_rows(sample_url)) == before + 2
    dienst = _a_dienst_with_complaints_this_year(sample_url)  # its drill-down has rows to show
    at.sidebar.selectbox(key="dienst").select(dienst).run()
    assert len(_drill_rows(sample_url)) == before + 3 and f'"dienst": "{dienst}"' in _drill_rows(sample_url)[-1]


def _a_dienst_with_complaints_this_year(sample_url) -> str:
    import sqlalchemy as sa

    from data_access.db import connect
    from data_access.schema import REGISTER_TABLES

    t = REGISTER_TABLES["klachten"]
    engine = connect(sample_url)
    with engine.connect() as conn:
        dienst = conn.execute(sa.select(t.c.dienst).where(t.c.datum_ontvangst >= dt.date(dt.date.today().year, 1, 1))
                              .group_by(t.c.dienst).order_by(sa.func.count().desc())).scalars().first()
    engine.dispose()
    return dienst


def _klachten_drill_down_at(sample_url, monkeypatch, as_of: dt.date, label: str, kpi_id: str):
    """(the app, the rows the Klachten drill-down `label` shows at reference date `as_of`, the
    report's `kpi_id` for the same year and date)."""
    from data_access.db import connect
    from kpis.engine import compute_report

    at = open_page(start_app(sample_url, "korpsleiding", monkeypatch=monkeypatch), "klachten")
    at.sidebar.selectbox(key="jaar").select(as_of.year).run()
    at.sidebar.date_input(key="peildatum").set_value(as_of).run()
    at.toggle(key=f"_drill_klachten_{label}").set_value(True).run()
    assert not at.exception
    rows = next(df.value for df in at.dataframe if "dossiernummer" in df.value.columns)
    engine = connect(sample_url)
    try:
        return at, rows, compute_report(engine, as_of.year, as_of).kpis[kpi_id]
    finally:
        engine.dispose()


def test_drill_down_lists_the_rows_the_card_counts_at_the_reference_date(sample_url, monkeypatch):
    """At a reference date in the middle of the year, the rows behind "klachten ontvangen" are
    those received in the year up to that date: as many as the card says."""
    year = dt.date.today().year - 1
    as_of = dt.date(year, 6, 30)
    label = f"klachten ontvangen in {year}"
    at, rows, expected = _klachten_drill_down_at(sample_url, monkeypatch, as_of, label, "complaints_received")
    assert f"Onderliggende rijen: {label} tot 30/06/{year}" in [e.label for e in at.expander]
    assert len(rows) == expected > 0
    received = [pd.Timestamp(d).date() for d in rows["datum_ontvangst"]]
    assert min(received) >= dt.date(year, 1, 1) and max(received) <= as_of


def test_open_complaints_drill_down_lists_those_open_at_the_reference_date(sample_url, monkeypatch):
    """'klachten open op D' lists what complaints_open counts: received by D, from any year, not
    closed by D, even when the register closed them later."""
    year = dt.date.today().year - 1
    as_of = dt.date(year, 6, 30)
    _, rows, expected = _klachten_drill_down_at(sample_url, monkeypatch, as_of, f"klachten open op 30/06/{year}", "complaints_open")
    assert len(rows) == expected > 0
    assert all(pd.Timestamp(d).date() <= as_of for d in rows["datum_ontvangst"])
    closed = [pd.Timestamp(d).date() for d in rows["datum_afsluiting"] if not pd.isna(d)]
    assert closed and all(d > as_of for d in closed)  # closed after D: still open at D


def test_drill_down_is_not_offered_to_the_netwerk_view(sample_url, monkeypatch):
    at = open_page(start_app(sample_url, "netwerk", monkeypatch=monkeypatch), "klachten")
    assert not [t for t in at.toggle if str(t.key).startswith("_drill_")]
    assert "Individuele dossiers zijn niet zichtbaar in deze weergave" in texts(at)
    assert not [df for df in at.dataframe if "dossiernummer" in df.value.columns]


def test_every_page_survives_a_reference_date_before_the_first_row(sample_url, monkeypatch):
    at = start_app(sample_url, "integriteitscoordinator", monkeypatch=monkeypatch)
    first_year = min(int(y) for y in at.sidebar.selectbox(key="jaar").options)
    at.sidebar.selectbox(key="jaar").select(first_year).run()
    at.sidebar.date_input(key="peildatum").set_value(dt.date(first_year - 1, 6, 30)).run()
    for spec in menu_pages(Access("x", "integriteitscoordinator")):
        open_page(at, spec.name)


def test_every_page_survives_a_database_with_only_one_register(engine, sqlite_url, monkeypatch):
    with engine.begin() as conn:
        conn.execute(
            REGISTER_TABLES["meldingen"].insert(),
            [{"nummer": "M-1", "datum_ontvangst": dt.date.today(), "kanaal": "extern", "anoniem": True,
              "categorie": "geweld", "status": "onderzoek"}],
        )
    for role in ("integriteitscoordinator", "netwerk"):
        at = start_app(sqlite_url, role, monkeypatch=monkeypatch)
        for spec in menu_pages(Access("x", role)):
            open_page(at, spec.name)


@pytest.mark.parametrize("role", ["korpsleiding", "netwerk"])
def test_every_kpi_card_shows_the_engines_figure(sample_url, monkeypatch, role):
    """Every card labelled with a catalog label, on every page, shows the KPI engine's value for
    the view (for netwerk: the year's report of today's netwerk release), formatted by the
    KPI's unit: what the JSON report says."""
    from dashboard.style.formatting import fmt_value
    from data_access.db import connect
    from data_access.settings import load_settings
    from kpis.catalog import KPIS
    from kpis.disclosure.release import netwerk_release
    from kpis.engine import compute_report, default_as_of

    year = dt.date.today().year
    engine = connect(sample_url)
    try:
        report = compute_report(engine, year, default_as_of(year))
        with engine.connect() as conn:
            threshold = load_settings(conn)["suppression_threshold"]
            if role == "netwerk":
                report = netwerk_release(conn, dt.date.today(), threshold).report(year)
    finally:
        engine.dispose()
    by_label = {k.label: k for k in KPIS}

    at = start_app(sample_url, role, monkeypatch=monkeypatch)
    checked = 0
    for spec in menu_pages(Access("x", role)):
        open_page(at, spec.name)
        for metric in at.metric:
            kpi = by_label.get(metric.label)
            if kpi is None:
                continue
            value = report.kpis[kpi.id]
            expected = {fmt_value(value, kpi.unit)} if value is not None else {"geen gegevens", "verborgen"}
            assert metric.value in expected, (spec.name, kpi.id, metric.value, expected)
            checked += 1
    assert checked >= 10  # the cards of Overzicht and the register pages
