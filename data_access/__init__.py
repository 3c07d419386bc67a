"""Database, schema, import and export I/O. Never imports streamlit."""
