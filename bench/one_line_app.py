"""The browser benchmark's reference (bench/browser.py): a one-line Streamlit page served the same
way as the dashboard, with what a user clicks on the dashboard and nothing else: a menu of two
one-line pages, and the dashboard's year and reference-date filters in the sidebar."""

import datetime as dt

import streamlit as st


def een():
    st.write("Dashboard integriteitsbeleid")


def twee():
    st.write("Dashboard integriteitsbeleid")


page = st.navigation([st.Page(een, title="Een", default=True), st.Page(twee, title="Twee")])
with st.sidebar:
    year = st.selectbox("Jaar", [2026, 2025, 2024], key="jaar")
    st.date_input("Peildatum", value=dt.date(year, 12, 31), key="peildatum", format="DD/MM/YYYY")
page.run()
