"""Every page in French: no Dutch word left on a French page (issue 17).

The app is opened on the sample, switched to French in the sidebar, and each page's visible text
is gathered: titles, markdown, captions, messages, cards, widget labels, options and help texts,
table headers and the list values in table cells (those come from the register's catalogs),
chart titles, axes, legends and hover texts. What the zone wrote itself (the free text and the
names in its registers: a dienst, an action's title) stays in the language it was written in and
is taken out first; then the text must hold none of the Dutch words below, words that French
never writes.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
import sqlalchemy as sa

from dashboard.shell import navigation
from data_access.registers import BY_NAME as REGISTERS_BY_NAME
from data_access.schema import REGISTER_TABLES
from tests.dashboard_apptest import open_page, start_app, texts
from tests.page_checks import charts

DUTCH_WORDS = (
    "het", "een", "van", "niet", "geen", "voor", "met", "wordt", "worden", "deze", "dit", "naar", "bij",
    "ook", "uit", "nog", "zijn", "jaar", "jaren", "maand", "aantal", "klacht", "klachten", "melding",
    "meldingen", "gegevens", "peildatum", "dienst", "diensten", "alle", "tot", "gehaald", "acties",
    "pagina", "dagen", "termijn", "ontvangen", "afgesloten", "overzicht", "verborgen", "kleine", "aantallen",
    "tuchtdossiers", "actieplan", "evaluatiecriteria", "instellingen", "gebruikers", "auditlogboek",
    "opslaan", "kies", "toon", "waarvan", "vorig", "vorige", "gemiddeld", "mediaan", "norm", "openstaand",
    "gebruiker", "wachtwoord", "aanmelden", "afmelden", "rol", "zonder", "binnen",
)
DUTCH = re.compile(r"\b(" + "|".join(DUTCH_WORDS) + r")\b", re.IGNORECASE)
# Said in both languages on purpose: the language switch, and the name of each language in it.
BILINGUAL = ("Taal · Langue", "Nederlands")


def zone_texts(url: str) -> list[str]:
    """Every text the zone wrote in its registers' free-text columns (list values excluded:
    those must be shown in French), longest first."""
    found: set[str] = set()
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            for name, table in REGISTER_TABLES.items():
                register = REGISTERS_BY_NAME.get(name)
                listed = {c.name for c in register.columns if getattr(c, "values", None)} if register else set()
                for column in table.columns:
                    if column.name in listed or not isinstance(column.type, sa.String | sa.Text):
                        continue
                    found |= {v for v in conn.execute(sa.select(column).distinct()).scalars() if isinstance(v, str) and v.strip()}
    finally:
        engine.dispose()
    return sorted(found, key=len, reverse=True)


def page_text(at) -> str:
    parts = [texts(at)]
    for kind in ("selectbox", "multiselect", "radio", "date_input", "text_input", "number_input", "text_area",
                 "button", "checkbox", "toggle", "slider", "select_slider"):
        for widget in getattr(at, kind, []):
            parts.append(str(widget.label))
            parts.append(str(getattr(widget.proto, "help", "") or ""))
            parts += [str(o) for o in getattr(widget, "options", []) or []]
    for frame in at.dataframe:
        value = frame.value
        parts += [str(c) for c in value.columns]
        parts += [str(v) for v in pd.unique(value.astype(str).to_numpy().ravel())]
    for spec in charts(at):
        parts.append(json.dumps(spec.get("layout", {}).get("title", ""), ensure_ascii=False))
        for axis in ("xaxis", "yaxis"):
            parts.append(json.dumps(spec.get("layout", {}).get(axis, {}).get("title", ""), ensure_ascii=False))
        for trace in spec.get("data", []):
            parts += [str(trace.get("name") or ""), str(trace.get("hovertemplate") or "")]
            parts += [str(x) for x in (trace.get("x") or []) if isinstance(x, str)]
            parts += [str(y) for y in (trace.get("y") or []) if isinstance(y, str)]
    parts += [re.sub(r"\\(.)", r"\1", str(link.proto.label)) for link in at.get("page_link")]  # markdown, as texts() reads it
    parts += [str(tab.label) for tab in at.tabs]
    parts += [str(e.label) for e in at.expander]
    return "\n".join(parts)


def dutch_left(at, zone: list[str]) -> list[str]:
    return dutch_in(page_text(at), zone)


def dutch_in(text: str, zone: list[str]) -> list[str]:
    """The Dutch words of `text` (with their line), once the zone's own texts are taken out."""
    for written in (*zone, *BILINGUAL):
        text = text.replace(written, " ")
    # a zone text cut short to fit ("Deelname aan een extern…")
    text = re.sub(r"[^\n·:(]{3,}…", lambda m: " " if any(z.startswith(m[0][:-1].strip()) for z in zone) else m[0], text)
    found = []
    for line in text.splitlines():
        for match in DUTCH.finditer(line):
            found.append(f"{match[0]!r} in: {line.strip()[:160]}")
    return sorted(set(found))


@pytest.fixture(scope="module")
def zone(sample_url) -> list[str]:
    return zone_texts(sample_url)


@pytest.mark.parametrize("spec", navigation.existing_pages(), ids=lambda s: s.name)
def test_every_page_is_french_for_the_coordinator(spec, sample_url, zone, monkeypatch):
    at = start_app(sample_url, monkeypatch=monkeypatch)
    next(s for s in at.sidebar.selectbox if s.label == "Taal · Langue").select("fr").run()
    open_page(at, spec.name)
    left = dutch_left(at, zone)
    assert not left, f"{spec.name}: Dutch on the French page:\n" + "\n".join(left)


@pytest.mark.parametrize("page", ["overzicht", "klachten", "meldingen", "risicoanalyse"])
def test_the_netwerk_view_is_french(page, sample_url, zone, monkeypatch):
    at = start_app(sample_url, "netwerk", monkeypatch=monkeypatch)
    next(s for s in at.sidebar.selectbox if s.label == "Taal · Langue").select("fr").run()
    open_page(at, page)
    left = dutch_left(at, zone)
    assert not left, f"{page} (netwerk): Dutch on the French page:\n" + "\n".join(left)
