"""Text from the database is shown as text: never as markdown, HTML, LaTeX or an icon.

dashboard.style.text.plain is checked on its own (also on arbitrary text, with hypothesis); then the
app runs (AppTest) on a database whose register values, zone name, user name and an uploaded
file's name hold markdown, HTML, an image link, LaTeX and shortcodes, and every place the app
puts such text into markdown (bodies of markdown, captions, titles, alerts; labels and help
texts of widgets, metrics and expanders) must hold it escaped: what is left for markdown to read
has no image, link, HTML, $, shortcode or autolink, and with the escapes removed it reads exactly
the stored text. Elements without markdown (table cells, selectbox options) keep it as it is,
and plotly figures get it with <, > and & as entities. tests/browser/test_text_rendering.py
renders the same database in Chromium, with Streamlit's own markdown.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import given, strategies as st_

from dashboard.shell.auth import SCREEN_SHARE_SWITCH_KEY
from dashboard.style.text import MARKDOWN_SPECIAL, WORD_JOINER, chart_text, plain
from data_access.registers import STRATEGIC_GOALS
from data_access.schema import REGISTER_TABLES
from data_access.settings import save_zone_name
from data_access.users import add_user
from tests.dashboard_apptest import APP, PASSWORD, open_page

THIS_YEAR = dt.date.today().year
MARKER = "example.invalid"
# As the tester found it, plus a shortcode, a colour directive, an arrow, an e-mail and an HTML link.
PAYLOAD = "**vet** <b>x</b> ![i](http://example.invalid/x.png) [l](http://example.invalid) $x$ :material/home:"
TEXT = PAYLOAD + ' :smile: :red[rood] a -> b jan@example.invalid <a href="http://example.invalid">a</a>'
ZONE = "**Z** <b>x</b> ![i](http://example.invalid/z.png) $x$ :material/home:"  # the zone name: at most 80
USER = "**jan** <img src=http://example.invalid/u.png> $x$ :material/person: [l](http://example.invalid)"
UNKNOWN_INDICATOR = "onbekend " + PAYLOAD
CRITERION_ID = "EC-2 [l](http://example.invalid)"
FILE_NAME = "**vet** <b>x</b> $x$ :smile: [l](example.invalid).xlsx"
NEW_ZONE = "[z](http://example.invalid) **PZ** $y$ :material/home:"
BAD_KANAAL = "[fax](http://example.invalid) $x$"
STORED = (TEXT, PAYLOAD, ZONE, USER, UNKNOWN_INDICATOR, CRITERION_ID, FILE_NAME, NEW_ZONE, BAD_KANAAL, "example.invalid")


# --- what markdown would read ------------------------------------------------------------------

_ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")  # a backslash before ASCII punctuation: that character


def left_for_markdown(source: str) -> str:
    """The source with every backslash-escaped character replaced by '·': what markdown may
    still read as syntax."""
    return _ESCAPED.sub("·", source)


def on_screen(source: str) -> str:
    """The characters the source shows: escapes and word joiners removed."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", source).replace(WORD_JOINER, "")


def markup_in(source: str) -> list[str]:
    """The markdown, HTML, LaTeX, shortcode and autolink constructs markdown would find in
    `source` (Streamlit's markdown: CommonMark, GFM, $ for LaTeX, :name[...] directives,
    :material/...: and :shortcode: icons, spaced arrows)."""
    left = left_for_markdown(source)
    found = [token for token in ("![", "](", "<", "$", "**vet", "**jan", "**Z", "www.", "@", ":material/", ":red[") if token in left]
    found += re.findall(r"https?:", left)
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", source)  # the text after parsing, where Streamlit and
    found += after_parsing(text)  # GFM still replace shortcodes, arrows and addresses
    return found


def after_parsing(text: str) -> list[str]:
    """What Streamlit's markdown replaces in the parsed text (escapes are gone by then):
    shortcodes, spaced arrows, and GFM's autolinks of web and e-mail addresses."""
    found = re.findall(r":[\w+-]+:", text)
    found += re.findall(r"(?:^|\s)(?:<->|->|<-|--|>=|<=|~=)(?:\s|$)", text)
    found += re.findall(r"(?i)https?://|www\.", text)
    found += re.findall(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+", text, flags=re.ASCII)
    return found


def test_plain_escapes_every_construct_of_the_payload():
    source = plain(TEXT)
    assert markup_in(source) == []
    assert on_screen(source) == TEXT
    # fixed markdown around it keeps working
    assert markup_in(f"**Aangemeld als** {source}") == []
    assert markup_in(TEXT)  # the checker does find them unescaped
    assert {"![", "](", "<", "$", "**vet", ":material/", "@", ":red["} <= set(markup_in(TEXT))


def test_plain_breaks_shortcodes_and_arrows_that_streamlit_replaces_after_parsing():
    for text in (":smile:", ":+1:", ":material_home:", ":streamlit:", "10:30:45", "a -> b", "x <-> y", "a -- b", "1 >= 0",
                 "zie http://example.invalid/x", "HTTPS://example.invalid", "www.example.invalid", "jan.peeters@pz.example"):
        assert markup_in(plain(text)) == [], text
        assert on_screen(plain(text)) == text
    assert plain("a->b") == "a\\-\\>b"  # only a spaced arrow becomes one: nothing invisible added


def test_plain_shows_line_breaks_as_a_space_and_none_as_nothing():
    assert plain("regel een\n\n# kop\r\n    - lijst") == "regel een \\# kop \\- lijst"
    assert plain(None) == "" and plain(12) == "12"
    assert plain("PZ Schoten") == "PZ Schoten"  # ordinary text is untouched


@given(st_.text())
def test_plain_leaves_nothing_for_markdown_on_any_text(text):
    text = text.replace(WORD_JOINER, "")
    source = plain(text)
    assert not (set(left_for_markdown(source)) & MARKDOWN_SPECIAL), source  # every markdown character escaped
    assert ":material/" not in source  # Streamlit rewrites that prefix before parsing
    assert on_screen(source) == re.sub(r"[ \t\r\n\f\v]+", " ", text)  # the same characters on screen
    parsed = re.sub(r"\\(.)", r"\1", source)  # the text markdown hands to Streamlit's replacements
    assert after_parsing(parsed) == [], parsed


def test_chart_text_escapes_plotlys_html():
    assert chart_text('<a href="http://example.invalid">a</a> & <b>') == '&lt;a href="http://example.invalid"&gt;a&lt;/a&gt; &amp; &lt;b&gt;'
    assert chart_text(None) == "" and chart_text("Verkeer") == "Verkeer"


# --- the app on such a database -------------------------------------------------------------------


def markdown_fields(at) -> list[tuple[str, str, str]]:
    """(element, field, text) for every text the app gave Streamlit as markdown: the body of
    markdown, captions, headings, alerts and toasts, the label and help of widgets, metrics and
    expanders, progress texts. st.html bodies are listed as field 'html'."""
    out: list[tuple[str, str, str]] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            kind = proto.DESCRIPTOR.name
            for field in ("body", "label", "help", "text"):
                if field in proto.DESCRIPTOR.fields_by_name:
                    value = getattr(proto, field)
                    if isinstance(value, str) and value:
                        out.append((kind, "html" if kind == "Html" else field, value))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return out


def payload_fields(at) -> list[tuple[str, str, str]]:
    return [f for f in markdown_fields(at) if MARKER in on_screen(f[2])]


def assert_shown_as_text(at, *expected: tuple[str, str]) -> list[tuple[str, str, str]]:
    """Every markdown text that holds a payload shows it as text (no construct left for
    markdown, the stored text on screen), none in st.html; and (element, field) for each of
    `expected` is among them, so the check saw the places it is about."""
    fields = payload_fields(at)
    for kind, field, source in fields:
        assert field != "html", source
        assert markup_in(source) == [], (kind, field, source)
        assert any(p in on_screen(source) for p in STORED), source  # shown as stored
    seen = {(kind, field) for kind, field, _ in fields}
    for place in expected:
        assert place in seen, (place, sorted(seen))
    return fields


def assert_charts_draw_it_as_text(at) -> int:
    """Every plotly string with the payload has its HTML as entities; returns how many."""
    strings: list[str] = []

    def collect(value) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                collect(v)
        elif isinstance(value, list):
            for v in value:
                collect(v)

    for chart in at.get("plotly_chart"):
        collect(json.loads(chart.proto.spec))
    found = [s for s in strings if MARKER in s or "vet" in s]
    for s in found:
        assert "<b>x" not in s and "<a " not in s and "<img" not in s, s
    assert any("&lt;b&gt;x&lt;/b&gt;" in s for s in found)
    return len(found)


def fill_with_markup(engine) -> None:
    """Register texts, the zone's name and one user's name (password PASSWORD) that hold markdown,
    HTML, an image link, LaTeX and shortcodes: a dienst of two complaints, an action (its text,
    goal and trekker), a measured indicator with a criterion on it, a criterion on an unknown
    indicator, all in this year."""
    day = dt.date(THIS_YEAR, 1, 1)
    with engine.begin() as conn:
        conn.execute(REGISTER_TABLES["klachten"].insert(), [
            {"dossiernummer": f"KL-{i}", "datum_ontvangst": day, "kanaal": "burger", "categorie": "bejegening",
             "dienst": dienst, "status": "ontvangen"}
            for i, dienst in enumerate([TEXT, TEXT, "Verkeer"])
        ])
        conn.execute(REGISTER_TABLES["actieplan"].insert().values(
            actie_id="A-1", strategische_doelstelling=STRATEGIC_GOALS[0], operationele_doelstelling=TEXT, actie=TEXT,
            trekker=TEXT, startdatum=day, deadline=dt.date(THIS_YEAR, 12, 31), status="lopend", voortgang=10.0,
        ))
        conn.execute(REGISTER_TABLES["indicatoren"].insert().values(indicator=TEXT, periode=str(THIS_YEAR), waarde=12.0))
        conn.execute(REGISTER_TABLES["evaluatiecriteria"].insert(), [
            {"criterium_id": "EC-1", "omschrijving": TEXT, "indicator": TEXT, "norm": 10.0, "richting": "minstens",
             "jaar": THIS_YEAR, "gevalideerd_op": None},
            {"criterium_id": CRITERION_ID, "omschrijving": TEXT, "indicator": UNKNOWN_INDICATOR, "norm": 1.0,
             "richting": "minstens", "jaar": THIS_YEAR, "gevalideerd_op": None},
        ])
        save_zone_name(conn, ZONE)
        add_user(conn, USER, "integriteitscoordinator", PASSWORD)


@pytest.fixture
def nasty_url(engine, sqlite_url):
    """A database (no sample data: local sign-in) filled by fill_with_markup."""
    fill_with_markup(engine)
    return sqlite_url


def _signed_in(url: str, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input[0].input(USER)
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_register_text_zone_and_user_name_show_as_text_on_every_page(nasty_url, monkeypatch):
    at = _signed_in(nasty_url, monkeypatch)
    # Overzicht: the zone in the header, the signed-in name in the sidebar, the criterion's id
    # and problem (which quotes the indicator) under the criteria.
    fields = assert_shown_as_text(at, ("Markdown", "body"))
    sources = [f[2] for f in fields]
    assert f"Aangemeld als **{plain(USER)}** (Integriteitscoördinator)" in sources
    assert any(s.startswith(plain(ZONE) + " · ") for s in sources)
    assert any(s.startswith(plain(CRITERION_ID) + ": Onbekende indicator") for s in sources)
    assert on_screen(at.caption[0].value).startswith(ZONE + " · ")

    # The dienst filter offers the dienst as it is (options are no markdown); chosen, the header names it.
    dienst = at.sidebar.selectbox(key="dienst")
    assert TEXT in dienst.options
    dienst.select(TEXT).run()
    assert not at.exception
    assert_shown_as_text(at)
    assert any(s.endswith(" · " + plain(TEXT)) for _, _, s in payload_fields(at))

    open_page(at, "meldingen")  # its own header caption
    assert f"{THIS_YEAR} · peildatum" in at.caption[0].value and at.caption[0].value.count(plain(TEXT)) == 1
    assert_shown_as_text(at)
    open_page(at, "klachten")  # the heatmap names the dienst
    assert_shown_as_text(at)
    assert assert_charts_draw_it_as_text(at)
    at.sidebar.selectbox(key="dienst").select("Alle diensten").run()
    assert_charts_draw_it_as_text(at)

    open_page(at, "actieplan")
    at.selectbox(key="actieplan_trekker").select(TEXT).run()
    assert not at.exception
    fields = assert_shown_as_text(at)
    assert any(s.startswith(f"Trekker {plain(TEXT)}: 1 acties") for _, _, s in fields)
    assert assert_charts_draw_it_as_text(at) >= 2  # the timeline's label and hover

    open_page(at, "evaluatiecriteria")
    at.selectbox(key="evaluatiecriterium").select("EC-1").run()
    assert not at.exception
    # the indicator's name in bold, its help as caption and as the value's tooltip, the definitions
    fields = assert_shown_as_text(at, ("Markdown", "body"), ("Metric", "help"))
    sources = [s for _, _, s in fields]
    assert f"**{plain(TEXT)}**  \nStatus: :green-badge[gehaald] · Ontwerp" in sources
    assert f"**{plain(TEXT)}**: Gemeten waarde van '{plain(TEXT)}' voor periode {THIS_YEAR} in het register Indicatoren." in sources
    options = at.selectbox(key="evaluatiecriterium").options
    assert f"EC-1 · {TEXT}" in options and f"{CRITERION_ID} · {TEXT}" in options  # options as they are
    at.selectbox(key="evaluatiecriterium").select(CRITERION_ID).run()
    assert not at.exception
    assert_shown_as_text(at, ("Alert", "body"))  # the problem (warning) and "Geen waarden om te tonen voor ..." (info)
    alerts = [on_screen(s) for kind, _, s in payload_fields(at) if kind == "Alert"]
    assert any(a.startswith(f"Onbekende indicator '{UNKNOWN_INDICATOR}'") for a in alerts)
    assert any(a.startswith(f"Geen waarden om te tonen voor {UNKNOWN_INDICATOR} in") for a in alerts)
    assert at.dataframe[0].value["Omschrijving"].tolist() == [TEXT, TEXT]  # table cells as they are

    # Screen-share mode (the netwerk view): the same texts, as text.
    at.sidebar.toggle(key=SCREEN_SHARE_SWITCH_KEY).set_value(True).run()
    assert not at.exception and "Schermdeling" in at.sidebar.error[0].value
    assert_shown_as_text(at, ("Markdown", "body"))
    at.selectbox(key="evaluatiecriterium").select("EC-1").run()
    assert_shown_as_text(at, ("Markdown", "body"), ("Metric", "help"))
    open_page(at, "overzicht")
    fields = assert_shown_as_text(at, ("Markdown", "body"))
    assert any(s.startswith(plain(ZONE) + " · ") for _, _, s in fields)
    assert any(s.startswith(plain(CRITERION_ID) + ": ") for _, _, s in fields)


def test_the_saved_zone_name_and_an_uploaded_files_name_show_as_text(nasty_url, monkeypatch):
    at = open_page(_signed_in(nasty_url, monkeypatch), "instellingen")
    zone = NEW_ZONE
    at.text_input(key="instelling_zone_name").set_value(zone)
    at.button[0].click().run()
    assert not at.exception
    fields = assert_shown_as_text(at, ("Alert", "body"))
    assert f"Opgeslagen: Naam van de politiezone = {plain(zone)}" in [s for _, _, s in fields]
    assert at.text_input(key="instelling_zone_name").value == zone  # a widget's value as it is

    from tests.test_page_gegevens import GOOD_ROWS, XLSX, _klachten_workbook

    open_page(at, "gegevens")
    bad = [dict(GOOD_ROWS[0], dienst=TEXT, kanaal=BAD_KANAAL)]  # not an allowed kanaal
    at.file_uploader[0].upload(FILE_NAME, _klachten_workbook(bad), XLSX).run()
    assert not at.exception
    fields = assert_shown_as_text(at, ("Alert", "body"), ("Markdown", "body"))
    alert = next(s for kind, _, s in fields if kind == "Alert")
    assert alert.startswith(f"**{plain(FILE_NAME)} kan niet geïmporteerd worden**: 1 fout.")  # the fixed bold stays
    messages = next(s for kind, _, s in fields if kind == "Markdown")
    assert f"kolom kanaal: '{BAD_KANAAL}'" in on_screen(messages)


def test_a_signed_in_or_refused_oidc_address_shows_as_text(engine, sqlite_url, monkeypatch):
    from tests.test_access_signin import OIDC_SECRETS, _app

    email = "[jan](http://example.invalid)**vet**@example.invalid"
    with engine.begin() as conn:
        add_user(conn, email, "korpsleiding", None)
    at = _app(sqlite_url, monkeypatch, secrets={"auth": OIDC_SECRETS}, user={"is_logged_in": True, "email": email})
    assert not at.exception
    fields = assert_shown_as_text(at, ("Markdown", "body"))
    assert f"Aangemeld als **{plain(email)}** (Korpsleiding)" in [s for _, _, s in fields]

    stranger = "![i](http://example.invalid/s.png)@example.invalid"
    at = _app(sqlite_url, monkeypatch, secrets={"auth": OIDC_SECRETS}, user={"is_logged_in": True, "email": stranger})
    fields = assert_shown_as_text(at, ("Alert", "body"))
    assert fields[0][2].startswith(f"Het account {plain(stranger)} heeft geen toegang")


def test_the_database_error_page_names_the_url_as_text(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    folder = tmp_path / "**db** $x$ [l](http:example.invalid) :smile:" / "ontbreekt"  # a folder that does not exist
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{folder / 'db.sqlite'}")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    fields = assert_shown_as_text(at, ("Alert", "body"))
    shown = on_screen(fields[0][2])  # SQLAlchemy writes the URL with its special characters %-encoded
    assert shown.startswith(f"De databank is niet bereikbaar (sqlite:///{tmp_path}/") and "_" in shown
