"""Reports people read, as PDF (policy plan §3.1.4.4 and §5.1.3):

- the periodic report to the authorities (authorities.py): the counts §3.1.4.4 names for a
  quarter, half year or year, beside the period before and the same period a year earlier,
  with the terms kept and a cover letter for its addressee;
- the yearly feedback to all staff (staff.py): the year's key figures beside last year's, the
  action plan and the evaluation criteria, in plain Dutch.

Both read only the netwerk view's release (kpis.disclosure.release): aggregated, every figure
protected together with what the netwerk view shows. periods.py says which periods exist,
document.py turns a report into a PDF (WeasyPrint, charts from charts.py), make.py checks the
role, builds and audits. Nothing here imports streamlit.
"""
