"""data_access.reader: rows only for roles that see persons; computations never get P columns."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from data_access.access import Access, AccessDenied
from data_access.reader import RowFilter, read_for_aggregation, read_rows
from data_access.registers import REGISTERS
from data_access.schema import REGISTER_TABLES

KORPS = Access("an", "korpsleiding")
NETWERK = Access("piet", "netwerk")
SCREEN = Access("an", "korpsleiding", screen_share=True)

ROWS = [
    # dossiernummer, datum ontvangst, dienst, categorie, medewerker
    ("KL-2024-0007", dt.date(2024, 12, 30), "Verkeer", "bejegening", "Els Claes"),
    ("KL-2025-0001", dt.date(2025, 1, 2), "Interventie", "geweld", "Jan Peeters"),
    ("KL-2025-0002", dt.date(2025, 6, 15), "Verkeer", "bejegening", "Mia Janssens"),
    ("KL-2026-0001", dt.date(2026, 1, 5), "Interventie", "privacy", None),
]


@pytest.fixture
def complaints(engine):
    t = REGISTER_TABLES["klachten"]
    with engine.begin() as conn:
        for nr, day, dienst, cat, person in ROWS:
            conn.execute(t.insert().values(
                dossiernummer=nr, datum_ontvangst=day, kanaal="burger", categorie=cat, dienst=dienst,
                status="ontvangen", medewerker=person, omschrijving=f"Vrije tekst over {person}",
            ))
    return engine


def test_read_rows_as_netwerk_is_refused_in_dutch(complaints):
    with complaints.connect() as conn:
        for access in (NETWERK, SCREEN):
            with pytest.raises(AccessDenied) as info:
                read_rows(conn, "klachten", access, columns=["categorie"])
            assert "Uw rol ziet enkel geaggregeerde cijfers" in str(info.value) or "Schermdeling" in str(info.value)


def test_read_rows_for_korpsleiding_returns_every_column_with_persons(complaints):
    with complaints.connect() as conn:
        df = read_rows(conn, "klachten", KORPS)
    assert list(df.columns) == list(REGISTERS[0].column_names)
    assert df["dossiernummer"].tolist() == [r[0] for r in ROWS]  # sorted on datum ontvangst
    assert "Jan Peeters" in df["medewerker"].tolist()


def test_read_rows_filter_year_and_dienst(complaints):
    with complaints.connect() as conn:
        df = read_rows(conn, "klachten", KORPS, where=RowFilter(years=(2025, 2025), dienst="Verkeer"))
        assert df["dossiernummer"].tolist() == ["KL-2025-0002"]
        df = read_rows(conn, "klachten", KORPS, where=RowFilter(years=(2024, 2025)), limit=2)
        assert df["dossiernummer"].tolist() == ["KL-2024-0007", "KL-2025-0001"]
        t = REGISTER_TABLES["klachten"]
        df = read_rows(conn, "klachten", KORPS, where=[RowFilter(dienst=["Interventie"]), t.c.categorie == "privacy"])
        assert df["dossiernummer"].tolist() == ["KL-2026-0001"]
        df = read_rows(conn, "klachten", KORPS, where=RowFilter(date_from=dt.date(2025, 1, 2), date_to=dt.date(2025, 1, 2)),
                       columns=["dossiernummer", "medewerker"])
        assert df.to_dict("records") == [{"dossiernummer": "KL-2025-0001", "medewerker": "Jan Peeters"}]


@pytest.mark.parametrize("register", [r for r in REGISTERS if r.personal_columns or any(c.free_text for c in r.columns)], ids=lambda r: r.name)
def test_read_for_aggregation_refuses_every_personal_and_free_text_column(engine, register):
    refused = [c for c in register.columns if c.personal or c.free_text]
    with engine.connect() as conn:
        for column in refused:
            with pytest.raises(ValueError, match="persoonsgegeven of vrije tekst"):
                read_for_aggregation(conn, register.name, [register.key_columns[0].name, column.name])


def test_read_for_aggregation_refuses_a_filter_on_a_person(complaints):
    t = REGISTER_TABLES["klachten"]
    with complaints.connect() as conn:
        with pytest.raises(ValueError, match="Medewerker|medewerker"):
            read_for_aggregation(conn, "klachten", ["categorie"], where=t.c.medewerker == "Jan Peeters")
        with pytest.raises(ValueError):
            read_for_aggregation(conn, "klachten", ["categorie"], where=RowFilter(equals={"medewerker": "Jan Peeters"}))
        with pytest.raises(ValueError):
            read_for_aggregation(conn, "klachten", ["categorie"], where=sa.func.lower(t.c.omschrijving).contains("jan"))
        # raw SQL cannot be checked: refused
        with pytest.raises(ValueError, match="SQL-tekst"):
            read_for_aggregation(conn, "klachten", ["categorie"], where=sa.text("medewerker = 'Jan Peeters'"))


def test_read_for_aggregation_returns_only_the_asked_columns(complaints):
    with complaints.connect() as conn:
        df = read_for_aggregation(conn, "klachten", ["dienst", "categorie"], where=RowFilter(years=(2025, 2025)))
    assert list(df.columns) == ["dienst", "categorie"]
    assert sorted(df.itertuples(index=False, name=None)) == [("Interventie", "geweld"), ("Verkeer", "bejegening")]


def test_unknown_register_or_column(complaints):
    with complaints.connect() as conn:
        with pytest.raises(ValueError, match="Onbekend register"):
            read_for_aggregation(conn, "personeel", ["naam"])
        with pytest.raises(ValueError, match="Onbekende kolom"):
            read_rows(conn, "klachten", KORPS, columns=["wachtwoord"])


def test_year_filter_on_registers_without_main_date(engine):
    with engine.begin() as conn:
        conn.execute(REGISTER_TABLES["indicatoren"].insert(), [
            {"indicator": "personeelsbestand (VTE)", "periode": "2024", "waarde": 180.0},
            {"indicator": "personeelsbestand (VTE)", "periode": "2025", "waarde": 184.5},
            {"indicator": "controles tankkaarten", "periode": "2025-03", "waarde": 12.0},
        ])
        df = read_for_aggregation(conn, "indicatoren", ["indicator", "periode", "waarde"], where=RowFilter(years=(2025, 2025)))
    assert sorted(df["periode"]) == ["2025", "2025-03"]
