"""The i18n foundation (issue 17): complete catalogs in both languages, Babel formats per locale,
and the Dutch formats of dashboard/style/formatting.py unchanged byte for byte."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import i18n
from dashboard.style import formatting as F
from i18n.__main__ import problems
from kpis.catalog import KPIS, definition, label

ROOT = Path(__file__).resolve().parent.parent
NNBSP = "\u202f"  # narrow no-break space: fr_BE's thousands separator


def test_every_message_has_a_translation_in_both_languages():
    """Extracts every marked text of the code (babel.cfg) and checks both catalogs: each text is
    there, translated (not empty, not fuzzy), and the committed .mo is its .po compiled. A new
    _("...") without a French translation fails here; `python -m i18n update` adds it to the
    catalogs, a translator fills in fr_BE, `python -m i18n compile` compiles."""
    assert problems() == []


def _old_dutch_number(value, decimals: int = 0) -> str:
    """dashboard.style.formatting.fmt_number (dashboard/formatting.py) before it went through Babel (commit 32408c6)."""
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{exact:,.{decimals}f}"
    text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    if text.startswith("-") and float(text.replace(".", "").replace(",", ".")) == 0:
        text = text[1:]
    return text


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.floats(min_value=-1e13, max_value=1e13, allow_nan=False),
                 st.integers(min_value=-10**12, max_value=10**12),
                 st.decimals(min_value=-1000, max_value=1000, places=3).map(float)),
       st.integers(min_value=0, max_value=3))
def test_dutch_numbers_are_byte_identical_through_babel(value, decimals):
    assert F.fmt_number(value, decimals) == _old_dutch_number(value, decimals)


@pytest.mark.parametrize("value", [0.05, -0.05, -0.04, 2.675, 45.25, -45.25, 999.95, 1e15, 0.5, 1.5, 2.5])
def test_dutch_rounding_edges(value):
    for decimals in (0, 1, 2):
        assert F.fmt_number(value, decimals) == _old_dutch_number(value, decimals)


def test_dutch_formats_as_before():
    assert F.fmt_number(1234567.891, 1) == "1.234.567,9"
    assert F.fmt_percent(45.5) == "45,5\u00a0%"
    assert F.fmt_days(1) == "1 dag" and F.fmt_days(12.5) == "12,5 dagen"
    assert F.fmt_number(None) == "geen gegevens"
    assert F.month_label(dt.date(2025, 3, 1)) == "mrt 2025"
    assert F.month_label(dt.date(2025, 3, 1), short=False) == "maart 2025"
    assert [F.month_label(dt.date(2025, m, 1)).split()[0] for m in range(1, 13)] == list(F.MONTHS_SHORT)
    assert F.fmt_delta(0.04, "rate") == "+4 procentpunt"


def test_french_formats():
    with i18n.language("fr"):
        assert F.fmt_number(1234567.891, 1) == f"1{NNBSP}234{NNBSP}567,9"
        assert F.fmt_int(-1234) == f"-1{NNBSP}234"
        assert F.fmt_percent(45.5) == "45,5\u00a0%"
        assert F.fmt_rate(0.125) == "12,5\u00a0%"
        assert F.fmt_days(1) == "1 jour" and F.fmt_days(12) == "12 jours"
        assert F.fmt_number(None) == "pas de données"
        assert F.fmt_date(dt.date(2025, 3, 1)) == "01/03/2025"
        assert F.month_label(dt.date(2025, 2, 1)) == "févr. 2025"
        assert F.month_label(dt.date(2025, 2, 1), short=False) == "février 2025"
        assert F.fmt_delta(-0.04, "rate") == "-4 points de pourcentage"
        assert F.fmt_value(1234, "count") == f"1{NNBSP}234"
    assert F.fmt_number(1234) == "1.234"  # the language is restored after the block


def test_babel_helpers_per_language():
    assert i18n.format_number(1234.5, "nl", 1) == "1.234,5"
    assert i18n.format_number(1234.5, "fr", 1) == f"1{NNBSP}234,5"
    assert i18n.format_decimal(12.0, "fr") == "12" and i18n.format_decimal(12.25, "fr", 2) == "12,25"
    assert i18n.format_percent(45.0, "fr") == "45\u00a0%"
    assert i18n.format_date(dt.date(2025, 12, 31), "fr") == "31/12/2025"
    assert i18n.format_date(dt.datetime(2025, 12, 31, 10, 5), "nl", "d MMMM yyyy") == "31 december 2025"
    assert i18n.month_name(12, "fr") == "décembre" and i18n.month_name(3, "nl", short=True) == "mrt"


def test_language_codes():
    assert i18n.normalise(None) == "nl" and i18n.normalise("FR") == "fr" and i18n.normalise("fr-BE") == "fr"
    assert i18n.normalise("nl_BE") == "nl"
    with pytest.raises(i18n.UnknownLanguage, match="onbekende taal 'de'"):
        i18n.normalise("de")


def test_language_is_per_context_and_restored():
    assert i18n.current() == "nl"
    with i18n.language("fr"):
        assert i18n._("geen gegevens") == "pas de données"
        with i18n.language("nl"):
            assert i18n._("geen gegevens") == "geen gegevens"
        assert i18n.pgettext("value", "blaam") == "blâme"
    assert i18n._("geen gegevens") == "geen gegevens"
    assert i18n.gettext("fr").pgettext("sheet", "Klachten") == "Plaintes"


def test_kpi_names_and_definitions_in_both_languages():
    by_id = {k.id: k for k in KPIS}
    kpi = by_id["reports_feedback_in_time_rate"]
    assert label(kpi) == kpi.label == "Terugkoppeling binnen termijn"
    assert label(kpi, "fr") == "Retour d'information dans le délai"
    assert definition(kpi, "fr").startswith("Délai = date de l'accusé de réception")
    with i18n.language("fr"):
        assert label(by_id["sanctions_heavy"]) == "Sanctions lourdes"
    french = [label(k, "fr") for k in KPIS]
    assert len(set(french)) == len(KPIS)
    assert all(label(k, "fr") != k.label for k in KPIS if k.id != "complaints_per_100_fte")


def test_i18n_does_not_import_streamlit():
    code = "import sys, i18n, data_access.register_terms, dashboard.style.formatting; sys.exit('streamlit' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={"PYTHONPATH": str(ROOT)}, timeout=60)
    assert done.returncode == 0


def test_a_text_made_in_dutch_is_shown_in_the_viewer_s_language():
    import json
    import pickle

    from kpis.disclosure.release import LATE_REASON, small_base_reason

    reason = small_base_reason(5)
    assert reason == "Verborgen: berekend op minder dan 5 dossiers."  # the Dutch text, as before
    assert i18n.shown(reason, "fr") == "Masqué : calculé sur moins de 5 dossiers."
    with i18n.language("fr"):
        assert i18n.shown(reason) == "Masqué : calculé sur moins de 5 dossiers."
        assert i18n.shown("<5") == "<5"  # any other value unchanged
    again = pickle.loads(pickle.dumps(reason))  # st.cache_data pickles
    assert again == reason and i18n.shown(again, "fr") == i18n.shown(reason, "fr")
    assert json.loads(json.dumps({"r": reason})) == {"r": str(reason)}
    assert i18n.shown(LATE_REASON, "fr").startswith("Pas dans la vue réseau")
    nested = i18n.Text("De KPI '{kpi}' heeft geen waarde voor {year} op {date}: er zijn geen gegevens om ze te "
                       "berekenen.", kpi=i18n.Text("Aandeel anoniem"), year=2025, date="30/06/2025")
    assert i18n.shown(nested, "fr") == ("Le KPI 'Part anonyme' n'a pas de valeur pour 2025 au 30/06/2025 : il n'y a "
                                        "pas de données pour le calculer.")


def test_command_line_usage_help_and_errors_in_the_current_language(capsys):
    """argparse's own words (i18n.cli): Dutch by default, French in French; an error names
    what is missing in the same language."""
    from i18n import language
    from i18n.cli import parser

    p = parser(prog="prog")
    p.add_argument("bestand")
    text = p.format_help()
    assert "gebruik: prog" in text and "argumenten:" in text and "deze hulp tonen en stoppen" in text
    assert not [w for w in ("usage", "positional arguments", "show this help") if w in text]
    with pytest.raises(SystemExit):
        p.parse_args([])
    assert "prog: fout: verplichte argumenten ontbreken: bestand" in capsys.readouterr().err
    with language("fr"):
        assert "utilisation : prog" in parser(prog="prog").format_help()
    import argparse  # another parser in the same process keeps argparse's own words

    assert argparse.ArgumentParser(prog="ander").format_help().startswith("usage: ander")


def test_each_command_line_uses_the_translated_parser():
    for module in ("data_access", "kpis", "sample_data", "dashboard.export"):
        out = subprocess.run([sys.executable, "-m", module, "--help"], capture_output=True, text=True, timeout=120,
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert out.returncode == 0 and out.stdout.startswith("gebruik: python -m "), (module, out.stdout[:200], out.stderr[-500:])
        assert "show this help" not in out.stdout, module
    missing = subprocess.run([sys.executable, "-m", "data_access"], capture_output=True, text=True, timeout=120,
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert missing.returncode == 2 and "fout: verplichte argumenten ontbreken: opdracht" in missing.stderr, missing.stderr
