"""Meldingen integriteit: received (per year, anonymous or not), the legal terms of the law of
8 December 2022 (acknowledgement, feedback) with the open meldingen near or past them as counts,
outcomes, channels and categories. Meldingen are zone-wide: the dienst filter leaves them as
they are. Figures are the KPI engine's; the rest comes through dashboard.reads and
dashboard.reads.meldingen_terms, suppressed for the netwerk view."""

from __future__ import annotations

import streamlit as st

from dashboard.charts import generic as charts
from dashboard.charts.figure_cache import cached
from dashboard.reads import alerts, data, meldingen_terms as terms, years
from dashboard.style import theme
from dashboard.style.formatting import fmt_date, fmt_decimal, fmt_int
from dashboard.ui import cards, chart_sections as sections, components as ui, late_block
from dashboard.ui.filters import current_filters
from i18n import N_, Text, _, shown

REGISTER = "meldingen"
YEARS = 6
ANONYMOUS = {"False": N_("niet anoniem"), "True": N_("anoniem")}  # shown with _()

access = ui.require()
filters = current_filters()
zone_note = " · " + _("meldingen gelden voor de hele zone (de filter op dienst verandert ze niet)") if filters.dienst else ""
ui.page_header(_("Meldingen integriteit"), register=REGISTER, caption=f"{filters.describe(markdown=True)}{zone_note}")
late_block.focus_row(access, "meldingen")
ui.stop_if_empty_database()

report = data.get_report(access, filters)
previous = cards.previous_report(access, filters)
has_rows = not ui.no_rows(
    report,
    "reports_received",
    what=_("meldingen ontvangen in {year}").format(year=filters.year),
    hint=_("Kies een ander jaar in de zijbalk. De open meldingen en hun termijnen staan hieronder."),
)

# --- received ----------------------------------------------------------------------------------
if has_rows:
    st.subheader(_("Ontvangen"), anchor=False)
    cards.cards(report, previous, ["reports_received", "reports_per_100_fte", "reports_anonymous_rate", "reports_violation_rate"],
                filters, per_row=4)
    first = max(min(data.register_years() or [filters.year]), filters.year - YEARS + 1)
    per_year = years.yearly(access, REGISTER, first, filters.year, by="anoniem", as_of=filters.as_of)
    title = _("Meldingen per jaar, anoniem en niet anoniem")
    anonymous = {value: _(name) for value, name in ANONYMOUS.items()}
    reports_name = _("meldingen")
    if per_year is not None:
        per_year = per_year.rename(columns=anonymous).reindex(columns=list(anonymous.values()), fill_value=0)
    else:  # the netwerk view, where the split would give a small count away: the totals only
        per_year = years.yearly(access, REGISTER, first, filters.year, as_of=filters.as_of)
        title = _("Meldingen per jaar")
        if per_year is not None:
            per_year = per_year.rename(columns={"count": reports_name})
            st.caption(_("Anoniem of niet: verborgen in deze weergave (een klein aantal zou terug te rekenen zijn)."))
    if per_year is None:
        sections.withheld(title)
    else:
        cut_off = (filters.as_of.month, filters.as_of.day) != (12, 31)
        per_year.index = [_("{year} (tot {date})").format(year=y, date=f"{filters.as_of:%d/%m}") if y == filters.year and cut_off else str(y)
                          for y in per_year.index]
        color = theme.register_color(REGISTER)
        fig = cached(
            charts.year_bars,
            per_year,
            register=REGISTER,
            title=title,
            barmode="stack" if len(per_year.columns) > 1 else "group",  # one series: its labels above the bars
            colors={anonymous["False"]: color, reports_name: color, anonymous["True"]: charts.tint(color, 0.5)},
        )
        sections.show(fig, [v for column in per_year.columns for v in per_year[column]], key="meldingen_per_jaar")
    title = _("Meldingen per 100 VTE per jaar")
    if (per_fte := years.per_fte_frame(access, filters, _("Meldingen per 100 VTE"), kpi_id="reports_per_100_fte")).empty \
            or per_fte.iloc[:, 0].isna().all():
        ui.empty_state(_("meldingen per 100 VTE"), _("Vul de indicator 'personeelsbestand (VTE)' in het register Indicatoren in."))
    else:
        sections.year_chart(per_fte, register=REGISTER, title=title, key="meldingen_vte", y_title=_("Per 100 VTE"), fmt=fmt_decimal)
        for line in ui.reference_lines("reports_per_100_fte"):
            st.caption(line)

# --- legal terms -------------------------------------------------------------------------------
st.subheader(_("Wettelijke termijnen"), anchor=False)
settings = report.settings
st.caption(
    _("Wet van 8 december 2022: de ontvangst van een melding wordt binnen {ack} dagen bevestigd, "
      "de melder krijgt binnen {months} maanden een terugkoppeling (termijnen in Instellingen).").format(
        ack=settings["report_ack_days"], months=settings["report_feedback_months"])
)
if has_rows:
    ui.kpi_cards(
        data.shown_kpis(report),
        ["reports_ack_in_time_rate", "reports_feedback_in_time_rate"],
        previous=None if previous is None else previous.kpis,
        previous_label=cards.previous_label(previous or report),
        per_row=2,
    )
    for reason in sorted({data.hidden_reason(report, k) for k in ("reports_ack_in_time_rate", "reports_feedback_in_time_rate")} - {None}):
        ui.note_once(shown(reason))

st.markdown(_("**Open meldingen op {date}** (alle jaren)").format(date=fmt_date(filters.as_of)))
counts = terms.term_counts(access, filters)
labels = terms.cells(settings)
if counts is None:
    sections.withheld(_("Open meldingen per termijn"), _("Per termijn staat dit niet in de netwerkweergave: een melding die enkele dagen "
                      "op haar ontvangstbevestiging wacht, is een van de laatste ontvangen."))
else:
    for column, (cell, (label, help_text)) in zip(st.columns(len(labels)), labels.items()):
        value = counts[cell]
        breached = cell in (terms.ACK_LATE, terms.FEEDBACK_LATE) and isinstance(value, int) and value > 0
        column.metric(f":{theme.LEGAL_BADGE}[{label}]" if breached else label,
                      charts.marker_text(value) if charts.is_suppressed(value) else fmt_int(value),
                      help=help_text, border=True, icon=theme.LEGAL_ICON)  # legal terms: one colour and icon
    if any(charts.is_suppressed(v) for v in counts.values()):
        sections.small_counts_note(counts.values())
if access.may_see_rows:
    with st.expander(_("Welke meldingen?"), icon=":material/list:"):
        late_block.alerts_section(access, filters, kinds=[alerts.KIND_ACK, alerts.KIND_FEEDBACK],
                                  none_text=_("Geen open meldingen dicht bij of over een termijn"))

# --- outcomes, channels, categories ------------------------------------------------------------
if has_rows:
    st.subheader(_("Uitkomsten en kanalen ({year})").format(year=filters.year), anchor=False)
    left, right = st.columns(2, gap="large")
    with left:
        sections.column_split_chart(
            access, filters, REGISTER, "uitkomst", _("Uitkomst van de meldingen van {year}").format(year=filters.year),
            what=_("afgesloten meldingen van {year}").format(year=filters.year), key="meldingen_uitkomst",
        )
    with right:
        sections.column_split_chart(
            access, filters, REGISTER, "kanaal", _("Ontvangen in {year}: per kanaal").format(year=filters.year),
            what=_("meldingen ontvangen in {year}").format(year=filters.year), key="meldingen_kanaal",
        )
    left, right = st.columns(2, gap="large")
    with left:
        sections.split_chart(report, "reports_by_category", REGISTER, _("Ontvangen in {year}: per categorie").format(year=filters.year), key="meldingen_categorie")
    with right:
        sections.column_split_chart(  # the status as the register holds it now
            access, filters, REGISTER, "status", _("Status van de meldingen van {year}").format(year=filters.year),
            what=_("meldingen ontvangen in {year}").format(year=filters.year), key="meldingen_status",
        )
    ui.drill_down(REGISTER, label=Text(N_("meldingen ontvangen in {year}"), year=filters.year), filters=filters)
