"""Pure KPI computations on the registers. Never imports streamlit."""
