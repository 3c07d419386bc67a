"""The floor of a fresh load (bench/browser.py): the one-line page with the two elements whose
scripts Streamlit loads on first use, one plotly bar chart and one data grid, as every register
page of the dashboard shows them. A new tab cannot show such a page sooner than this."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.write("Dashboard integriteitsbeleid")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2])), config={"displayModeBar": False})
st.dataframe(pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]}), hide_index=True)
