"""Plotly figures: the generic register charts, the action plan's figures and the timeline."""
