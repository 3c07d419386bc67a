"""Helpers for the KPI tests (no tests here): insert small hand-made registers straight into the tables.

Each register gets a compact row form (only the columns the KPIs read) and the required columns
the KPIs do not read are filled with fixed values.
"""

from __future__ import annotations

from datetime import date

import pytest

from data_access.schema import REGISTER_TABLES
from data_access.settings import save_settings

D = date


def insert(conn, register: str, rows: list[dict]) -> None:
    if rows:
        conn.execute(REGISTER_TABLES[register].insert(), rows)


def klacht(nr, ontvangst, kanaal, categorie, dienst, afsluiting=None, beoordeling=None):
    status = "afgesloten" if afsluiting else "in behandeling"
    return dict(dossiernummer=nr, datum_ontvangst=ontvangst, kanaal=kanaal, categorie=categorie, dienst=dienst,
                status=status, datum_afsluiting=afsluiting, beoordeling=beoordeling)


def nota(nr, datum, dienst, thema, status, opvolging=None):
    return dict(nummer=nr, datum=datum, dienst=dienst, thema=thema, aanleiding="klacht", status=status,
                opvolgingsdatum=opvolging)


def dossier(nr, soort, categorie, dienst, kennisname, opening, verslag=None, beslissing=None, sanctie=None,
            ordemaatregel=None, datum_ordemaatregel=None):
    return dict(dossiernummer=nr, soort=soort, categorie=categorie, dienst=dienst, datum_kennisname=kennisname,
                datum_opening=opening, datum_inleidend_verslag=verslag, datum_beslissing=beslissing,
                sanctie=sanctie, fase="beslist" if beslissing else "lopend", ordemaatregel=ordemaatregel,
                datum_ordemaatregel=datum_ordemaatregel,
                tuchtoverheid="korpschef" if soort != "gerechtelijk" else None)


def melding(nr, ontvangst, anoniem, categorie, bevestiging=None, terugkoppeling=None, status="onderzoek",
            uitkomst=None):
    return dict(nummer=nr, datum_ontvangst=ontvangst, kanaal="intern meldkanaal", anoniem=anoniem,
                categorie=categorie, datum_ontvangstbevestiging=bevestiging, datum_terugkoppeling=terugkoppeling,
                status=status, uitkomst=uitkomst)


def actie(nr, doel, startdatum, deadline, status):
    return dict(actie_id=nr, strategische_doelstelling=doel, operationele_doelstelling="3.1.1 test",
                actie=f"actie {nr}", trekker="integriteitscoördinator", startdatum=startdatum, deadline=deadline,
                status=status)


def criterium(nr, indicator, norm, richting, jaar=2025, gevalideerd_op=None):
    return dict(criterium_id=nr, omschrijving=f"criterium {nr}", indicator=indicator, norm=norm, richting=richting,
                jaar=jaar, gevalideerd_op=gevalideerd_op)


def indicator(name, periode, waarde):
    return dict(indicator=name, periode=periode, waarde=waarde)


def set_norms(engine, **changes) -> None:
    with engine.begin() as conn:
        save_settings(conn, changes)


# --- a database per test module, for tests that only read ----------------------------------------

DB_PARAMS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def module_database(request, tmp_path_factory, loader):
    """Generator for a module-scoped fixture parametrised with DB_PARAMS: a migrated database on
    SQLite or on the session's real PostgreSQL, filled by `loader(engine)`; read-only tests
    share it (a test that changes settings uses the function-scoped `any_engine`)."""
    import uuid

    import sqlalchemy as sa

    from data_access.db import connect

    admin = name = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('kpi') / 'zone.sqlite'}"
    else:
        from tests.conftest import _pg_server_uri

        base = _pg_server_uri().replace("postgresql://", "postgresql+psycopg://")
        name = "m_" + uuid.uuid4().hex[:12]
        admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = base.replace("/postgres?", f"/{name}?")
    engine = connect(url)
    loader(engine)
    yield engine
    engine.dispose()
    if admin is not None:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def risico(nr, proces, kans, impact, analyse, status, acties=None, herziening=None):
    return dict(risico_id=nr, proces=proces, omschrijving=f"risico {nr}", kans=kans, impact=impact, acties=acties,
                eigenaar="korpschef", datum_analyse=analyse, herziening=herziening, status=status)
