import streamlit as st; st.write("Dashboard integriteitsbeleid")
