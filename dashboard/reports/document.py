"""Turns a report (authorities.AuthoritiesReport, staff.StaffReport) into a PDF: HTML and CSS
laid out by WeasyPrint on A4, DejaVu Sans embedded, page numbers in the margin, title, zone and
language (nl-BE, fr-BE: the current language) in the metadata, tagged for screen readers (PDF/UA-1), charts as SVG (charts.py)."""

from __future__ import annotations

import base64
import re
from html import escape

from dashboard.reports import charts
from dashboard.reports.authorities import AuthoritiesReport
from dashboard.reports.figures import legend
from dashboard.reports.staff import StaffReport
from dashboard.style.formatting import NO_DATA, fmt_date, fmt_rate
from data_access.settings import ADDRESSEES
from i18n import LOCALES, N_, _, current

CSS = """
@page { size: A4; margin: 22mm 20mm 22mm 20mm;
  @top-left { content: string(zone); font-size: 8pt; color: #555; }
  @top-right { content: string(doc); font-size: 8pt; color: #555; }
  @bottom-center { content: "Pagina " counter(page) " van " counter(pages); font-size: 8pt; color: #555; } }
@page :first { @top-left { content: none; } @top-right { content: none; } }
html { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; line-height: 1.4; color: #222; }
.zone { string-set: zone content(); }
h1 { string-set: doc content(); }
h1 { font-size: 17pt; color: #1f4e79; margin: 0 0 2mm 0; }
h2 { font-size: 12.5pt; color: #1f4e79; margin: 7mm 0 2mm 0; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4mm 0 1mm 0; break-after: avoid; }
p { margin: 0 0 2.5mm 0; }
.lead { font-size: 10.5pt; }
.muted { color: #555; font-size: 8.5pt; }
.letterhead { border-bottom: 2px solid #1f4e79; padding-bottom: 3mm; margin-bottom: 8mm; }
.letterhead .zone { font-size: 15pt; font-weight: bold; color: #1f4e79; }
.address { margin: 0 0 8mm 0; }
.letter p { margin-bottom: 3.5mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm 0; }
th { text-align: left; font-weight: bold; border-bottom: 1.2px solid #1f4e79; padding: 1.5mm 2mm; font-size: 8.5pt; }
td { padding: 1.5mm 2mm; border-bottom: 0.5px solid #ccc; vertical-align: top; }
td.n, th.n { text-align: right; white-space: nowrap; }
tr.def td { border-bottom: 0.5px solid #ccc; padding-top: 0; color: #555; font-size: 7.5pt; }
tr.fig td { border-bottom: none; padding-bottom: 0.5mm; font-weight: bold; }
tr.fig td.n { font-weight: normal; font-size: 10pt; }
figure { margin: 2mm 0 3mm 0; break-inside: avoid; }
figure img { width: 100%; }
figcaption { font-size: 8pt; color: #555; }
ul { margin: 0 0 2mm 0; padding-left: 5mm; }
li { margin-bottom: 0.8mm; }
.ok { color: #1e6b35; font-weight: bold; }
.nok { color: #a4262c; font-weight: bold; }
.box { background: #eef3f8; padding: 3mm 4mm; margin: 3mm 0; break-inside: avoid; }
.pagebreak { break-before: page; }
section.keep { break-inside: avoid; }
"""


PAGE_COUNTER = '"Pagina " counter(page) " van " counter(pages)'  # as CSS above writes it in Dutch
# A definition of the catalog says "in het jaar"; for a quarter or half year the report says it of that period.
IN_THE_YEAR = N_("in het jaar")
IN_THE_PERIOD = {3: N_("in het kwartaal"), 6: N_("in het halfjaar")}
COMPARED_WITH = {
    3: N_("het kwartaal ervoor en hetzelfde kwartaal een jaar eerder"),
    6: N_("het halfjaar ervoor en hetzelfde halfjaar een jaar eerder"),
    12: N_("het jaar ervoor"),
}


def to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)


def _css() -> str:
    """The style sheet with the page numbers in the current language ('Pagina 1 van 3', 'Page 1 sur 3')."""
    parts = re.split(r"(\{page\}|\{pages\})", _("Pagina {page} van {pages}"))
    content = " ".join(f"counter({p[1:-1]})" if p in ("{page}", "{pages}") else '"' + p.replace('"', '\\"') + '"'
                       for p in parts if p)
    return CSS.replace(PAGE_COUNTER, content)


def _page(title: str, zone: str, subject: str, body: str) -> str:
    lang = LOCALES[current()].replace("_", "-")  # nl-BE, fr-BE: the PDF's /Lang
    keyword, generator = _("integriteit"), _("Dashboard integriteitsbeleid")
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<meta name="author" content="{escape(zone)}"><meta name="description" content="{escape(subject)}">'
        f'<meta name="keywords" content="{escape(keyword)}, {escape(zone)}">'
        f'<meta name="generator" content="{escape(generator)}">'
        f"<style>{_css()}</style></head><body>{body}</body></html>"
    )


def _figure(svg: str, alt: str, caption: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{escape(alt)}">'
            f"<figcaption>{escape(caption)}</figcaption></figure>")


def _paragraphs(text: str) -> str:
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return "".join("<p>" + escape(b).replace("\n", "<br>") + "</p>" for b in blocks)


def _html(text: str, *, html: dict[str, str] | None = None, **params) -> str:
    """A translated message escaped for HTML, its parameters filled in (escaped too; those in
    `html` as they are)."""
    template = escape(text)
    if not params and not html:
        return template
    return template.format(**{k: escape(str(v)) for k, v in params.items()}, **(html or {}))


def _none(text: str | None = None) -> str:
    """The one item of an empty list ('Geen.', or `text`, translated)."""
    return "<li>" + escape(text or _("Geen.")) + "</li>"


# --- the report to the authorities ------------------------------------------------------------


def authorities_html(report: AuthoritiesReport) -> str:
    """The report as HTML, in the current language (the report's texts were gathered in it too)."""
    p = report.period
    addressee = _(ADDRESSEES[report.addressee])
    letter = report.letter.replace("{periode}", p.label).replace("{zone}", report.zone)
    head = "".join(f'<th class="n">{escape(c.label)}</th>' for c in report.columns)
    rows = "".join(
        f'<tr class="fig"><td>{escape(f.label)}</td>' + "".join(f'<td class="n">{escape(v)}</td>' for v in f.values) + "</tr>"
        f'<tr class="def"><td colspan="{1 + len(report.columns)}">{escape(_in_period(f.definition, p))}</td></tr>'
        for f in report.figures
    )
    term_head = "".join(f'<th class="n">{y}</th>' for y in report.term_years)
    terms = "".join(
        f"<tr><td>{escape(t.label)}" + (f'<br><span class="muted">{escape(t.note)}</span>' if t.note else "") + "</td>"
        + "".join(f'<td class="n">{escape(v)}</td>' for v in t.values) + "</tr>"
        for t in report.terms
    )
    made = fmt_date(report.made_at.date())
    text = {  # the texts of the page, translated outside the f-string (the catalog extractor reads no f-string)
        "header": _html(_("Integriteitsbeleid — registratie en rapportage (integriteitsbeleidsplan 3.1.4.4)")),
        "to": _html(_("Aan: {addressee}"), addressee=addressee),
        "date": _html(_("Datum: {date}"), date=made),
        "subject": _html(_("Betreft: rapportage integriteit, {period}"), period=p.label),
        "title": _html(_("Rapportage integriteit — {period}"), period=p.label),
        "lead": _html(_("Periode van {first} tot en met {last}, naast {compared}. Aantallen voor de hele zone, "
                        "geaggregeerd: geen personen, geen dossiers."),
                      first=fmt_date(p.first), last=fmt_date(p.last), compared=_(COMPARED_WITH[p.months])),
        "counts": _html(_("Aantallen")),
        "count": _html(_("Aantal")),
        "shielded": _html(_("Kleine aantallen zijn afgeschermd zoals in de geaggregeerde weergave van het dashboard; "
                            "dezelfde cijfers gaan naar elke geadresseerde.")),
        "terms": _html(_("Termijnen")),
        "terms_lead": _html(_("Aandeel van de dossiers waarvoor de termijn gehaald is, per jaar (peildatum: 31/12, of de "
                              "datum van dit rapport voor het lopende jaar).")),
        "term": _html(_("Termijn")),
        "made": _html(_("Opgemaakt op {date} door {user} met het dashboard integriteitsbeleid."), date=made, user=report.made_by),
    }
    body = f"""
<div class="letterhead"><div class="zone">{escape(report.zone)}</div>
<div class="muted">{text["header"]}</div></div>
<div class="address"><p>{text["to"]}</p>
<p>{text["date"]}</p>
<p><strong>{text["subject"]}</strong></p></div>
<div class="letter">{_paragraphs(letter)}</div>
<h1 class="pagebreak">{text["title"]}</h1>
<p class="lead">{text["lead"]}</p>
<h2>{text["counts"]}</h2>
<table><thead><tr><th>{text["count"]}</th>{head}</tr></thead><tbody>{rows}</tbody></table>
<p class="muted">{escape(legend(report.threshold))} {text["shielded"]}</p>
<h2>{text["terms"]}</h2>
<p>{text["terms_lead"]}</p>
<table><thead><tr><th>{text["term"]}</th>{term_head}</tr></thead><tbody>{terms}</tbody></table>
<p class="muted">{text["made"]}</p>
"""
    subject = _("Periodieke rapportage integriteit aan {addressee}, {period}, {zone}").format(
        addressee=addressee, period=p.label, zone=report.zone)
    return _page(report.title, report.zone, subject, body)


def _in_period(definition: str, period) -> str:
    """A catalog definition ("... in het jaar", "... dans l'année") said of the report's period."""
    return definition if period.months == 12 else definition.replace(_(IN_THE_YEAR), _(IN_THE_PERIOD[period.months]))


# --- the yearly feedback to all staff ---------------------------------------------------------


def staff_html(report: StaffReport) -> str:
    """The feedback as HTML, in the current language (the report's texts were gathered in it too)."""
    y, prev = report.year, report.year - 1
    counts_chart = charts.paired_bars(
        [f.label for f in report.counts], [f.value for f in report.counts], [f.previous for f in report.counts],
        ([f.text for f in report.counts], [f.previous_text for f in report.counts]), (str(y), str(prev)),
    )
    count_rows = "".join(
        f'<tr class="fig"><td>{escape(f.label)}</td><td class="n">{escape(f.text)}</td><td class="n">{escape(f.previous_text)}</td></tr>'
        f'<tr class="def"><td colspan="3">{escape(f.definition)}</td></tr>'
        for f in report.counts
    )
    rate_rows = "".join(
        f'<tr class="fig"><td>{escape(f.label)}</td><td class="n">{escape(f.text)}</td><td class="n">{escape(f.previous_text)}</td></tr>'
        f'<tr class="def"><td colspan="3">{escape(f.definition)}</td></tr>'
        for f in report.rates
    )
    goals_chart = charts.share_bars([g.goal for g in report.goals], [g.done_rate for g in report.goals])
    done = "".join(f"<li>{escape(a)} <span class=\"muted\">({escape(g)})</span></li>" for g, a in report.done)
    still = "".join(f"<li>{escape(a)} <span class=\"muted\">({escape(g)}; {escape(s)})</span></li>" for g, a, s in report.open)

    result = _("norm: {norm}; resultaat: {value}")

    def criteria(lines, css: str, mark: str) -> str:
        return "".join(
            f'<li><span class="{css}">{mark}</span> {escape(c.omschrijving)} '
            f'<span class="muted">({_html(result, norm=c.norm, value=c.value)})</span></li>'
            for c in lines
        )

    def rate(value) -> str:
        return fmt_rate(value, 0) if value is not None else _(NO_DATA)

    n = report.threshold
    done_rate = f"<strong>{escape(rate(report.actions_done_rate))}</strong>"
    none = _none()
    text = {  # the texts of the page, translated outside the f-string (the catalog extractor reads no f-string)
        "title": _html(_("Integriteit in {year}: wat we samen deden"), year=y),
        "lead": _html(_("Beste collega, elk jaar brengen we verslag uit over integriteit in ons korps "
                        "(integriteitsbeleidsplan 3.1.4.4 en 5.1.3). Hieronder leest u in vijf minuten hoeveel klachten, "
                        "meldingen en dossiers er waren, wat het actieplan opleverde en welke doelen we haalden en welke niet.")),
        "nobody": _html(_("De cijfers gaan over het hele korps en over niemand in het bijzonder: geen namen, geen dossiers. "
                          "Een klein aantal schrijven we als \"<{n}\" (minder dan {n}), zodat niemand herkenbaar is."), n=n),
        "figures": _html(_("De cijfers van {year} naast die van {previous}"), year=y, previous=prev),
        "counts_chart": _figure(
            counts_chart,
            _("Staafdiagram: de aantallen van {year} naast die van {previous}, zoals in de tabel eronder.").format(year=y, previous=prev),
            _("Aantallen in {year} (donker) en {previous} (licht). Zonder staaf: een klein of verborgen aantal.").format(
                year=y, previous=prev)),
        "count": _html(_("Aantal")),
        "how": _html(_("Hoe vlot en hoe zorgvuldig")),
        "share": _html(_("Aandeel")),
        "plan": _html(_("Wat het actieplan bereikte")),
        "plan_lead": _html(_("Van de acties die voor {year} gepland waren, is {rate} afgerond (in {previous}: {previous_rate})."),
                           year=y, previous=prev, previous_rate=rate(report.previous_actions_done_rate), html={"rate": done_rate}),
        "goals_chart": _figure(
            goals_chart,
            _("Staafdiagram: aandeel afgeronde acties per strategische doelstelling in {year}.").format(year=y),
            _("Aandeel afgeronde acties per strategische doelstelling, {year}.").format(year=y)),
        "done": _html(_("Afgerond")),
        "open": _html(_("Nog niet afgerond")),
        "all_done": _none(_("Geen: alles is afgerond.")),
        "criteria": _html(_("De evaluatiecriteria van {year}"), year=y),
        "criteria_lead": _html(_("Het integriteitsnetwerk stelde deze doelen voor, de korpsleiding keurde ze goed (5.1.4).")),
        "met": _html(_("Gehaald")),
        "not_met": _html(_("Niet gehaald")),
        "no_data": _html(_("Niet te beoordelen in deze versie")),
        "no_result": _html(_("Zonder resultaat: het cijfer is verborgen om niemand herkenbaar te maken, of er is geen meting.")),
        "questions": _html(_("Vragen, ideeën of een situatie die u wilt bespreken? Spreek uw leidinggevende, een "
                             "vertrouwenspersoon of de integriteitscoördinator aan. Cijfers op {as_of}; opgemaakt op {made}."),
                           as_of=fmt_date(report.as_of), made=fmt_date(report.made_at.date())),
    }
    body = f"""
<div class="zone">{escape(report.zone)}</div>
<h1>{text["title"]}</h1>
<p class="lead">{text["lead"]}</p>
<div class="box">{text["nobody"]}</div>
<h2>{text["figures"]}</h2>
{text["counts_chart"]}
<table><thead><tr><th>{text["count"]}</th><th class="n">{y}</th><th class="n">{prev}</th></tr></thead><tbody>{count_rows}</tbody></table>
<h3>{text["how"]}</h3>
<table><thead><tr><th>{text["share"]}</th><th class="n">{y}</th><th class="n">{prev}</th></tr></thead><tbody>{rate_rows}</tbody></table>
<p class="muted">{escape(legend(n))}</p>
<h2>{text["plan"]}</h2>
<p>{text["plan_lead"]}</p>
{text["goals_chart"]}
<h3>{text["done"]}</h3><ul>{done or none}</ul>
<h3>{text["open"]}</h3><ul>{still or text["all_done"]}</ul>
<section class="keep"><h2>{text["criteria"]}</h2>
<p>{text["criteria_lead"]}</p>
<h3>{text["met"]}</h3><ul>{criteria(report.met, "ok", "✓") or none}</ul>
<h3>{text["not_met"]}</h3><ul>{criteria(report.not_met, "nok", "✗") or none}</ul>
<h3>{text["no_data"]}</h3>
<ul>{criteria(report.no_data, "muted", "–") or none}</ul>
<p class="muted">{text["no_result"]}</p></section>
<div class="box">{text["questions"]}</div>
"""
    subject = _("Jaarlijkse terugkoppeling integriteit {year} aan alle medewerkers, {zone}").format(year=y, zone=report.zone)
    return _page(report.title, report.zone, subject, body)
