"""Turns a report (authorities.AuthoritiesReport, staff.StaffReport) into a PDF: HTML and CSS
laid out by WeasyPrint on A4, DejaVu Sans embedded, page numbers in the margin, title, zone and
language in the metadata, tagged for screen readers (PDF/UA-1), charts as SVG (charts.py)."""

from __future__ import annotations

import base64
from html import escape

from dashboard.reports import charts
from dashboard.reports.authorities import AuthoritiesReport
from dashboard.reports.figures import legend
from dashboard.reports.staff import StaffReport
from dashboard.style.formatting import fmt_date, fmt_rate
from data_access.settings import ADDRESSEES

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


def to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)


def _page(title: str, zone: str, subject: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="nl-BE"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<meta name="author" content="{escape(zone)}"><meta name="description" content="{escape(subject)}">'
        f'<meta name="keywords" content="integriteit, {escape(zone)}"><meta name="generator" content="Dashboard integriteitsbeleid">'
        f"<style>{CSS}</style></head><body>{body}</body></html>"
    )


def _figure(svg: str, alt: str, caption: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{escape(alt)}">'
            f"<figcaption>{escape(caption)}</figcaption></figure>")


def _paragraphs(text: str) -> str:
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return "".join("<p>" + escape(b).replace("\n", "<br>") + "</p>" for b in blocks)


# --- the report to the authorities ------------------------------------------------------------


def authorities_html(report: AuthoritiesReport) -> str:
    p = report.period
    letter = report.letter.replace("{periode}", p.label).replace("{zone}", report.zone)
    head = "".join(f'<th class="n">{escape(c.label)}</th>' for c in report.columns)
    rows = "".join(
        f'<tr class="fig"><td>{escape(f.label)}</td>' + "".join(f'<td class="n">{escape(v)}</td>' for v in f.values) + "</tr>"
        f'<tr class="def"><td colspan="{1 + len(report.columns)}">{escape(_in_period(f.definition, p))}</td></tr>'
        for f in report.figures
    )
    compare = ("het jaar ervoor" if p.months == 12 else f"het {p.kind} ervoor en hetzelfde {p.kind} een jaar eerder")
    term_head = "".join(f'<th class="n">{y}</th>' for y in report.term_years)
    terms = "".join(
        f"<tr><td>{escape(t.label)}" + (f'<br><span class="muted">{escape(t.note)}</span>' if t.note else "") + "</td>"
        + "".join(f'<td class="n">{escape(v)}</td>' for v in t.values) + "</tr>"
        for t in report.terms
    )
    body = f"""
<div class="letterhead"><div class="zone">{escape(report.zone)}</div>
<div class="muted">Integriteitsbeleid — registratie en rapportage (integriteitsbeleidsplan 3.1.4.4)</div></div>
<div class="address"><p>Aan: {escape(ADDRESSEES[report.addressee])}</p>
<p>Datum: {fmt_date(report.made_at.date())}</p>
<p><strong>Betreft: rapportage integriteit, {escape(p.label)}</strong></p></div>
<div class="letter">{_paragraphs(letter)}</div>
<h1 class="pagebreak">Rapportage integriteit — {escape(p.label)}</h1>
<p class="lead">Periode van {fmt_date(p.first)} tot en met {fmt_date(p.last)}, naast {compare}.
Aantallen voor de hele zone, geaggregeerd: geen personen, geen dossiers.</p>
<h2>Aantallen</h2>
<table><thead><tr><th>Aantal</th>{head}</tr></thead><tbody>{rows}</tbody></table>
<p class="muted">{escape(legend(report.threshold))} Kleine aantallen zijn afgeschermd zoals in de geaggregeerde
weergave van het dashboard; dezelfde cijfers gaan naar elke geadresseerde.</p>
<h2>Termijnen</h2>
<p>Aandeel van de dossiers waarvoor de termijn gehaald is, per jaar (peildatum: 31/12, of de datum van
dit rapport voor het lopende jaar).</p>
<table><thead><tr><th>Termijn</th>{term_head}</tr></thead><tbody>{terms}</tbody></table>
<p class="muted">Opgemaakt op {fmt_date(report.made_at.date())} door {escape(report.made_by)} met het dashboard integriteitsbeleid.</p>
"""
    subject = f"Periodieke rapportage integriteit aan {ADDRESSEES[report.addressee]}, {p.label}, {report.zone}"
    return _page(report.title, report.zone, subject, body)


def _in_period(definition: str, period) -> str:
    """A catalog definition ("... in het jaar") said of the report's period."""
    return definition if period.months == 12 else definition.replace("in het jaar", f"in het {period.kind}")


# --- the yearly feedback to all staff ---------------------------------------------------------


def staff_html(report: StaffReport) -> str:
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

    def criteria(lines, css: str, mark: str) -> str:
        return "".join(
            f'<li><span class="{css}">{mark}</span> {escape(c.omschrijving)} '
            f'<span class="muted">(norm: {escape(c.norm)}; resultaat: {escape(c.value)})</span></li>' for c in lines
        )

    done_rate = fmt_rate(report.actions_done_rate, 0) if report.actions_done_rate is not None else "geen gegevens"
    prev_rate = fmt_rate(report.previous_actions_done_rate, 0) if report.previous_actions_done_rate is not None else "geen gegevens"
    body = f"""
<div class="zone">{escape(report.zone)}</div>
<h1>Integriteit in {y}: wat we samen deden</h1>
<p class="lead">Beste collega, elk jaar brengen we verslag uit over integriteit in ons korps
(integriteitsbeleidsplan 3.1.4.4 en 5.1.3). Hieronder leest u in vijf minuten hoeveel klachten,
meldingen en dossiers er waren, wat het actieplan opleverde en welke doelen we haalden en welke niet.</p>
<div class="box">De cijfers gaan over het hele korps en over niemand in het bijzonder: geen namen, geen dossiers.
Een klein aantal schrijven we als "&lt;{report.threshold}" (minder dan {report.threshold}), zodat niemand herkenbaar is.</div>
<h2>De cijfers van {y} naast die van {prev}</h2>
{_figure(counts_chart, f"Staafdiagram: de aantallen van {y} naast die van {prev}, zoals in de tabel eronder.", f"Aantallen in {y} (donker) en {prev} (licht). Zonder staaf: een klein of verborgen aantal.")}
<table><thead><tr><th>Aantal</th><th class="n">{y}</th><th class="n">{prev}</th></tr></thead><tbody>{count_rows}</tbody></table>
<h3>Hoe vlot en hoe zorgvuldig</h3>
<table><thead><tr><th>Aandeel</th><th class="n">{y}</th><th class="n">{prev}</th></tr></thead><tbody>{rate_rows}</tbody></table>
<p class="muted">{escape(legend(report.threshold))}</p>
<h2>Wat het actieplan bereikte</h2>
<p>Van de acties die voor {y} gepland waren, is <strong>{done_rate}</strong> afgerond (in {prev}: {prev_rate}).</p>
{_figure(goals_chart, f"Staafdiagram: aandeel afgeronde acties per strategische doelstelling in {y}.", f"Aandeel afgeronde acties per strategische doelstelling, {y}.")}
<h3>Afgerond</h3><ul>{done or "<li>Geen.</li>"}</ul>
<h3>Nog niet afgerond</h3><ul>{still or "<li>Geen: alles is afgerond.</li>"}</ul>
<section class="keep"><h2>De evaluatiecriteria van {y}</h2>
<p>Het integriteitsnetwerk stelde deze doelen voor, de korpsleiding keurde ze goed (5.1.4).</p>
<h3>Gehaald</h3><ul>{criteria(report.met, "ok", "✓") or "<li>Geen.</li>"}</ul>
<h3>Niet gehaald</h3><ul>{criteria(report.not_met, "nok", "✗") or "<li>Geen.</li>"}</ul>
<h3>Niet te beoordelen in deze versie</h3>
<ul>{criteria(report.no_data, "muted", "–") or "<li>Geen.</li>"}</ul>
<p class="muted">Zonder resultaat: het cijfer is verborgen om niemand herkenbaar te maken, of er is geen meting.</p></section>
<div class="box">Vragen, ideeën of een situatie die u wilt bespreken? Spreek uw leidinggevende, een vertrouwenspersoon
of de integriteitscoördinator aan. Cijfers op {fmt_date(report.as_of)}; opgemaakt op {fmt_date(report.made_at.date())}.</div>
"""
    subject = f"Jaarlijkse terugkoppeling integriteit {y} aan alle medewerkers, {report.zone}"
    return _page(report.title, report.zone, subject, body)
