"""Pure KPI computations on the registers. Never imports streamlit.

- catalog.py   KpiDef, KPIS, BY_ID: every KPI of kpi-catalog.md declared once (label, unit,
               direction, Dutch definition, the step that computes it)
- engine.py    compute_report(engine_or_conn, year, as_of=None, *, dienst=None) -> Report;
               default_as_of(year); diensten(engine_or_conn); decisions on the catalog's gaps
- criteria.py  CriterionResult and the evaluation of the Evaluatiecriteria register
- alerts.py    alerts(engine_or_conn, as_of, *, dienst=None, limit=None) -> list[Alert]
- series.py    monthly / yearly / year-to-date counts, per 100 VTE, cross counts, lead times,
               open complaints by age (pandas DataFrames)
- klachten.py, notas.py, tucht.py, meldingen.py, actieplan.py, risicos.py: one step per register
  (risicos.py also the risk analysis for the page and export: matrix, linked actions, and
  late_items(analysis) -> the overdue reviews and high untreated risks for a late list)
- references.py the Referenties register: load(conn) -> {KPI id: [Reference]}
- context.py (Y, D, norms, dienst; the reference-date rule), sql.py (population counts),
  dates.py (calendar months), measures.py (null rules)
- `python -m kpis report --year Y [--as-of jjjj-mm-dd] [--database-url URL] [--dienst X]`
"""
