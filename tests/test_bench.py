"""The benchmark still runs: `bench/run.py --tiny` in a subprocess (zone sample, national scale
0.001, a 2,000-row workbook, SQLite only; in headless Chromium the first pages of the
coordinator's menu, bench.browser.measured_pages) exits 0 and
prints every measurement line. Speed is
never asserted here: the ratios are for the benchmark's reader, not for a test."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import unavailable

ROOT = Path(__file__).resolve().parent.parent
NUMBER = r"\d[\d.]*,\d+"
CPU = rf"(?:{NUMBER}|–)"  # a browser measurement has no process CPU time
MEASUREMENT = re.compile(
    rf"{NUMBER} s \(cpu +{CPU}\) \| .+ {NUMBER} s \(cpu +{CPU}\) \| +{NUMBER}× .*\| piek \d[\d.]* MB"
)


@pytest.mark.browser
def test_tiny_benchmark_runs_and_prints_every_measurement(tmp_path):
    from bench.browser import CHROMIUM
    from bench.run import expected_labels

    if not Path(CHROMIUM).exists():
        unavailable(f"{CHROMIUM} ontbreekt: de benchmark meet in de browser (installeer Debian's chromium).")

    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--tiny", "--cache-dir", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=1500,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    for label in expected_labels(tiny=True, postgres=False, national_pages=False):
        found = [line for line in lines if line.startswith(label + " ")]
        assert found, f"no line for {label!r} in:\n{proc.stdout}"
        # a measurement line: own time and CPU time, the reference's, their ratio, peak memory
        assert MEASUREMENT.search(found[0]), found[0]
    assert "MISLUKT" not in proc.stdout and "verschillen" not in proc.stdout
