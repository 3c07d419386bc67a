"""`python -m kpis report` as a subprocess: valid JSON with every id, equal to compute_report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from kpis.catalog import KPIS
from kpis.engine import compute_report
from tests.test_kpi_engine import load_zone

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "kpis", *args], cwd=ROOT, env=env, capture_output=True, timeout=120)


def test_report_prints_the_catalog_json(engine, sqlite_url):
    load_zone(engine)
    done = run("report", "--year", "2025", "--as-of", "2025-06-30", "--database-url", sqlite_url)
    assert done.returncode == 0, done.stderr.decode()
    out = json.loads(done.stdout.decode("utf-8"))
    assert set(out) == {"year", "as_of", "kpis", "criteria"}
    assert out["year"] == 2025 and out["as_of"] == "2025-06-30"
    assert list(out["kpis"]) == [k.id for k in KPIS]
    assert out == json.loads(json.dumps(compute_report(engine, 2025, date(2025, 6, 30)).to_json_dict()))
    # a split keyed by the Dutch enum value, as written in the register
    assert out["kpis"]["complaints_by_channel"]["Comité P"] == 1
    assert out["kpis"]["actions_by_goal"]["Bepalen en definiëren"] == {"total": 2, "afgerond": 1, "overdue": 1}
    assert [c["id"] for c in out["criteria"]][:3] == ["EC-01", "EC-02", "EC-03"]


def test_report_dienst_and_default_date(engine, sqlite_url):
    load_zone(engine)
    done = run("report", "--year", "2025", "--dienst", "Interventie", "--database-url", sqlite_url)
    out = json.loads(done.stdout)
    assert out["as_of"] == "2025-12-31"
    assert out["kpis"]["complaints_received"] == 2 and out["kpis"]["complaints_per_100_fte"] is None


def test_report_refuses_a_bad_date_in_dutch(sqlite_url):
    done = run("report", "--year", "2025", "--as-of", "31/12/2025", "--database-url", sqlite_url)
    assert done.returncode == 2
    assert "geen geldige datum" in done.stderr.decode()
    done = run("report", "--year", "twintig", "--database-url", sqlite_url)
    assert done.returncode == 2 and "geen geldig jaar" in done.stderr.decode()
