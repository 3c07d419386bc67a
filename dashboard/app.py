"""Entry point: streamlit run dashboard/app.py (placeholder until the pages issue)."""

import streamlit as st

st.set_page_config(page_title="Dashboard integriteitsbeleid", layout="wide")
st.title("Dashboard integriteitsbeleid")
st.info("De pagina's worden gebouwd.")
