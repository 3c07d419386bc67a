"""Speed as a user feels it (issue 18): the dashboard in Debian's headless Chromium (Playwright),
against a one-line Streamlit page served the same way, measured in the same run, taking turns.

What is timed (all in the browser's own clock, performance.now()):
- "warm": a click in the menu on a page already visited in this session (its data cached on the
  server) until the page has settled, for every page each demo role sees. Reference: a click in
  the menu of bench/one_line_app.py (two one-line pages). Floors: a click from one of those to
  its page "Grafiek" (the line, one plotly chart and one data grid: no page with a chart and a
  table settles sooner) and to its page "Elementen" (the Overzicht's Streamlit elements, nothing
  computed: the Overzicht cannot settle sooner).
- "filter": on the Overzicht, choosing another year, and typing another reference date, until
  settled. Reference: the same widget on bench/one_line_app.py. Floor: another year on its page
  "Elementen", whose figures change with the year.
- "vers": a new tab (a new Streamlit session; the browser's cache of Streamlit's own scripts warm,
  as for anyone who opened the dashboard before) until the first figure is drawn ("eerste
  cijfers": a KPI card or a chart) and until settled, for every page of the demo's first role
  (korpsleiding: a new session starts with it). Reference: bench/one_line_page.py, first paint of
  its one line and settled. Floors: bench/one_chart_page.py (that line, one plotly chart and one
  data grid, the elements whose scripts Streamlit loads on first use), and the page "Elementen"
  of bench/one_line_app.py, settled.

"Settled": the server has answered (a websocket message after the click) and the script is no
longer running (the app's data-test-script-state is "notRunning", as Streamlit's own e2e tests
wait for it), no element is a placeholder (Streamlit's skeletons, shown while a lazily loaded
element such as plotly's 4,7 MB script is fetched and parsed), no element is marked stale
(data-stale="true", what Streamlit greys out during a rerun), and the document has not changed
for QUIET_MS (a MutationObserver over the whole document: plotly drawing its SVG, the data grid,
a late relayout all count; not the fallback content inside a <canvas>, which is never painted:
the data grid updates its table for screen readers on a timer, ±200 ms after it is drawn). The time is that of the animation frame after the LAST change, so the
quiet wait itself is not counted. Each figure is the median of the rounds; the reference's median
is over all its turns.

Each server is its own `streamlit run` process (port chosen free), on a copy of the database (the
app writes audit rows); its peak memory (VmHWM) is reported with the lines.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 800}
ROLES = ("integriteitscoordinator", "korpsleiding", "netwerk")
PROFILED_ROLE = "integriteitscoordinator"  # every page of its menu profiled in the browser (js_profile)
FRESH_ROLE = "korpsleiding"  # the demo's first role: what a new session shows
# The floor pages of bench/one_line_app.py (menu title -> key), and what their lines call them.
FLOOR_PAGES = {"Grafiek": "grafiek", "Elementen": "elementen"}
FLOOR_LABELS = {"grafiek": "1-regelpagina met grafiek en tabel", "elementen": "pagina met de elementen van het Overzicht"}
FIRST_FIGURE = ("[data-testid='stMain'] [data-testid='stMetric'], [data-testid='stMain'] .js-plotly-plot .main-svg, "
                "[data-testid='stMain'] [data-testid='stDataFrame'] canvas")
FIRST_TEXT = "[data-testid='stMain'] [data-testid='stMarkdown']"
TIMEOUT_MS = int(os.environ.get("BENCH_BROWSER_TIMEOUT_MS", "180000"))

# Installed in every page before Streamlit's own scripts.
OBSERVER = """
(() => {
  const b = window.__bench = {last: performance.now(), mutated: performance.now(), first: null, t0: null, armed: false, ran: false, firstSel: null, messages: 0};
  const frame = () => requestAnimationFrame(() => {
    b.last = performance.now();
    if (b.first === null && b.firstSel && document.querySelector(b.firstSel)) b.first = b.last;
  });
  // A change inside a <canvas> is its fallback content (the data grid's table for screen
  // readers, updated on a timer after the grid is drawn): never painted, so not waited for.
  // (An attribute of the <canvas> itself, e.g. its size, is painted: only what lies inside it,
  // and children added to it, are skipped.)
  const painted = r => {
    const el = r.type === 'attributes' ? r.target.parentElement
             : r.target.nodeType === 1 ? r.target : r.target.parentElement;
    return !(el && el.closest('canvas'));
  };
  new MutationObserver(records => {
    if (records.some(painted)) { b.mutated = performance.now(); frame(); }
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  const Native = window.WebSocket;  // a message from the server after the click: the script answered
  window.WebSocket = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener('message', () => { b.messages += 1; if (!b.armed && b.t0 !== null) b.ran = true; frame(); });
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  for (const type of ['click', 'keydown']) {
    document.addEventListener(type, e => {
      if (b.armed && (type === 'click' || e.key === b.key)) { b.t0 = e.timeStamp; b.armed = false; b.ran = false; }
    }, true);
  }
})();
"""
SETTLED = """
([quiet]) => {
  const b = window.__bench;
  if (!b || b.armed || !(b.ran || b.t0 === null && b.messages > 0)) return false;
  // a message that was not the answer (e.g. the end of an earlier run) and nothing changed yet
  if (b.t0 !== null && b.mutated <= b.t0) return false;
  // the animation frame after the last change has not run yet (a fast page's whole run can land
  // between two frames): b.last is still an older frame, before the click
  if (b.last < b.mutated) return false;
  if (!document.querySelector("[data-testid='stApp'][data-test-script-state='notRunning']")) return false;
  if (document.querySelector("[data-testid='stElementContainer'][data-stale='true']")) return false;
  // a lazily loaded element (plotly's script, 4,7 MB) shows a skeleton until it is drawn
  if (document.querySelector("[data-testid='stSkeleton'], [data-testid='stSkeletonElement'], [data-testid='stAppSkeleton']")) return false;
  return performance.now() - b.last >= quiet;
}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def wait_ready(self) -> None:
        """Until the server answers its health check (at most 120 s)."""
        deadline = time.monotonic() + 120
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit gestopt (code {self.process.returncode}):\n{self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit niet bereikbaar:\n{self.log.read_text()[-2000:]}") from None
            time.sleep(0.3)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def peak_mb(self) -> float:
        """Peak resident memory of the server process (VmHWM), in MB."""
        try:
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0


def start(script: Path, log: Path, database_url: str | None = None) -> Server:
    """`streamlit run script` on a free port, started (not yet answering: Server.wait_ready)."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if database_url:
        env["DATABASE_URL"] = database_url
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
             "--browser.gatherUsageStats", "false", "--client.showErrorDetails", "full"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    return Server(f"http://127.0.0.1:{port}", process, log)


@contextmanager
def serve(*servers: tuple[Path, Path, str | None]):
    """Each (script, log, database_url) served by its own `streamlit run`, all started at once
    (their start-ups overlap) and stopped afterwards; yields the Servers, in order."""
    started: list[Server] = []
    try:
        for spec in servers:
            started.append(start(*spec))
        for server in started:
            server.wait_ready()
        yield started
    finally:
        for server in started:
            server.stop()


class Tab:
    """One browser tab on one server, with the observer installed."""

    def __init__(self, context, base_url: str, quiet_ms: int, first_selector: str = FIRST_FIGURE):
        self.page = context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.base = base_url
        self.quiet = quiet_ms
        self.first_selector = first_selector

    def settle(self) -> None:
        self.page.wait_for_function(SETTLED, arg=[self.quiet], polling=50, timeout=TIMEOUT_MS)
        self.check()

    def check(self) -> None:
        errors = self.page.locator("[data-testid='stException']")
        if errors.count():
            raise RuntimeError(f"fout op {self.page.url}: {errors.first.inner_text()[:1500]}")

    def load(self, path: str = "") -> dict:
        """Opens `path` in this tab as a new session; first figure and settled, in seconds from
        the navigation's start."""
        self.page.bring_to_front()  # a tab in the background gets no animation frames
        self.page.goto(f"{self.base}/{path}", wait_until="commit")
        self.page.evaluate("sel => { window.__bench.firstSel = sel; }", self.first_selector)
        self.settle()
        first, last = self.page.evaluate("() => [window.__bench.first, window.__bench.last]")
        return {"first": (first if first is not None else last) / 1000, "settled": last / 1000}

    def arm(self, key: str = "Enter") -> None:
        """The next click (or press of `key`) starts the clock."""
        self.page.bring_to_front()
        self.page.evaluate("k => { const b = window.__bench; b.armed = true; b.key = k; b.t0 = null; b.ran = false; }", key)

    def elapsed(self) -> float:
        """After an armed action: seconds from the click (or Enter) to the last change."""
        self.settle()
        t0, last = self.page.evaluate("() => [window.__bench.t0, window.__bench.last]")
        if t0 is None:
            raise RuntimeError(f"geen klik geregistreerd op {self.page.url}")
        return (last - t0) / 1000

    def click_menu(self, title: str) -> float:
        link = self.page.get_by_test_id("stSidebarNav").locator("a").filter(has_text=title).first
        self.arm()
        link.click()
        return self.elapsed()

    def choose(self, label: str, option: str) -> float:
        """Picks `option` in the sidebar select box `label`."""
        box = self.page.get_by_test_id("stSidebar").get_by_role("combobox", name=label)
        box.click()
        choice = self.page.get_by_role("option", name=option, exact=True)
        choice.wait_for()
        self.arm()
        choice.click()
        return self.elapsed()

    def type_day(self, label: str, day: int) -> float:
        """Types `day` in the day field of the sidebar date input `label`; the date is taken when
        the field loses focus, which starts the clock."""
        spin = self.page.get_by_test_id("stSidebar").get_by_role("spinbutton", name=f"day, {label}")
        spin.click()
        spin.press_sequentially(f"{day:02d}")
        widget = self.page.get_by_test_id("stSidebar").get_by_test_id("stDateInput").filter(has_text=label)
        button = widget.get_by_test_id("stDateInputCalendarButton")
        for _ in range(5):  # to the calendar button, the widget's last stop
            if button.evaluate("b => document.activeElement === b"):
                break
            self.page.keyboard.press("Tab")
        self.arm("Tab")
        self.page.keyboard.press("Tab")
        return self.elapsed()

    def select_value(self, label: str) -> str:
        return self.page.get_by_test_id("stSidebar").get_by_role("combobox", name=label).input_value()

    def another(self, label: str, options: list[str]) -> str:
        """The first of `options` that the sidebar select box `label` does not hold now."""
        return next(o for o in options if o != self.select_value(label))

    def options(self, label: str) -> list[str]:
        box = self.page.get_by_test_id("stSidebar").get_by_role("combobox", name=label)
        box.click()
        self.page.get_by_role("option").first.wait_for()
        names = [o.inner_text().strip() for o in self.page.get_by_role("option").all()]
        self.page.keyboard.press("Escape")
        return names


@dataclass
class Samples:
    """Seconds per measured thing; the figure is the median."""

    values: dict[str, list[float]] = field(default_factory=dict)

    def add(self, key: str, seconds: float) -> None:
        self.values.setdefault(key, []).append(seconds)

    def median(self, key: str) -> float:
        return statistics.median(self.values[key])

    def count(self, key: str) -> int:
        return len(self.values.get(key, []))


def role_label(role: str) -> str:
    from data_access.access import ROLE_LABELS

    return ROLE_LABELS[role]


SMOKE_ROLES = ("integriteitscoordinator",)  # --tiny (the test that the benchmark runs): a few pages of one role
SMOKE_PAGES = 2  # Overzicht and Klachten: the page without a chart library and the one with the most charts


def measured_roles(smoke: bool = False) -> tuple[str, ...]:
    return SMOKE_ROLES if smoke else ROLES


def measured_pages(role: str, smoke: bool = False) -> list:
    """The pages measured for `role`: every page of its menu, or with `smoke` its first few."""
    pages = role_pages(role)
    return pages[:SMOKE_PAGES] if smoke else pages


def role_pages(role: str):
    from dashboard.shell import navigation
    from data_access.access import Access

    return [p for pages in navigation.visible_pages(Access("demo", role)).values() for p in pages]


def choose_role(tab: Tab, role: str) -> None:
    label = role_label(role)
    if tab.select_value("Demorol") == label:
        return
    box = tab.page.get_by_test_id("stSidebar").get_by_role("combobox", name="Demorol")
    for _ in range(5):  # a rerun that lands while the list is open closes it: open it again
        box.click()
        try:
            tab.page.get_by_role("option", name=label, exact=True).click(timeout=5_000)
            break
        except Exception:
            tab.page.keyboard.press("Escape")
    tab.page.wait_for_timeout(200)
    tab.page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
    if tab.select_value("Demorol") != label:
        raise RuntimeError(f"demorol {label} niet gekozen")


def measure(database_url: str, *, rounds: int, quiet_ms: int, work: Path, log=print, smoke: bool = False) -> dict:
    """Runs every browser measurement on a database (a copy is made by the caller). Returns
    {"warm": {(role, title): s}, "warm_ref": s, "warm_floor": {"grafiek"|"elementen": s}, "fresh": {title: {"first", "settled"}},
    "fresh_ref": {...}, "fresh_floor": {"grafiek"|"elementen": s}, "filter": {"jaar"|"peildatum": s}, "filter_ref": {...},
    "filter_floor": {"jaar": s}, "peak_mb": {...},
    "runs": {...}}. `smoke`: only a few pages of one role (measured_roles, measured_pages)."""
    from playwright.sync_api import sync_playwright

    roles = measured_roles(smoke)

    samples = Samples()
    profiles: dict[str, dict[str, float]] = {}
    with ExitStack() as stack:
        app, ref, ref_page, floor_page = stack.enter_context(serve(
            (ROOT / "dashboard" / "app.py", work / "app.log", database_url),
            (ROOT / "bench" / "one_line_app.py", work / "ref.log", None),
            (ROOT / "bench" / "one_line_page.py", work / "ref_page.log", None),
            (ROOT / "bench" / "one_chart_page.py", work / "floor_page.log", None),
        ))
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        stack.callback(browser.close)

        def context():
            ctx = browser.new_context(viewport=VIEWPORT, locale="nl-BE")
            ctx.add_init_script(OBSERVER)
            stack.callback(ctx.close)
            return ctx

        # warm clicks: the reference's tab, then one tab per role
        ref_tab = Tab(context(), ref.url, quiet_ms, FIRST_TEXT)
        ref_tab.load()
        ref_titles = ["Twee", "Een"]
        ref_tab.click_menu("Grafiek")  # plotly's and the grid's scripts loaded, as on the dashboard's pages
        ref_tab.click_menu("Een")

        def ref_click() -> None:
            samples.add("warm_ref", ref_tab.click_menu(ref_titles[samples.count("warm_ref") % 2]))

        def ref_on() -> str:
            """The one-line page the reference's tab is on."""
            return ref_titles[(samples.count("warm_ref") - 1) % 2]

        def floor_clicks() -> None:
            """From that one-line page to each floor page (FLOOR_PAGES), and back."""
            back = ref_on()
            for title, key in FLOOR_PAGES.items():
                samples.add(f"warm_floor|{key}", ref_tab.click_menu(title))
                ref_tab.click_menu(back)

        for role in roles:
            tab = Tab(context(), app.url, quiet_ms)
            tab.load()
            choose_role(tab, role)
            pages = measured_pages(role, smoke)
            for spec in pages[1:] + pages[:1]:  # every page once: the server's caches warm
                tab.click_menu(spec.title)
            for _ in range(rounds):
                for spec in pages[1:] + pages[:1]:
                    samples.add(f"warm|{role}|{spec.title}", tab.click_menu(spec.title))
                    ref_click()
                floor_clicks()
            if role == PROFILED_ROLE:  # where a warm click's time goes in the browser, on every page
                for spec in pages:
                    tab.click_menu((pages[1] if spec is pages[0] else pages[0]).title)
                    profiles[spec.title] = js_profile(tab, lambda title=spec.title, tab=tab: tab.click_menu(title))
                back = ref_on()
                for title, key in FLOOR_PAGES.items():
                    profiles[f"{FLOOR_LABELS[key]} (vloer)"] = js_profile(ref_tab, lambda title=title: ref_tab.click_menu(title))
                    ref_tab.click_menu(back)
            tab.page.close()
            log(f"      warm {role}: {len(pages)} pagina's gemeten")

        # filter changes on the Overzicht, as the integriteitscoordinator
        tab = Tab(context(), app.url, quiet_ms)
        tab.load()
        choose_role(tab, "integriteitscoordinator")
        years = tab.options("Jaar")
        ref_years = ref_tab.options("Jaar")
        for i in range(rounds + 1):  # the first turn warms the other year's caches
            year = years[(i + 1) % 2] if len(years) > 1 else years[0]
            took = tab.choose("Jaar", year)
            ref_took = ref_tab.choose("Jaar", ref_years[(i + 1) % 2])
            took_date = tab.type_day("Peildatum", 15 + i % 2)
            ref_took_date = ref_tab.type_day("Peildatum", 15 + i % 2)
            if i:
                samples.add("filter|jaar", took)
                samples.add("filter_ref|jaar", ref_took)
                samples.add("filter|peildatum", took_date)
                samples.add("filter_ref|peildatum", ref_took_date)
        other = tab.another("Jaar", years)  # its caches warm: chosen in the loop
        profiles["Overzicht filter jaar"] = js_profile(tab, lambda: tab.choose("Jaar", other))
        tab.page.close()
        ref_tab.click_menu("Elementen")  # the floor: another year on the page with the Overzicht's elements
        for i in range(rounds + 1):  # the first turn: the page's first run with that year
            took = ref_tab.choose("Jaar", ref_tab.another("Jaar", ref_years))
            if i:
                samples.add("filter_floor|jaar", took)
        other = ref_tab.another("Jaar", ref_years)
        profiles[f"Overzicht filter jaar: {FLOOR_LABELS['elementen']} (vloer)"] = js_profile(ref_tab, lambda: ref_tab.choose("Jaar", other))
        log("      filters gemeten")

        # fresh loads: a new tab each time (new session), the browser's cache warm
        fresh_ctx = context()
        warmup = Tab(fresh_ctx, app.url, quiet_ms)
        warmup.load()
        warmup.page.close()
        Tab(fresh_ctx, ref_page.url, quiet_ms, FIRST_TEXT).load()
        Tab(fresh_ctx, floor_page.url, quiet_ms, FIRST_TEXT).load()  # plotly's and the grid's scripts in the browser's cache
        fresh_pages = measured_pages(FRESH_ROLE, smoke)
        for _ in range(rounds):
            for spec in fresh_pages:
                t = Tab(fresh_ctx, app.url, quiet_ms)
                got = t.load("" if spec is fresh_pages[0] else spec.name)
                t.page.close()
                samples.add(f"fresh_first|{spec.title}", got["first"])
                samples.add(f"fresh|{spec.title}", got["settled"])
                r = Tab(fresh_ctx, ref_page.url, quiet_ms, FIRST_TEXT)
                got = r.load()
                r.page.close()
                samples.add("fresh_first_ref", got["first"])
                samples.add("fresh_ref", got["settled"])
                f = Tab(fresh_ctx, floor_page.url, quiet_ms, FIRST_TEXT)
                samples.add("fresh_floor|grafiek", f.load()["settled"])
                f.page.close()
                f = Tab(fresh_ctx, ref.url, quiet_ms, FIRST_TEXT)
                samples.add("fresh_floor|elementen", f.load("elementen")["settled"])
                f.page.close()
        log("      verse laadbeurten gemeten")
        peaks = {"app": app.peak_mb(), "ref": ref.peak_mb(), "ref_page": ref_page.peak_mb(), "floor_page": floor_page.peak_mb()}

    return {
        "warm": {(role, spec.title): samples.median(f"warm|{role}|{spec.title}") for role in roles for spec in measured_pages(role, smoke)},
        "warm_ref": samples.median("warm_ref"),
        "warm_floor": {key: samples.median(f"warm_floor|{key}") for key in FLOOR_PAGES.values()},
        "filter_floor": {"jaar": samples.median("filter_floor|jaar")},
        "filter": {k: samples.median(f"filter|{k}") for k in ("jaar", "peildatum")},
        "filter_ref": {k: samples.median(f"filter_ref|{k}") for k in ("jaar", "peildatum")},
        "fresh": {spec.title: {"first": samples.median(f"fresh_first|{spec.title}"), "settled": samples.median(f"fresh|{spec.title}")}
                  for spec in fresh_pages},
        "fresh_ref": {"first": samples.median("fresh_first_ref"), "settled": samples.median("fresh_ref")},
        "fresh_floor": {key: samples.median(f"fresh_floor|{key}") for key in FLOOR_PAGES.values()},
        "peak_mb": peaks,
        "profiles": profiles,
    }


def js_profile(tab: Tab, action) -> dict[str, float]:
    """Seconds of the browser's main thread during `action` (which returns when settled), by
    whose code ran (Chrome's sampling profiler over the DevTools protocol): plotly.js,
    Streamlit's own scripts (its delta messages, React), the rest (layout, style, paint and
    garbage collection show as "(program)" and "(garbage collector)"), and idle."""
    cdp = tab.page.context.new_cdp_session(tab.page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 200})
    cdp.send("Profiler.start")
    try:
        action()
    finally:
        profile = cdp.send("Profiler.stop")["profile"]
        cdp.detach()
    nodes = {node["id"]: node for node in profile["nodes"]}
    deltas = profile.get("timeDeltas", [])
    totals: dict[str, float] = {}
    for sample, delta in zip(profile.get("samples", []), deltas[1:] + [0]):
        frame = nodes[sample]["callFrame"]
        url, name = frame.get("url", ""), frame.get("functionName", "")
        if "PlotlyChart" in url:
            kind = "plotly.js"
        elif url and "/static/js/" in url:
            kind = "streamlit"
        elif name == "(idle)":
            kind = "wacht (idle)"
        elif name in ("(program)", "(garbage collector)"):
            kind = "layout/tekenen/gc"
        else:
            kind = "andere"
        totals[kind] = totals.get(kind, 0.0) + delta / 1e6
    return totals


def chart_libraries(*, rounds: int, quiet_ms: int, work: Path) -> dict[str, float]:
    """bench/chart_libraries.py: median seconds of a menu click to the page of 8 plotly charts
    and to the same 8 charts in Vega-Lite, taking turns; and where the browser's time went."""
    from playwright.sync_api import sync_playwright

    samples = Samples()
    with ExitStack() as stack:
        (server,) = stack.enter_context(serve((ROOT / "bench" / "chart_libraries.py", work / "charts.log", None)))
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        context = browser.new_context(viewport=VIEWPORT, locale="nl-BE")
        context.add_init_script(OBSERVER)
        tab = Tab(context, server.url, quiet_ms)
        tab.load()
        tab.click_menu("Vega-Lite")
        for _ in range(rounds):
            for title in ("Plotly", "Vega-Lite"):
                samples.add(title, tab.click_menu(title))
    return {title: samples.median(title) for title in ("Plotly", "Vega-Lite")}
