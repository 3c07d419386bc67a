"""Side by side in the browser (bench/browser.py): the same 8 bar charts (a Klachten page's worth:
12 categories, this year against last year, value labels, Dutch separators) drawn by plotly
(as the dashboard draws them, components.CHART_CONFIG) and by Vega-Lite (st.vega_lite_chart,
Streamlit's other built-in chart library), each on a page of its own; a menu click between them
is timed like any page."""

import streamlit as st

from dashboard.ui.components import CHART_CONFIG

CHARTS = 8
CATEGORIES = [f"Categorie {i + 1}" for i in range(12)]


def rows(chart: int) -> list[dict]:
    return [
        {"categorie": c, "jaar": year, "aantal": (i * 7 + chart * 3 + (5 if year == "2025" else 0)) % 40 + 1}
        for i, c in enumerate(CATEGORIES)
        for year in ("2024", "2025")
    ]


def plotly_page():
    import plotly.graph_objects as go

    from dashboard.style import theme

    for chart in range(CHARTS):
        data = rows(chart)
        fig = go.Figure([
            go.Bar(y=[r["categorie"] for r in data if r["jaar"] == year], x=[r["aantal"] for r in data if r["jaar"] == year],
                   name=year, orientation="h", text=[r["aantal"] for r in data if r["jaar"] == year], textposition="outside")
            for year in ("2024", "2025")
        ])
        fig.update_layout(title=f"Grafiek {chart + 1}", barmode="group", height=420)
        st.plotly_chart(theme.style(fig), theme=None, config=CHART_CONFIG, key=f"p{chart}")


def vega_page():
    for chart in range(CHARTS):
        spec = {
            "title": f"Grafiek {chart + 1}",
            "height": 360,
            "config": {"locale": {"number": {"decimal": ",", "thousands": ".", "grouping": [3]}}},
            "encoding": {
                "y": {"field": "categorie", "type": "nominal", "title": None},
                "yOffset": {"field": "jaar"},
                "x": {"field": "aantal", "type": "quantitative", "title": None},
                "color": {"field": "jaar", "type": "nominal", "title": None},
            },
            "layer": [{"mark": "bar"}, {"mark": {"type": "text", "align": "left", "dx": 3}, "encoding": {"text": {"field": "aantal"}}}],
        }
        st.vega_lite_chart(rows(chart), spec, width="stretch", key=f"v{chart}")


st.navigation([st.Page(plotly_page, title="Plotly", default=True), st.Page(vega_page, title="Vega-Lite")]).run()
