"""Entry point of ``python -m bench``."""

import subprocess
import sys

from bench.cli import main

status = main()
if not {"-h", "--help"} & set(sys.argv):
    # Reporting-cycle completeness (bench/cycle.py) runs on its own database.
    status = subprocess.call([sys.executable, "-m", "bench.cycle"]) or status
raise SystemExit(status)
