"""How the dashboard writes what it shows: Dutch formats, colours and the plotly look, plain text."""
