"""Actieplan: progress per strategic goal, a timeline of the actions with their deadlines and the
reference date, the actions over their deadline, and a filter by trekker. The cards are the KPI
engine's (the whole plan); the items are exactly the rows those KPIs count
(dashboard.reads.action_items). The action plan holds no personal data: its items show for every role."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.charts import action_plan as charts
from dashboard.charts.figure_cache import cached
from dashboard.reads import action_items as ai, data, risks as risk_reads
from dashboard.style.formatting import fmt_date, fmt_int
from dashboard.style.text import plain
from dashboard.ui import components as ui, late_block
from dashboard.ui.filters import current_filters
from i18n import N_, _, ngettext

ALL = N_("Alle trekkers")  # the option's value (kept in the session); shown with _()
TIMELINE_MAX = 40  # bars that stay readable on one screen

access = ui.require()
filters = current_filters()
ui.page_header(
    _("Actieplan"),
    register="actieplan",
    caption=_("{year} · peildatum {date} · het actieplan geldt voor de hele zone").format(
        year=filters.year, date=fmt_date(filters.as_of)),
)
late_block.focus_row(access, "actieplan")
report = data.get_report(access, filters)
if ui.no_rows(
    report,
    "actions_total",
    what=_("het actieplan in {year}").format(year=filters.year),
    hint=_("Acties tellen mee in het jaar van hun startdatum of deadline; ze worden ingelezen via Gegevens (tabblad Actieplan)."),
):
    st.stop()

ui.kpi_cards(report.kpis, ["actions_total", "actions_done_rate", "actions_overdue"], per_row=3,
             bases=(report.extra or {}).get("bases"), cards=late_block.action_card(access, filters, report))

plan = ai.items(access, filters)
risks = risk_reads.analysis(access, filters)
treated = risk_reads.risks_by_action(risks) if risks is not None else {}
plan = plan.assign(risicos=[treated.get(a, "") for a in plan["actie_id"]])
choice = st.columns([1, 2])[0].selectbox(
    _("Trekker"),
    [ALL, *ai.trekkers(plan)],
    format_func=lambda option: _(ALL) if option == ALL else option,
    key="actieplan_trekker",
    help=_("Toon enkel de acties van één trekker. De kaarten hierboven gelden voor het hele actieplan."),
)
shown = plan if choice == ALL else plan[plan["trekker"] == choice]
if choice != ALL:
    st.caption(
        ngettext("Trekker {trekker}: {count} acties, {done} afgerond, {late} over deadline.",
                 "Trekker {trekker}: {count} acties, {done} afgerond, {late} over deadline.", len(shown)).format(
            trekker=plain(choice), count=fmt_int(len(shown)), done=fmt_int(int((shown["status"] == ai.DONE).sum())),
            late=fmt_int(int(shown["te_laat"].sum())))
    )

# --- progress per strategic goal -----------------------------------------------------------
st.subheader(_("Voortgang per strategische doelstelling"), anchor=False)
goals_figure = cached(charts.goal_progress_figure, ai.goal_progress(shown))
ui.chart(goals_figure, key="actieplan_doelen", height=goals_figure.height)

# --- timeline --------------------------------------------------------------------------------
st.subheader(_("Tijdlijn van de acties"), anchor=False)
if shown.empty:
    ui.empty_state(_("acties van {trekker} in {year}").format(trekker=plain(choice), year=filters.year))
else:
    drawn = ai.nearest(shown, filters.as_of, TIMELINE_MAX)
    gantt = cached(charts.timeline_figure, drawn, filters.as_of, filters.year)
    ui.chart(gantt, key="actieplan_tijdlijn", height=gantt.height)
    if len(drawn) < len(shown):
        st.caption(
            _("De {drawn} acties met een deadline het dichtst bij de peildatum, van {count}. "
              "Kies een trekker om er minder te tonen; alle acties staan in de tabel onderaan.").format(
                drawn=fmt_int(len(drawn)), count=fmt_int(len(shown)))
        )
    st.caption(
        _("Een balk loopt van de startdatum tot de deadline, met de voortgang erin; een ruit is een actie zonder "
          "startdatum. De lichte achtergrond is {year}. Beweeg over een actie voor de volledige tekst.").format(year=filters.year)
    )

# --- overdue actions ---------------------------------------------------------------------------
st.subheader(_("Acties over deadline"), anchor=False)
carried = ai.carried_over(access, filters)
if choice != ALL:
    carried = carried[carried["trekker"] == choice]
late = pd.concat([shown[shown["te_laat"]].assign(plan=str(filters.year)), carried.assign(plan=_("vorige jaren"))],
                 ignore_index=True)
late = late.sort_values("dagen_te_laat", ascending=False)
st.caption(_("Uit het plan van {year} en, nog niet afgerond, uit de plannen van vorige jaren: {plan} + {carried}.").format(
    year=filters.year, plan=fmt_int(int(shown["te_laat"].sum())), carried=fmt_int(len(carried))))
if late.empty:
    st.success(_("Geen acties over hun deadline op {date}.").format(date=fmt_date(filters.as_of)), icon=":material/check_circle:")
else:
    ui.table(
        late[["actie_id", "actie", "trekker", "plan", "deadline", "dagen_te_laat", "status", "voortgang"]],
        register="actieplan",
        column_config={
            "dagen_te_laat": st.column_config.NumberColumn(_("Dagen over deadline"), format="%d"),
            "plan": st.column_config.TextColumn(_("Plan"), width="small"),
            "voortgang": st.column_config.ProgressColumn(_("Voortgang"), min_value=0, max_value=100, format="%.0f %%"),
        },
        key="actieplan_te_laat",
    )

with st.expander(_("Alle acties ({count})").format(count=fmt_int(len(shown))), icon=":material/list:"):
    ui.table(
        shown[[*ai.TABLE_ORDER, "risicos"]],
        register="actieplan",
        column_config={
            "risicos": st.column_config.TextColumn(
                _("Behandelt risico's"),
                help=_("De actieve risico's uit de risicoanalyse die deze actie noemen, met hun niveau (pagina Risicoanalyse)."),
            ),
            "voortgang": st.column_config.ProgressColumn(_("Voortgang"), min_value=0, max_value=100, format="%.0f %%"),
        },
        key="actieplan_alle",
    )
