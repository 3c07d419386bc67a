"""Every page, rendered as `netwerk` and in screen-share mode on the sample database plus rows
with known names and dossier numbers: none of those appears anywhere in the output, and no
count from 1 to N - 1 appears as a figure (card, table cell, chart value or chart label). The
same page for `korpsleiding` does show the rows (the positive control), and opening them is
audited.

Pages are found from dashboard.shell.navigation, so a page added later is covered by the same test.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import sqlalchemy as sa
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from data_access import audit
from data_access.db import connect
from data_access.registers import REGISTERS
from data_access.schema import REGISTER_TABLES
from tests.dashboard_apptest import APP, sign_in
from tests.page_checks import decoded, is_small_count, menu_pages

THRESHOLD = 5
# Counts about the action plan, the evaluation criteria and the risk analysis hold no person
# (kpis.disclosure.figures.EXEMPT_REGISTERS): their cards, and the Actieplan and Risicoanalyse
# pages' figures, are not small counts of people.
EXEMPT_PAGES = {"actieplan", "risicoanalyse"}


def _exempt_labels() -> set[str]:
    """Catalog labels of the KPIs about the action plan and the criteria, the alert kind of the
    action plan and the card of every overdue action: they hold no person and are shown as counted."""
    from dashboard.ui.late_block import TOTAL_ACTIONS_LABEL
    from kpis.alerts import KIND_ACTION
    from kpis.catalog import KPIS
    from kpis.disclosure.figures import EXEMPT_REGISTERS

    return {k.label for k in KPIS if k.register in EXEMPT_REGISTERS} | {KIND_ACTION, TOTAL_ACTIONS_LABEL}

TODAY = dt.date.today()
PERSON_REGISTERS = [r for r in REGISTERS if r.personal_columns]
KNOWN = [
    # (dossiernummer, medewerker, omschrijving): three complaints this year, a small count
    ("KL-TEST-0001", "Zénobe Vanderplas", "Vertrouwelijk: Vanderplas sloeg een burger"),
    ("KL-TEST-0002", "Marieke Testnaam", "Vertrouwelijk: Testnaam lekte gegevens"),
    ("KL-TEST-0003", "Zénobe Vanderplas", "Vertrouwelijk: tweede klacht Vanderplas"),
]


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory):
    from sample_data.__main__ import ensure

    path = tmp_path_factory.mktemp("anon") / "sample.sqlite"
    url = f"sqlite:///{path}"
    assert ensure(url, workbook_path=path.with_suffix(".xlsx")) == 0
    engine = connect(url)
    with engine.begin() as conn:
        for i, (nr, person, text) in enumerate(KNOWN):
            conn.execute(REGISTER_TABLES["klachten"].insert().values(
                dossiernummer=nr, datum_ontvangst=TODAY - dt.timedelta(days=i), kanaal="AIG", categorie="privacy",
                dienst="Onthaal", status="ontvangen", medewerker=person, omschrijving=text,
            ))
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def heldout_url(tmp_path_factory):
    """Data the pages were not developed on: the generator with another seed, imported as real
    data (so sign-in is local, not the demo)."""
    from data_access.importer import import_workbook
    from sample_data.generate import build_sample
    from sample_data.workbook import write_workbook

    path = tmp_path_factory.mktemp("heldout") / "heldout.sqlite"
    url = f"sqlite:///{path}"
    engine = connect(url)
    workbook = write_workbook(path.with_suffix(".xlsx"), build_sample(TODAY, seed=90210))
    assert import_workbook(engine, workbook, user="test").ok
    engine.dispose()
    return url


def _secrets(url) -> set[str]:
    """Every personal value, free text and dossier key of the registers about persons."""
    engine = connect(url)
    found: set[str] = set()
    with engine.connect() as conn:
        for register in PERSON_REGISTERS:
            table = REGISTER_TABLES[register.name]
            columns = [c.name for c in register.columns if c.personal or c.free_text or c.key]
            for row in conn.execute(sa.select(*(table.c[c] for c in columns))):
                found.update(str(v) for v in row if v is not None and str(v).strip())
    engine.dispose()
    return found


@pytest.fixture(scope="module")
def secrets(sample_url) -> set[str]:
    found = _secrets(sample_url)
    assert {"Zénobe Vanderplas", "KL-TEST-0001"} <= found and len(found) > 100
    return found


def _start(url, monkeypatch, role, *, screen_share=False, query=None) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=120)
    if screen_share:
        at.query_params["scherm"] = "true"
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    sign_in(at, url, role)
    return at


def _pages(at) -> list[str]:
    access = at.session_state["_dashboard_access"]
    return [spec.name for spec in menu_pages(access)]


def _output(at):
    """(all text of the page, the figures shown as numbers or labels)."""
    texts: list[str] = []
    figures: list[tuple[str, object]] = []
    for node in at._tree:
        proto = getattr(node, "proto", None)
        if node.type in ("dataframe", "arrow_data_frame"):
            frame = node.value
            texts.append(frame.to_csv())
            exempt = _exempt_labels()
            for _, row in frame.iterrows():
                if not exempt.intersection(str(v) for v in row.tolist()):  # e.g. a criterion on "Acties over deadline"
                    figures += [(f"tabel {column}", v) for column, v in row.items()]
        elif node.type == "plotly_chart":
            spec = json.loads(proto.spec)
            texts.append(json.dumps(spec, ensure_ascii=False))
            for trace in spec.get("data", []):
                horizontal = trace.get("orientation") == "h"
                axis = "x" if horizontal else "y"
                labels = trace.get("text")
                counted = isinstance(labels, list) and any(isinstance(t, str) and re.fullmatch(r"<\d+|x|\d+", t) for t in labels)
                if counted:  # a chart of counts: its values and labels are figures
                    figures += [(f"grafiek {axis}", v) for v in decoded(trace.get(axis))]
                    figures += [("grafieklabel", t) for t in labels]
                figures += [("grafiek z", v) for row in trace.get("z", []) or [] for v in (decoded(row) if not isinstance(row, (int, float)) else [row])]
        elif node.type == "metric":
            figures.append((f"kaart {node.label}", node.value))
            texts.append(json.dumps(MessageToDict(proto), ensure_ascii=False))
        elif proto is not None and node.type not in ("root", "main", "sidebar", "event"):
            texts.append(json.dumps(MessageToDict(proto), ensure_ascii=False))
    return "\n".join(texts), figures


def _check_anonymised(at, secrets, where: str):
    pages = _pages(at)
    assert pages, "no page to check"
    for name in pages:
        at.switch_page(f"../pages/{name}.py")
        at.run()
        assert not at.exception, (where, name, [e.value for e in at.exception])
        text, figures = _output(at)
        leaked = sorted(s for s in secrets if s in text)
        assert not leaked, f"{where}, pagina {name}: {leaked[:5]}"
        exempt = {f"kaart {label}" for label in _exempt_labels()}
        small = [] if name in EXEMPT_PAGES else [(what, v) for what, v in figures if is_small_count(v, THRESHOLD) and what not in exempt]
        assert not small, f"{where}, pagina {name}: kleine aantallen {small[:8]}"
    return pages


VIEWS = {
    "dit jaar": {},
    "vorig jaar": {"jaar": str(TODAY.year - 1)},
    # the dienst of the three known complaints: its counts are small
    "dienst Onthaal": {"dienst": "Onthaal"},
}


@pytest.mark.parametrize("view", VIEWS)
def test_every_page_as_netwerk_shows_no_person_and_no_small_count(sample_url, secrets, monkeypatch, view):
    at = _start(sample_url, monkeypatch, "netwerk", query=VIEWS[view])
    assert at.session_state["_dashboard_access"].aggregated_only
    pages = _check_anonymised(at, secrets, f"netwerk, {view}")
    assert "klachten" in pages


@pytest.mark.parametrize("role", ["korpsleiding", "integriteitscoordinator"])
def test_every_page_in_screen_share_shows_no_person_and_no_small_count(sample_url, secrets, monkeypatch, role):
    at = _start(sample_url, monkeypatch, role, screen_share=True)
    access = at.session_state["_dashboard_access"]
    assert access.screen_share and access.role == role
    _check_anonymised(at, secrets, f"schermdeling {role}")


@pytest.mark.parametrize("role,screen_share", [("netwerk", False), ("korpsleiding", True)])
def test_held_out_data(heldout_url, monkeypatch, role, screen_share):
    secrets = _secrets(heldout_url)
    at = _start(heldout_url, monkeypatch, role, screen_share=screen_share)
    assert at.session_state["_dashboard_access"].aggregated_only
    _check_anonymised(at, secrets, f"andere gegevens, {role}")


def test_korpsleiding_does_see_the_rows_and_the_drill_down_is_audited(sample_url, secrets, monkeypatch):
    at = _start(sample_url, monkeypatch, "korpsleiding")
    at.switch_page("../pages/klachten.py")
    at.run()
    toggles = [t for t in at.toggle if t.label == "Toon de rijen"]
    assert toggles, "no drill-down on the Klachten page"
    for toggle in toggles:
        toggle.set_value(True)
    at.run()
    assert not at.exception
    text, _ = _output(at)
    assert "KL-TEST-0001" in text and "Zénobe Vanderplas" in text
    engine = connect(sample_url)
    with engine.connect() as conn:
        rows = audit.search(conn, action="detailweergave", user="demo")
    engine.dispose()
    assert not rows.empty and (rows["role"] == "korpsleiding").all()
