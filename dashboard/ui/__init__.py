"""Streamlit pieces the pages are built from: components, sidebar filters, page sections, views."""
