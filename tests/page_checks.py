"""Shared checks for the page tests (test_page_*.py, test_app_shell): what a page shows
(cards, tables, charts), what the engine says, and the netwerk-view checks.

    at = page_on(url, "klachten", "korpsleiding", monkeypatch)
    report = engine_report(url)                 # kpis.engine.compute_report for the app's filters
    assert card_values(at)["Klachten ontvangen"] == fmt_kpi("complaints_received", report.kpis[...])
    spec = chart(at, "Ontvangen in")            # the plotly JSON of the chart with that title
    assert bars(spec) == {...}
    values = decoded(spec["data"][0]["x"])      # a plotly array as a list (typed arrays decoded)
    table = table_with(at, "Nummer")            # the first table with that column
    names = [p.name for p in menu_pages(access)]  # the pages the menu lists for an Access
    expected = engine_alerts(url, KIND_TERM)    # kpis.alerts at today, of one kind
    assert not small_counts(at) and not leaked(at, url)
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re

import numpy as np
import sqlalchemy as sa

from data_access.schema import REGISTER_TABLES
from tests.dashboard_apptest import open_page, start_app, texts

SMALL = {"1", "2", "3", "4"}  # counts the netwerk view may never show (threshold 5)
# KPIs of registers without persons: shown as they are in every view (kpis.disclosure.figures.EXEMPT_REGISTERS)
EXEMPT_LABELS = {"Acties", "Aandeel afgerond", "Acties over deadline", "Acties over deadline, alle plannen", "Criteria gehaald",
                 "Criteria niet gehaald", "Criteria zonder gegevens",
                 "Actieve risico's", "Hoge risico's", "Hoge risico's zonder actie", "Herziening te laat"}
# charts whose values are not counts
NOT_COUNTS = ("per 100 VTE", "Mediane duur")


def assert_every_year_renders(at) -> None:
    """Every year the sidebar offers (the sample spans five or more) renders the open page
    without an exception, its header drawn."""
    years = at.sidebar.selectbox(key="jaar").options
    assert len(years) >= 5
    for year in years:
        at.sidebar.selectbox(key="jaar").select(year).run()
        assert not at.exception, (year, [e.value for e in at.exception])
        assert at.title[0].value  # the page drew its header


def menu_pages(access) -> list:
    """The pages (dashboard.shell.navigation.PageSpec) the app's menu lists for `access`, in menu order."""
    from dashboard.shell import navigation

    return [spec for specs in navigation.visible_pages(access).values() for spec in specs]


def page_on(url: str, page: str, role: str, monkeypatch, **filters):
    """The app signed in as `role`, the sidebar filters set (jaar=..., peildatum=...), `page` open."""
    at = start_app(url, role, monkeypatch=monkeypatch)
    if "jaar" in filters:
        at.sidebar.selectbox(key="jaar").select(filters["jaar"]).run()
    if "peildatum" in filters:
        at.sidebar.date_input(key="peildatum").set_value(filters["peildatum"]).run()
    return open_page(at, page)


def engine_report(url: str, year: int | None = None, as_of: dt.date | None = None, *, netwerk: bool = False):
    """The KPI engine on the same database for the app's default view (this year, today); as the
    netwerk view gets it when asked: that year's report of today's netwerk release (threshold 5)."""
    from kpis.disclosure.release import netwerk_release
    from kpis.engine import compute_report, default_as_of

    year = year or dt.date.today().year
    engine = sa.create_engine(url)
    try:
        if netwerk:
            with engine.connect() as conn:
                return netwerk_release(conn, dt.date.today(), 5).report(year)
        return compute_report(engine, year, as_of or default_as_of(year))
    finally:
        engine.dispose()


def engine_alerts(url: str, kind: str | None = None) -> list:
    """kpis.alerts.alerts on the same database at today (the app's default reference date),
    most urgent first; only those of `kind` when given."""
    from kpis.alerts import alerts

    engine = sa.create_engine(url)
    try:
        found = alerts(engine, dt.date.today())
    finally:
        engine.dispose()
    return [a for a in found if kind is None or a.kind == kind]


def card_values(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def expected_card(report, kpi_id: str) -> str:
    """What a card shows for the engine's value: the catalog unit's format, 'verborgen' for a
    value the netwerk view hides."""
    from dashboard.ui.components import fmt_kpi

    value = report.kpis[kpi_id]
    reasons = ((report.extra or {}).get("suppression") or {}).get("reasons", {})
    if value is None and kpi_id in reasons:
        return "verborgen"
    return fmt_kpi(kpi_id, value)


def assert_cards_equal_engine(at, report, kpi_ids) -> None:
    from dashboard.ui.components import card_label
    from kpis.catalog import BY_ID

    shown = card_values(at)
    for kpi_id in kpi_ids:
        label = card_label(BY_ID[kpi_id])
        assert label in shown, (label, sorted(shown))
        assert shown[label] == expected_card(report, kpi_id), (kpi_id, shown[label], report.kpis[kpi_id])


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def chart_title(spec: dict) -> str:
    title = spec.get("layout", {}).get("title", {})
    return title.get("text", "") if isinstance(title, dict) else str(title)


def chart(at, title_start: str) -> dict:
    found = [s for s in charts(at) if chart_title(s).startswith(title_start)]
    assert found, (title_start, [chart_title(s) for s in charts(at)])
    return found[0]


def decoded(values) -> list:
    """A plotly array: a list, or {"dtype", "bdata"} (base64 of a typed array); anything else []."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"])).tolist()
    return values if isinstance(values, list) else []


def late_rows(at) -> list[tuple[str, dt.date]]:
    """The late items a page lists as rows (dashboard.ui.late_block: each a link ?rij=KEY, its term
    in the label as '(termijn dd/mm/jjjj)'), in the order shown, each once."""
    rows = {}
    for link in at.get("page_link"):
        key = link.proto.query_string.split("rij=")[-1]
        found = re.search(r"termijn (\d\d)\\?/(\d\d)\\?/(\d{4})", link.proto.label)
        rows.setdefault((key, link.proto.label), (key, dt.date(int(found[3]), int(found[2]), int(found[1]))))
    return list(rows.values())


def table_with(at, column: str):
    """The first table on the page (a DataFrame) that has `column`."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def bars(spec: dict, trace: int = 0) -> dict:
    """{category: shown value} of a bar trace: the number, or the marker ('<5') for a hidden one."""
    data = spec["data"][trace]
    horizontal = data.get("orientation") == "h"
    categories = data["y"] if horizontal else data["x"]
    values = data["x"] if horizontal else data["y"]
    texts_ = data.get("text") or [None] * len(values)
    out = {}
    for category, value, text in zip(categories, values, texts_):
        out[category] = text if isinstance(text, str) and text.startswith(("<", "x")) else value
    return out


def as_numbers(split: dict) -> dict:
    return {k: (v if isinstance(v, str) else float(v)) for k, v in split.items()}


def everything(at) -> str:
    """Every text, table cell and chart of the page, for searching."""
    parts = [texts(at)]
    parts += [df.value.to_csv() for df in at.dataframe]
    parts += [json.dumps(s, ensure_ascii=False) for s in charts(at)]
    parts += [f"{e.proto.label} {e.proto.query_string}" for e in at.get("page_link")]
    return "\n".join(parts)


def dossier_keys(url: str) -> set[str]:
    """Every dossier, nota and melding number in the registers with persons."""
    engine = sa.create_engine(url)
    keys: set[str] = set()
    try:
        with engine.connect() as conn:
            for register, column in (
                ("klachten", "dossiernummer"),
                ("functioneringsnotas", "nummer"),
                ("tuchtdossiers", "dossiernummer"),
                ("meldingen", "nummer"),
            ):
                keys |= set(conn.execute(sa.select(REGISTER_TABLES[register].c[column])).scalars())
    finally:
        engine.dispose()
    return keys


def leaked(at, url: str) -> list[str]:
    """Dossier numbers and 'Medewerker ' pseudonyms anywhere on the page."""
    blob = everything(at)
    found = sorted(k for k in dossier_keys(url) if k in blob)
    if re.search(r"Medewerker \d", blob):
        found.append("Medewerker …")
    return found


def is_small_count(value, threshold: int = 5) -> bool:
    """A figure that is a count from 1 to N - 1: an int (numpy's too) or a whole float, or a
    bare integer as text; never a bool."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, np.integer)) or (isinstance(value, float) and value.is_integer()):
        return 1 <= int(value) < threshold
    if isinstance(value, str) and re.fullmatch(r"\d+", value.strip()):
        return 1 <= int(value.strip()) < threshold
    return False


def small_counts(at) -> list[str]:
    """Every count between 1 and 4 the page shows: in a card (registers with persons), in an
    'Aantal' table column, as a chart label or as a plotted count."""
    out = []
    for label, value in card_values(at).items():
        if label not in EXEMPT_LABELS and str(value).strip() in SMALL:
            out.append(f"kaart {label}: {value}")
    for df in at.dataframe:
        frame = df.value
        if "Aantal" in frame.columns:  # the action plan's alerts hold no person: shown as counted
            kinds = frame["Soort"] if "Soort" in frame.columns else [None] * len(frame)
            out += [f"tabel: {v}" for k, v in zip(kinds, frame["Aantal"]) if str(v) in SMALL and k != "Actie over deadline"]
    for spec in charts(at):
        title = chart_title(spec)
        for trace in spec["data"]:
            out += [f"{title}: label {t}" for t in trace.get("text") or [] if isinstance(t, str) and t.strip() in SMALL]
            if any(word in title for word in NOT_COUNTS):
                continue
            if trace.get("type") == "heatmap":
                values = [v for row in trace.get("z") or [] for v in row]
            elif trace.get("type") == "bar" and trace.get("orientation") == "h":
                values = trace.get("x") or []
            else:
                values = trace.get("y") or []
            out += [f"{title}: waarde {v}" for v in values if isinstance(v, (int, float)) and 1 <= v <= 4]
    return out


def insert_one_complaint(engine, on: dt.date) -> None:
    """The only row of the database: one complaint received (and still open) on `on`."""
    with engine.begin() as conn:
        conn.execute(
            REGISTER_TABLES["klachten"].insert(),
            [{"dossiernummer": "KL-1", "datum_ontvangst": on, "kanaal": "burger", "categorie": "bejegening",
              "dienst": "Verkeer", "status": "ontvangen"}],
        )
