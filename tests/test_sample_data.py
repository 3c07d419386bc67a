"""The sample data: deterministic, realistic volumes, every rule of registers.md, the late items
the alerts need, pseudonyms only; the workbook writer; first-run loading; the national scale."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from datetime import date, timedelta

import numpy as np
import openpyxl
import pytest
import sqlalchemy as sa

from data_access.registers import JUDICIAL_OUTCOMES, REFERENCE_REGISTERS, REGISTERS, SPLIT_KPI_IDS, STRATEGIC_GOALS
from kpis.dates import add_months
from sample_data.generate import build_sample
from sample_data.workbook import write_workbook

TODAY = date(2026, 11, 22)

# Non-split KPI ids of kpi-catalog.md (the ones an evaluation criterion may name).
CATALOG_KPI_IDS = {
    "complaints_received", "complaints_closed", "complaints_open", "complaints_per_100_fte",
    "complaints_founded_rate", "complaints_median_lead_days", "complaints_within_norm_rate",
    "complaints_overdue", "notes_issued", "notes_followup_overdue", "discipline_opened",
    "judicial_opened", "order_measures", "discipline_decided", "sanctions_light", "sanctions_heavy",
    "discipline_median_lead_days", "discipline_limit_at_risk", "reports_received",
    "reports_anonymous_rate", "reports_ack_in_time_rate", "reports_feedback_in_time_rate",
    "reports_violation_rate", "actions_total", "actions_done_rate", "actions_overdue",
    "criteria_met", "criteria_not_met", "criteria_no_data",
}  # fmt: skip
# Dates that are plans, not events: they may lie after today.
PLANNED_DATES = {("functioneringsnotas", "opvolgingsdatum"), ("actieplan", "deadline"), ("risicos", "herziening")}


@pytest.fixture(scope="module")
def sample():
    return build_sample(TODAY)


def rule_violations(rows: dict[str, list[dict]], today: date) -> list[str]:
    """Every rule of registers.md checked on generated rows; returns what is broken."""
    bad: list[str] = []

    def check(ok: bool, what: str, row: dict) -> None:
        if not ok:
            bad.append(f"{what}: {row}")

    for register in REGISTERS:
        keys = Counter(tuple(r[c.name] for c in register.key_columns) for r in rows[register.name])
        bad += [f"{register.name}: key {k} not unique" for k, n in keys.items() if n > 1]
        for row in rows[register.name]:
            check(set(row) == set(register.column_names), f"{register.name} columns", row)
            for c in register.columns:
                v = row[c.name]
                check(not (c.required and v is None), f"{register.name}.{c.name} required", row)
                check(v is None or not c.values or v in c.values, f"{register.name}.{c.name} enum", row)
                if c.type == "date" and v is not None:
                    check(isinstance(v, date), f"{register.name}.{c.name} type", row)
                    if (register.name, c.name) not in PLANNED_DATES:
                        check(v <= today, f"{register.name}.{c.name} in the future", row)
                if c.type == "bool":
                    check(isinstance(v, bool), f"{register.name}.{c.name} bool", row)

    def before(row, earlier, later):
        return row[earlier] is None or row[later] is None or row[earlier] <= row[later]

    for r in rows["klachten"]:
        closed = r["status"] == "afgesloten"
        check((r["datum_afsluiting"] is not None) == closed, "afsluiting iff afgesloten", r)
        check(not closed or r["beoordeling"] is not None, "beoordeling if afgesloten", r)
        check(before(r, "datum_ontvangst", "datum_afsluiting"), "afsluiting before ontvangst", r)
    for r in rows["functioneringsnotas"]:
        check(before(r, "datum", "opvolgingsdatum"), "opvolgingsdatum before datum", r)
    for r in rows["tuchtdossiers"]:
        check(before(r, "datum_feiten", "datum_kennisname"), "kennisname before feiten", r)
        check(before(r, "datum_kennisname", "datum_opening"), "opening before kennisname", r)
        check(before(r, "datum_kennisname", "datum_inleidend_verslag"), "verslag before kennisname", r)
        check(before(r, "datum_opening", "datum_beslissing"), "beslissing before opening", r)
        check(r["soort"] == "gerechtelijk" or r["tuchtoverheid"] is not None, "tuchtoverheid if tucht", r)
        check(r["ordemaatregel"] in (None, "geen") or r["datum_ordemaatregel"] is not None, "datum ordemaatregel", r)
        if r["fase"] in ("beslist", "afgesloten"):
            check(r["sanctie"] is not None and r["datum_beslissing"] is not None, "sanctie if decided", r)
        check(r["soort"] == "gerechtelijk" or r["sanctie"] not in JUDICIAL_OUTCOMES, "judicial outcome for tucht", r)
    for r in rows["meldingen"]:
        check(before(r, "datum_ontvangst", "datum_ontvangstbevestiging"), "bevestiging before ontvangst", r)
        check(before(r, "datum_ontvangst", "datum_terugkoppeling"), "terugkoppeling before ontvangst", r)
        check(r["status"] != "afgesloten" or r["uitkomst"] is not None, "uitkomst if afgesloten", r)
    for r in rows["actieplan"]:
        check(before(r, "startdatum", "deadline"), "deadline before startdatum", r)
        check(r["status"] != "afgerond" or r["voortgang"] == 100, "voortgang 100 when afgerond", r)
        check(r["voortgang"] is None or 0 <= r["voortgang"] <= 100, "voortgang 0..100", r)
    indicator_names = {r["indicator"] for r in rows["indicatoren"]}
    for r in rows["evaluatiecriteria"]:
        check(r["indicator"] not in SPLIT_KPI_IDS, "split KPI as criterion", r)
        check(r["indicator"] in CATALOG_KPI_IDS | indicator_names, "unknown indicator", r)
        check(isinstance(r["jaar"], int), "jaar int", r)
    action_ids = {r["actie_id"] for r in rows["actieplan"]}
    for r in rows["risicos"]:
        check(1 <= r["kans"] <= 5 and 1 <= r["impact"] <= 5, "kans and impact 1..5", r)
        check(before(r, "datum_analyse", "herziening"), "herziening before datum analyse", r)
        check(all(a.strip() in action_ids for a in (r["acties"] or "").split(";") if a.strip()), "unknown actie id", r)
    for r in rows["indicatoren"]:
        check(re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?", r["periode"]) is not None, "periode jjjj or jjjj-mm", r)
    return bad


# ---------------------------------------------------------------------------------------------
# The zone sample


def test_same_seed_same_rows_and_other_seed_other_rows(sample):
    assert build_sample(TODAY) == sample
    other = build_sample(TODAY, seed=7)
    assert other != sample
    assert [r["datum_ontvangst"] for r in other["klachten"]] != [r["datum_ontvangst"] for r in sample["klachten"]]


def test_every_register_present_with_rows(sample):
    assert set(sample) == {r.name for r in REGISTERS}
    assert all(sample[name] for name in sample if name not in REFERENCE_REGISTERS)
    assert sample["referenties"] == []  # the database starts with the published ones (migration 0004)


@pytest.mark.parametrize("today", [TODAY, date(2021, 7, 1), date(2024, 1, 3), date(2025, 12, 31), date(2030, 6, 15)])
def test_every_rule_of_the_registers_holds(today):
    assert rule_violations(build_sample(today), today) == []


def test_rule_checker_catches_a_broken_row(sample):
    # The checker itself must be able to fail: break one rule and see it reported.
    broken = {name: [dict(r) for r in rs] for name, rs in sample.items()}
    closed = next(r for r in broken["klachten"] if r["status"] == "afgesloten")
    closed["datum_afsluiting"] = closed["datum_ontvangst"] - timedelta(days=1)
    assert rule_violations(broken, TODAY) != []


def _per_year(rows, column):
    return Counter(r[column].year for r in rows)


@pytest.mark.parametrize(
    "register, column, low, high",
    [
        ("klachten", "datum_ontvangst", 10, 28),  # about 15 per 100 VTE (sample_data/profile.py says why)
        ("functioneringsnotas", "datum", 6, 15),
        ("tuchtdossiers", "datum_opening", 2, 9),
        ("meldingen", "datum_ontvangst", 0, 6),  # about 1,7 per 100 VTE (NAVEX 2025: 1,57 worldwide)
    ],
)
def test_yearly_volumes_are_realistic(sample, register, column, low, high):
    counts = _per_year(sample[register], column)
    full_years = range(2021, TODAY.year)
    assert all(low <= counts[y] <= high for y in full_years), counts


def test_complaints_peak_in_summer(sample):
    # three seeds: a zone's ~18 complaints a year are too few to show a season on their own
    months = Counter(r["datum_ontvangst"].month for seed in (2024, 7, 11) for r in build_sample(TODAY, seed)["klachten"])
    summer = months[7] + months[8]
    winter = months[1] + months[2]
    assert summer > 1.3 * winter, months


def test_complaint_lead_times_have_a_median_near_40_days_and_a_tail(sample):
    leads = [(r["datum_afsluiting"] - r["datum_ontvangst"]).days for r in sample["klachten"] if r["datum_afsluiting"]]
    assert 25 <= statistics.median(leads) <= 50
    beyond = sum(lead > 90 for lead in leads) / len(leads)
    assert 0.03 <= beyond <= 0.2


def test_reports_mostly_acknowledged_within_a_week(sample):
    delays = [
        (r["datum_ontvangstbevestiging"] - r["datum_ontvangst"]).days
        for r in sample["meldingen"]
        if r["datum_ontvangstbevestiging"]
    ]
    assert sum(d <= 7 for d in delays) / len(delays) >= 0.8


def test_dossiers_with_and_without_inleidend_verslag_and_rare_order_measures(sample):
    dossiers = sample["tuchtdossiers"]
    decided_tucht = [r for r in dossiers if r["soort"] == "tucht" and r["datum_beslissing"]]
    assert any(r["datum_inleidend_verslag"] for r in decided_tucht)
    assert any(r["datum_inleidend_verslag"] is None for r in decided_tucht)
    measures = [r for r in dossiers if r["ordemaatregel"] not in (None, "geen")]
    assert len(measures) <= 0.25 * len(dossiers)


@pytest.mark.parametrize("today", [TODAY, date(2022, 2, 1), date(2024, 1, 3), date(2025, 6, 30), date(2029, 3, 9)])
def test_late_items_exist_at_today(today):
    sample = build_sample(today)
    open_complaints = [r for r in sample["klachten"] if r["datum_afsluiting"] is None]
    assert sum((today - r["datum_ontvangst"]).days > 90 for r in open_complaints) >= 2
    assert any(
        r["datum_ontvangstbevestiging"] is None and (today - r["datum_ontvangst"]).days > 7 for r in sample["meldingen"]
    )
    assert any(
        r["status"] == "open" and r["opvolgingsdatum"] and r["opvolgingsdatum"] < today
        for r in sample["functioneringsnotas"]
    )
    near_term = [
        r
        for r in sample["tuchtdossiers"]
        if r["soort"] == "tucht" and r["datum_inleidend_verslag"] is None and r["datum_beslissing"] is None
        and today <= add_months(r["datum_kennisname"], 6) <= today + timedelta(days=30)
    ]  # fmt: skip
    assert near_term
    late_actions = [
        r for r in sample["actieplan"]
        if today - timedelta(days=365) <= r["deadline"] < today and r["status"] not in ("afgerond", "geschrapt")
    ]  # fmt: skip
    assert len(late_actions) >= 2


def test_action_plan_covers_the_four_goals_and_chapter_3(sample):
    actions = sample["actieplan"]
    assert 25 <= len(actions) <= 35
    assert {r["strategische_doelstelling"] for r in actions} == set(STRATEGIC_GOALS)
    assert all(re.match(r"3\.1\.[1-4]\.\d ", r["operationele_doelstelling"]) for r in actions)
    assert "3.1.1.3 Ontwikkeling van een ethisch kompas" in {r["operationele_doelstelling"] for r in actions}
    assert Counter(r["status"] for r in actions)["afgerond"] >= 10


def test_criteria_about_ten_a_year_both_directions_drafts_and_one_without_data(sample):
    criteria = sample["evaluatiecriteria"]
    per_year = Counter(r["jaar"] for r in criteria)
    assert set(per_year) == set(range(2021, TODAY.year + 1))
    assert all(9 <= n <= 13 for n in per_year.values())
    assert {r["richting"] for r in criteria} == {"minstens", "hoogstens"}
    current = [r for r in criteria if r["jaar"] == TODAY.year]
    assert 1 <= sum(r["gevalideerd_op"] is None for r in current) <= 3
    assert all(r["gevalideerd_op"] for r in criteria if r["jaar"] < TODAY.year)
    measured = {(r["indicator"], r["periode"]) for r in sample["indicatoren"]}
    names = {name for name, _ in measured}
    without = [r for r in current if r["indicator"] in names and (r["indicator"], str(TODAY.year)) not in measured]
    assert len(without) == 1, without
    rate = next(r for r in criteria if r["indicator"] == "complaints_within_norm_rate")
    assert rate["norm"] == 90  # a rate's norm written as a percentage


def test_indicators_hold_fte_every_year_and_monthly_fuel_card_checks(sample):
    values = {(r["indicator"], r["periode"]): r["waarde"] for r in sample["indicatoren"]}
    ftes = [values[("personeelsbestand (VTE)", str(y))] for y in range(2021, TODAY.year + 1)]
    assert all(110 <= v <= 130 for v in ftes) and len(set(ftes)) > 1
    for name in ("integriteitscharter ondertekend (%)", "deelnemers dilemmatraining", "logging-controles reden raadpleging"):
        assert (name, str(TODAY.year - 1)) in values
    monthly = {p: v for (name, p), v in values.items() if name == "controles tankkaarten" and "-" in p}
    last_year = str(TODAY.year - 1)
    months_last_year = [v for p, v in monthly.items() if p.startswith(last_year)]
    assert len(months_last_year) == 12
    assert values[("controles tankkaarten", last_year)] == sum(months_last_year)
    assert f"{TODAY:%Y-%m}" not in monthly  # the running month is not measured yet


def test_staff_appear_only_as_pseudonyms(sample):
    pattern = re.compile(r"Medewerker \d{4}")
    people = [r["medewerker"] for name in ("klachten", "functioneringsnotas", "tuchtdossiers") for r in sample[name]]
    assert all(p is None or pattern.fullmatch(p) for p in people)
    assert len({p for p in people if p}) > 30
    texts = [r["omschrijving"] for name in ("klachten", "meldingen") for r in sample[name] if r["omschrijving"]]
    assert all(len(t) <= 80 and not re.search(r"\d{4}", t) for t in texts)


def test_build_refuses_a_date_before_the_sample_starts():
    with pytest.raises(ValueError, match="voorbeeldgegevens beginnen"):
        build_sample(date(2020, 12, 31))


# ---------------------------------------------------------------------------------------------
# The workbook


def test_workbook_has_register_sheets_headers_dates_and_bools(sample, tmp_path):
    path = write_workbook(tmp_path / "vb.xlsx", sample)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [r.sheet for r in REGISTERS]
    for register in REGISTERS:
        ws = wb[register.sheet]
        assert [c.value for c in ws[1]] == [c.header for c in register.columns]
        assert ws.max_row == len(sample[register.name]) + 1
    ws = wb["Meldingen"]
    first = sample["meldingen"][0]
    assert ws["B2"].value.date() == first["datum_ontvangst"] and ws["B2"].number_format == "DD/MM/YYYY"
    assert ws["D2"].value == ("ja" if first["anoniem"] else "nee")
    assert wb["Indicatoren"]["B2"].data_type == "s"  # periode stays text


def test_workbook_never_writes_a_formula(tmp_path):
    rows = {"klachten": [dict(build_sample(TODAY)["klachten"][0], omschrijving='=HYPERLINK("http://x")')]}
    ws = openpyxl.load_workbook(write_workbook(tmp_path / "f.xlsx", rows))["Klachten"]
    assert ws["K2"].data_type == "s" and ws["K2"].value.startswith("=HYPERLINK")


def test_workbook_refuses_an_unknown_register(tmp_path):
    with pytest.raises(ValueError, match="Onbekende registers: klachtenn"):
        write_workbook(tmp_path / "x.xlsx", {"klachtenn": []})


# ---------------------------------------------------------------------------------------------
# Sample marker


def test_sample_mark_round_trip(engine):
    from sample_data import clear_sample_mark, is_sample_database, mark_as_sample

    with engine.begin() as conn:
        assert not is_sample_database(conn)
        mark_as_sample(conn)
        mark_as_sample(conn)  # twice is fine
        assert is_sample_database(conn)
        clear_sample_mark(conn)
        assert not is_sample_database(conn)


# ---------------------------------------------------------------------------------------------
# Through the importer, and the first run


def _table_counts(conn) -> dict[str, int]:
    from data_access.schema import REGISTER_TABLES

    return {name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() for name, t in REGISTER_TABLES.items()
            if name not in REFERENCE_REGISTERS}  # the NAVEX references every database starts with


def test_sample_workbook_imports_without_errors_and_stores_the_same_rows(sample, engine, tmp_path):
    from data_access.importer import import_workbook
    from data_access.schema import REGISTER_TABLES

    # The importer checks "not in the future" against the real date: build for today.
    rows = build_sample(date.today())
    report = import_workbook(engine, write_workbook(tmp_path / "vb.xlsx", rows), user="test")
    assert report.ok, report.errors[:5]
    assert report.applied
    with engine.connect() as conn:
        assert _table_counts(conn) == {name: len(rs) for name, rs in rows.items() if name not in REFERENCE_REGISTERS}
        for register in REGISTERS:
            keys = register.key_columns
            stored = {tuple(getattr(r, c.name) for c in keys): r._asdict() for r in conn.execute(sa.select(REGISTER_TABLES[register.name]))}
            for row in rows[register.name]:
                expected = dict(row)
                if register.name == "tuchtdossiers":
                    expected["ordemaatregel"] = row["ordemaatregel"] or "geen"  # empty means geen
                got = stored[tuple(row[c.name] for c in keys)]
                assert {k: got[k] for k in expected} == expected


def test_ensure_loads_once_marks_the_sample_and_leaves_real_data_alone(sqlite_url, tmp_path, capsys):
    from data_access.db import connect
    from sample_data import is_sample_database
    from sample_data.__main__ import ensure

    assert ensure(sqlite_url, tmp_path / "vb.xlsx") == 0
    assert "Voorbeeldgegevens geladen" in capsys.readouterr().out
    assert (tmp_path / "vb.xlsx").exists()
    engine = connect(sqlite_url)
    with engine.connect() as conn:
        first = _table_counts(conn)
        assert is_sample_database(conn)
    assert first["klachten"] > 80

    assert ensure(sqlite_url, tmp_path / "vb2.xlsx") == 0  # not empty: nothing added
    assert "bevat al gegevens" in capsys.readouterr().out
    assert not (tmp_path / "vb2.xlsx").exists()
    with engine.connect() as conn:
        assert _table_counts(conn) == first
    engine.dispose()


def test_ensure_does_not_mark_a_database_with_other_data(engine, sqlite_url, tmp_path):
    from data_access.schema import REGISTER_TABLES
    from sample_data import is_sample_database
    from sample_data.__main__ import ensure

    row = build_sample(TODAY)["indicatoren"][0]
    with engine.begin() as conn:
        conn.execute(REGISTER_TABLES["indicatoren"].insert().values(**row))
    assert ensure(sqlite_url, tmp_path / "vb.xlsx") == 0
    with engine.connect() as conn:
        assert not is_sample_database(conn)
        assert _table_counts(conn)["indicatoren"] == 1


# ---------------------------------------------------------------------------------------------
# The national scale


def test_national_volumes_follow_the_staff_and_complaints_are_the_bulk():
    from sample_data.national import build_national, row_count

    data = build_national(TODAY, years=10, fte=2_000)
    sizes = {name: row_count(v) for name, v in data.items()}
    total = sum(sizes.values())
    # About 2 rows per VTE a year: 2,000 VTE over 9.9 years -> about 40,000 rows.
    assert 34_000 <= total <= 46_000, sizes
    assert sizes["klachten"] > 0.45 * total
    assert sizes["klachten"] > sizes["functioneringsnotas"] > sizes["meldingen"] > sizes["actieplan"] > 0
    received = data["klachten"]["datum_ontvangst"]
    assert received.min() >= np.datetime64("2017-01-01") and received.max() <= np.datetime64(TODAY)


def test_national_tiny_scale_writes_valid_rows_and_counts_add_up(any_url):
    from data_access.db import connect, data_version
    from data_access.schema import REGISTER_TABLES
    from sample_data import is_sample_database
    from sample_data.national import write_national

    engine = connect(any_url)
    counts = write_national(engine, years=10, fte=50_000, scale_factor=0.002, today=TODAY)
    with engine.connect() as conn:
        assert _table_counts(conn) == {name: n for name, n in counts.items() if name not in REFERENCE_REGISTERS}
        assert is_sample_database(conn) and data_version(conn) == 1
        stored = {
            name: [{k: v for k, v in r._asdict().items() if k != "import_id"} for r in conn.execute(sa.select(t))]
            for name, t in REGISTER_TABLES.items()
        }
    engine.dispose()
    assert 1_500 <= sum(counts.values()) <= 2_600  # 100 VTE over 10 years, about 2 rows a VTE a year
    assert all(counts[r.name] > 0 for r in REGISTERS if r.name not in ("risicos", "referenties"))  # a zone's own, not national
    assert rule_violations(stored, TODAY) == []


def test_national_refuses_a_database_with_data(engine):
    from data_access.schema import REGISTER_TABLES
    from sample_data.national import NotEmpty, write_national

    row = build_sample(TODAY)["indicatoren"][0]
    with engine.begin() as conn:
        conn.execute(REGISTER_TABLES["indicatoren"].insert().values(**row))
    with pytest.raises(NotEmpty, match="enkel in een lege databank"):
        write_national(engine, scale_factor=0.001, today=TODAY)
    with engine.connect() as conn:
        assert _table_counts(conn)["klachten"] == 0


def test_national_command_prints_rows_per_register(sqlite_url, capsys):
    from sample_data.__main__ import main

    assert main(["national", "--database-url", sqlite_url, "--scale-factor", "0.001", "--today", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    assert "Nationale dataset geschreven" in out and "Klachten" in out and "totaal" in out
    assert main(["national", "--database-url", sqlite_url, "--scale-factor", "0.001"]) == 1  # not empty any more
