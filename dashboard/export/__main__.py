"""`python -m dashboard.export`: the yearly evaluation workbook (--format xlsx, the default) or
a PDF report (--format pdf --report staff|authorities, dashboard.reports.cli)."""

import sys

from dashboard.export.workbook import cli_access, parser, run
from dashboard.reports import cli as reports_cli

arguments = parser()
reports_cli.add_arguments(arguments)
args = arguments.parse_args()
sys.exit(reports_cli.run(args, cli_access) if args.format == "pdf" else run(args))
