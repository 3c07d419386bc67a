"""`python -m dashboard.export`: the yearly evaluation workbook from the command line."""

import sys

from dashboard.export.workbook import main

sys.exit(main())
