"""The yearly evaluation workbook (Excel), full or anonymised; never imports streamlit."""
