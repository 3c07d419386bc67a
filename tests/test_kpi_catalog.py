"""The KPI catalog declaration: complete, consistent with registers.py, and never reading a
personal column."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from data_access.registers import REFERENCE_KPI_IDS, REGISTERS, SPLIT_KPI_IDS
from kpis.catalog import BY_ID, KPIS, REGISTER_STEPS, SPLIT_IDS, UNITS, kpi_for_indicator
from kpis.engine import compute_report
from tests.test_kpi_engine import load_zone

CATALOG = Path(__file__).resolve().parents[2] / "shared" / "kpi-catalog.md"
ROOT = Path(__file__).resolve().parent.parent

# The ids in the catalog's tables, in order (rows look like "| complaints_received | ...").
CATALOG_IDS = (
    "complaints_received complaints_closed complaints_open complaints_per_100_fte complaints_founded_rate "
    "complaints_median_lead_days complaints_within_norm_rate complaints_overdue complaints_by_category "
    "complaints_by_channel complaints_by_outcome notes_issued notes_followup_overdue notes_by_theme "
    "discipline_opened judicial_opened order_measures discipline_decided sanctions_light sanctions_heavy "
    "sanctions_by_type discipline_median_lead_days discipline_limit_at_risk discipline_by_category "
    "reports_received reports_anonymous_rate reports_ack_in_time_rate reports_feedback_in_time_rate "
    "reports_violation_rate reports_by_category reports_per_100_fte actions_total actions_done_rate actions_overdue "
    "actions_by_goal risks_active risks_high risks_high_untreated risks_review_overdue risks_by_process "
    "risks_by_level criteria_met criteria_not_met criteria_no_data"
).split()


# Specified in the shared catalog but not built yet: the day they are, they leave this set and
# join CATALOG_IDS.
SPECIFIED_NOT_BUILT: frozenset[str] = frozenset()


def test_every_catalog_id_declared_once_in_order():
    assert [k.id for k in KPIS] == CATALOG_IDS
    assert len(BY_ID) == len(KPIS)
    assert not SPECIFIED_NOT_BUILT & set(CATALOG_IDS)
    if CATALOG.exists():  # the shared spec, when this checkout sits next to it
        rows = re.findall(r"^\| ([a-z0-9_]+) \| ([^|]+) \|", CATALOG.read_text(encoding="utf-8"), flags=re.M)
        rows = [(i, label.strip()) for i, label in rows if i != "id" and i not in SPECIFIED_NOT_BUILT]
        assert [i for i, _ in rows] == CATALOG_IDS
        assert {i: label for i, label in rows} == {k.id: k.label for k in KPIS}


def test_split_kpi_ids_in_registers_match_the_catalog():
    assert set(SPLIT_KPI_IDS) == set(SPLIT_IDS)


def test_reference_kpi_ids_in_registers_are_the_rates_and_per_100_fte_figures():
    assert set(REFERENCE_KPI_IDS) == {k.id for k in KPIS if k.unit in ("rate", "per_fte")}


def test_declarations_are_complete():
    registers = {r.name for r in REGISTERS}
    for k in KPIS:
        assert k.unit in UNITS and k.register in registers, k.id
        assert k.label and k.definition and k.compute is not None, k.id
        # Dutch definition: no English catalog words left
        assert not re.search(r"\b(rows|with|share|among|median of)\b", k.definition), k.id


def test_each_register_step_returns_exactly_its_kpis(engine):
    from datetime import date

    from data_access.settings import DEFAULTS
    from kpis.context import Context

    with engine.connect() as conn:
        ctx = Context(conn, 2025, date(2025, 12, 31), DEFAULTS)
        for step in REGISTER_STEPS:
            declared = {k.id for k in KPIS if k.compute is step}
            assert set(step(ctx)) == declared, step


def test_no_personal_column_is_ever_selected(engine):
    load_zone(engine)
    statements: list[str] = []
    sa.event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    compute_report(engine, 2025)
    compute_report(engine, 2025, dienst="Interventie")
    assert len(statements) > 5
    personal = [f"{r.name}.{c.name}" for r in REGISTERS for c in r.personal_columns]
    assert personal  # medewerker, omschrijving of the registers that hold persons
    for sql in statements:
        for column in personal:
            assert column not in sql, (column, sql)
        assert "*" not in sql.replace("count(*)", ""), sql


def test_kpis_never_imports_streamlit():
    code = (
        "import sys, kpis.engine, kpis.catalog, kpis.series, kpis.alerts, kpis.__main__; "
        "sys.exit('streamlit' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_an_indicator_names_a_kpi_like_a_header_names_a_column():
    assert kpi_for_indicator("complaints_founded_rate") is BY_ID["complaints_founded_rate"]
    assert kpi_for_indicator(" Complaints Founded_Rate ") is BY_ID["complaints_founded_rate"]
    assert kpi_for_indicator("Aantal opleidingsuren integriteit") is None  # an Indicatoren indicator
    assert kpi_for_indicator(None) is None and kpi_for_indicator("") is None
