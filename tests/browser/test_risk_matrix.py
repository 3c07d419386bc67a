"""The Risicoanalyse page in headless Chromium: a click on a cell of the 5 x 5 matrix lists the
risks of that cell (st.plotly_chart selection), as many as the cell counts."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from data_access.settings import load_settings
from kpis import risicos
from tests.browser.conftest import wait_for_app

pytestmark = pytest.mark.browser


def test_a_click_on_a_matrix_cell_lists_its_risks(app, app_database):
    engine = sa.create_engine(app_database)
    try:
        with engine.connect() as conn:
            cells = risicos.analysis(conn, dt.date.today(), load_settings(conn)).matrix()
    finally:
        engine.dispose()
    (kans, impact), n = max(cells.items(), key=lambda item: (item[1], item[0]))
    assert n > 0, "de voorbeeldgegevens hebben geen risicoanalyse"
    app.open("risicoanalyse", "Risicoanalyse")
    plot = app.page.locator(".js-plotly-plot").first
    plot.wait_for()
    points = plot.locator(".scatterlayer .trace").first.locator("path.point")
    assert points.count() == 25
    box = points.nth((kans - 1) * 5 + (impact - 1)).bounding_box()  # the markers run kans by kans, impact by impact
    app.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    app.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_for_app(app.page)
    title = f"Risico's: kans {kans} × impact {impact}"
    app.page.get_by_text(title).wait_for()
    assert f"— {n}" in app.main_text().split(title, 1)[1].splitlines()[0]
    app.shot("risicoanalyse-cel")
