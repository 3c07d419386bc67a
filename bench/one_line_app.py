"""The browser benchmark's reference (bench/browser.py): a one-line Streamlit page served the same
way as the dashboard, with what a user clicks on the dashboard and nothing else: a menu of two
one-line pages, and the dashboard's year and reference-date filters in the sidebar. Two more
pages are floors:
- "Grafiek": that line, one plotly bar chart and one data grid (the elements every register
  page of the dashboard shows, bench/one_chart_page.py);
- "Elementen": the Overzicht's Streamlit elements, as many of each kind as it draws on the
  sample (its title, 5 subheaders, 19 bordered KPI cards with delta and help in rows of 4
  columns, 10 markdown texts, 7 captions, 6 page links, a warning, an expander, a small table
  and a block of inline SVG), with made-up figures that change with the sidebar's year: nothing
  is computed or read."""

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import streamlit as st


def een():
    st.write("Dashboard integriteitsbeleid")


def twee():
    st.write("Dashboard integriteitsbeleid")


def grafiek():
    st.write("Dashboard integriteitsbeleid")
    st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2])), config={"displayModeBar": False})
    st.dataframe(pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]}), hide_index=True)


SPARK = ('<svg viewBox="0 0 240 100" width="100%"><polyline fill="none" stroke="#1f5f8b" stroke-width="2" '
         'points="6,80 22,60 38,70 54,40 70,50 86,30 102,45 118,35 134,55 150,25 166,40 184,20"/></svg>')


def elementen():
    year = st.session_state.get("jaar", 2026)  # the sidebar's year: another year changes the figures, as on the Overzicht
    st.title("Overzicht")
    st.warning("Gegevens onvolledig: 2 controles. Zie Gegevens.")
    with st.expander("Te laat en dringend: 12"):
        st.write("Dashboard integriteitsbeleid")
    for i in range(6):
        st.page_link(PAGES[0], label=f"Klacht {i + 1} is te laat", icon=":material/arrow_forward:")
    cards = 0
    for section in range(5):
        st.subheader(f"Sectie {section + 1}")
        st.caption("Pijltjes: verschil met 2024 tot en met 22/11/2024 (dezelfde periode vorig jaar).")
        for column in st.columns(4):  # rows of 4: 19 cards in 5 rows
            if cards < 19:
                with column:
                    st.metric(f"Kaart {cards + 1}", f"{cards * 7 + year % 10}", delta=f"+{cards + year % 3}",
                              delta_description=f"t.o.v. {year - 1}",
                              help="Wat deze kaart telt, met de definitie uit de KPI-catalogus.", border=True)
                cards += 1
        st.markdown(f"**Sectie {section + 1}** · {year % 4 + 1} van 5 afgesloten binnen de norm in {year}")
        st.markdown("Tekst onder de kaarten.")
    st.caption("Kleine aantallen worden als <5 getoond.")
    st.caption("Bron: de registers van de zone.")
    st.table(pd.DataFrame({"Criterium": ["Klachten binnen de norm", "Acties op tijd"], "Status": ["gehaald", "niet gehaald"]}))
    st.html(SPARK)


PAGES = [st.Page(een, title="Een", default=True), st.Page(twee, title="Twee"), st.Page(grafiek, title="Grafiek"),
         st.Page(elementen, title="Elementen")]
page = st.navigation(PAGES)
with st.sidebar:
    year = st.selectbox("Jaar", [2026, 2025, 2024], key="jaar")
    st.date_input("Peildatum", value=dt.date(year, 12, 31), key="peildatum", format="DD/MM/YYYY")
page.run()
