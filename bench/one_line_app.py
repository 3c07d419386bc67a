"""The browser benchmark's reference (bench/browser.py): a one-line Streamlit page served the same
way as the dashboard, with what a user clicks on the dashboard and nothing else: a menu of two
one-line pages, and the dashboard's year and reference-date filters in the sidebar. A third page,
"Grafiek", is the floor of a warm click: that line, one plotly bar chart and one data grid (the
elements every register page of the dashboard shows, bench/one_chart_page.py)."""

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


page = st.navigation([st.Page(een, title="Een", default=True), st.Page(twee, title="Twee"), st.Page(grafiek, title="Grafiek")])
with st.sidebar:
    year = st.selectbox("Jaar", [2026, 2025, 2024], key="jaar")
    st.date_input("Peildatum", value=dt.date(year, 12, 31), key="peildatum", format="DD/MM/YYYY")
page.run()
