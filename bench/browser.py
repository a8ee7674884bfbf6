"""What a viewer waits for, side by side in one run: the atlas, a naive page, and the floors.

    python bench/browser.py        # also part of `make bench`

Five ways to show England's 296 districts coloured by economic inactivity:
* **atlas** — ``/map?ind=inactivity_rate&focus=E92000001`` served as ``make run`` serves it: the
  SVG map component (``atlas.ui.mapview``), no plotly.js on the page;
* **atlas, plotly map** — ``bench/fixtures/plotly_map.py``: the same map drawn with plotly
  (``choroplethmap``) as the atlas did before, with the atlas's settings (boundaries by URL,
  websocket compression): the renderer the SVG map replaced, measured side by side;
* **naive page** — ``bench/fixtures/naive_map.py``: plain pandas + plotly express, Streamlit's
  default settings (the boundaries inside every figure, no websocket compression);
* **floor: plotly.js** — the atlas's figure (boundaries inline) in a static HTML page with
  plotly.min.js: no Streamlit, no websocket, no Python at view time;
* **floor: SVG** — the same map as one static SVG (``atlas.exports.svg_map``), no Streamlit;
* **floor: empty Streamlit** — ``bench/fixtures/empty_page.py``: a title and nothing else, with
  the atlas's settings: Streamlit's own shell, the least any Streamlit page takes here.

The row "new tab, partnerships map drawn" opens ``/partnerships`` (the atlas only), interleaved
with the other columns' new tabs.

Each "new tab" figure is a new browser context (empty cache, as a first-time viewer), from
navigation start until the map's fill layer (or the SVG) is drawn; medians of ``--runs``. "KB per
new tab" is what such a tab downloads over HTTP until 3 s after the map is drawn (Resource Timing),
so code fetched in idle moments after the map counts too.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import functools
import http.server
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
IND, FOCUS = "inactivity_rate", "E92000001"
ATLAS_MAP = f"map?ind={IND}&focus={FOCUS}"
ATLAS_NEXT = f"map?ind=employment_rate&focus={FOCUS}"  # another district map, same session
SVG_MAP_DRAWN = "() => !!document.querySelector('.atlas-map[data-drawn=\"1\"]')"
MAP_DRAWN = """() => { const gd = document.querySelector('.js-plotly-plot'); const fl = gd && gd._fullLayout;
  if (!fl) return false; const sp = fl.map && fl.map._subplot;
  if (sp && sp.map) return sp.map.loaded() && sp.map.getStyle().layers.some(l => l.type === 'fill');
  return !!gd.querySelector('path.choroplethlocation'); }"""
SVG_DRAWN = "() => window.__drawn === true"
TITLE_DRAWN = "() => !!document.querySelector('[data-testid=\"stHeading\"] h1')"
PARTNERSHIPS = "partnerships"
NAIVE_FLAGS = ["--server.headless", "true", "--browser.gatherUsageStats", "false"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def up(base: str) -> bool:
    from atlas.ui.story import server_up

    return server_up(base)


def launch(kind: str, env: dict | None = None) -> tuple[subprocess.Popen, str]:
    """Start the atlas (``python -m atlas.serve``) or the naive page; return it once it answers."""
    port = free_port()
    if kind == "atlas":
        cmd, cwd = [PY, "-m", "atlas.serve", "--server.port", str(port)], ROOT
    elif kind in ("plotly", "empty"):  # the atlas's settings: run from the repository
        page = (
            ROOT / "bench" / "fixtures" / ("plotly_map.py" if kind == "plotly" else "empty_page.py")
        )
        served = page.parent / "static"  # Streamlit serves static/ beside the script it runs
        if not served.exists():
            served.symlink_to(ROOT / "static", target_is_directory=True)
        cmd, cwd = [PY, "-m", "streamlit", "run", str(page), "--server.port", str(port)], ROOT
    else:  # run from a folder without .streamlit/config.toml: Streamlit's defaults
        page = ROOT / "bench" / "fixtures" / f"{kind}_map.py"  # naive_map.py
        cmd = [PY, "-m", "streamlit", "run", str(page)]
        cmd += ["--server.port", str(port), "--server.address", "127.0.0.1", *NAIVE_FLAGS]
        cwd = Path(tempfile.gettempdir())
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while not up(base):
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.terminate()
            raise RuntimeError(f"{kind} did not start")
        time.sleep(0.1)
    return proc, base


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


# ---------------------------------------------------------------------------------- floors
def floor_pages(folder: Path) -> dict[str, int]:
    """Write floor.html (plotly.js + the atlas figure, inline boundaries) and svg.html; sizes."""
    import plotly

    from atlas.charts import geometry, maps, plotly_map
    from atlas.data import areas as A
    from atlas.exports.svg_map import svg_map

    meta = A.indicators().loc[IND]
    frame, _ = A.map_data(IND, meta["latest_period"])
    inside = A.members(A.areas(), FOCUS, "lad")
    spec = maps.spec(frame, "lad", meta, "quintiles", meta["latest_period"], inside)
    features, _ = geometry.shapes("lad")
    figure = json.loads(plotly_map.figure(spec).to_json())
    figure["data"][0]["geojson"] = json.loads(
        json.dumps(plotly_map.collection(features, features), default=lambda a: a.tolist())
    )
    shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", folder)
    (folder / "floor.html").write_text(
        '<!doctype html><html><body><div id="m" style="width:760px;height:600px"></div>'
        '<script src="plotly.min.js"></script><script>'
        f"const f={json.dumps(figure)};Plotly.newPlot('m',f.data,f.layout);</script></body></html>"
    )
    (folder / "svg.html").write_text(
        '<!doctype html><html><body><div style="width:1000px">'
        + svg_map(spec, 600)
        + "</div><script>requestAnimationFrame(()=>requestAnimationFrame(()=>{window.__drawn=true}))"
        "</script></body></html>"
    )
    return {p.name: p.stat().st_size for p in folder.iterdir()}


def static_server(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


# ---------------------------------------------------------------------------------- timings
def new_tab(browser, url: str, drawn: str = MAP_DRAWN) -> float:
    """Seconds from opening ``url`` in a fresh context (empty cache) to the map drawn."""
    from atlas.ui.story import CHROMIUM_ARGS  # noqa: F401 (same flags as the tests)

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        t0 = time.perf_counter()
        page.goto(url)
        page.wait_for_function(drawn, timeout=120_000, polling=20)
        return time.perf_counter() - t0
    finally:
        context.close()


TRANSFERRED = """() => performance.getEntriesByType('navigation')
  .concat(performance.getEntriesByType('resource'))
  .reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0)"""


def tab_bytes(browser, url: str, drawn: str = MAP_DRAWN, linger: float = 3.0) -> float:
    """KB a new tab (empty cache) downloads over HTTP until ``linger`` s after the map is drawn,
    whatever it fetches in idle moments included (the websocket is counted apart)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script("performance.setResourceTimingBufferSize(2000)")
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_function(drawn, timeout=120_000, polling=20)
        page.wait_for_timeout(linger * 1000)
        return page.evaluate(TRANSFERRED) / 1000
    finally:
        context.close()


def again(browser, url: str, drawn: str = MAP_DRAWN) -> float:
    """Seconds to open ``url`` again in the same tab (browser cache warm)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_function(drawn, timeout=120_000, polling=20)
        t0 = time.perf_counter()
        page.goto(url)
        page.wait_for_function(drawn, timeout=120_000, polling=20)
        return time.perf_counter() - t0
    finally:
        context.close()


def socket_figures(base: str, first: str, second: str, runs: int = 5) -> tuple[float, int]:
    """(median warm server run of ``first`` in s, websocket bytes of ``second`` after ``first``)."""
    from atlas.ui.viewer import Viewer

    async def go() -> tuple[float, int]:
        async with Viewer(base) as viewer:
            await viewer.open(first)
            times = [(await viewer.open(first)).seconds for _ in range(runs)]
            nxt = await viewer.open(second)
            return statistics.median(times), nxt.wire_bytes

    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # Playwright owns this thread's loop
        return pool.submit(asyncio.run, go()).result()


def compare(runs: int = 3) -> dict[str, dict[str, float | None]]:
    """Every figure of the table: {row: {column: value}}; prints the table as it goes."""
    from playwright.sync_api import sync_playwright

    from atlas.ui.story import CHROMIUM, CHROMIUM_ARGS
    from bench.load import idle

    table: dict[str, dict[str, float | None]] = {}

    def put(row: str, col: str, value: float | None) -> None:
        table.setdefault(row, {})[col] = value

    with (
        tempfile.TemporaryDirectory(prefix="atlas-floor-") as tmp,
        sync_playwright() as p,
    ):
        sizes = floor_pages(Path(tmp))
        httpd, floor = static_server(Path(tmp))
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        servers: dict[str, tuple[subprocess.Popen, str]] = {}
        try:
            urls = {}
            for kind in ("atlas", "naive"):  # the first visitor right after each server starts
                servers[kind] = launch(kind)
                urls[kind] = f"{servers[kind][1]}/{ATLAS_MAP if kind == 'atlas' else ''}"
                first = new_tab(
                    browser, urls[kind], SVG_MAP_DRAWN if kind == "atlas" else MAP_DRAWN
                )
                put("first visitor after a server start", kind, first)
            servers["plotly"] = launch("plotly")
            urls["plotly"] = f"{servers['plotly'][1]}/?ind={IND}&focus={FOCUS}"
            servers["empty"] = launch("empty")
            urls["empty"] = f"{servers['empty'][1]}/"
            idle([proc.pid for proc, _ in servers.values()])  # the atlas's warm-up has finished
            urls["floor"], urls["svg"] = f"{floor}/floor.html", f"{floor}/svg.html"
            drawn = {
                "atlas": SVG_MAP_DRAWN,
                "plotly": MAP_DRAWN,
                "naive": MAP_DRAWN,
                "floor": MAP_DRAWN,
                "svg": SVG_DRAWN,
                "empty": TITLE_DRAWN,
                PARTNERSHIPS: SVG_MAP_DRAWN,
            }
            pp_url = f"{servers['atlas'][1]}/{PARTNERSHIPS}"
            for row, measure in (
                ("new tab, warm server, map drawn", new_tab),
                ("same tab, open the map again", again),
            ):
                pages = {**urls, PARTNERSHIPS: pp_url} if measure is new_tab else urls
                samples: dict[str, list[float]] = {k: [] for k in pages}
                for _ in range(runs):  # interleaved, so a burst of load hits every column
                    for kind, url in pages.items():
                        samples[kind].append(measure(browser, url, drawn[kind]))
                for kind, values in samples.items():
                    if kind == PARTNERSHIPS:
                        put("new tab, partnerships map drawn", "atlas", statistics.median(values))
                    else:
                        put(row, kind, statistics.median(values))
            for kind in ("atlas", "naive", "plotly", "floor", "svg", "empty"):
                put(
                    "KB per new tab, HTTP (until 3 s after drawn)",
                    kind,
                    tab_bytes(browser, urls[kind], drawn[kind]),
                )
            put(
                "KB per new tab of /partnerships",
                "atlas",
                tab_bytes(browser, pp_url, SVG_MAP_DRAWN),
            )
            for kind in ("atlas", "naive"):
                base = servers[kind][1]
                first = ATLAS_MAP if kind == "atlas" else ""
                nxt = ATLAS_NEXT if kind == "atlas" else "?ind=employment_rate"
                run_s, wire = socket_figures(base, first, nxt)
                put("server run of the map page (warm)", kind, run_s)
                put("websocket KB per map view after the first", kind, wire / 1000)
            put("page KB (floor: + plotly.min.js)", "floor", sizes["floor.html"] / 1000)
            put("page KB (floor: + plotly.min.js)", "svg", sizes["svg.html"] / 1000)
            put("plotly.min.js KB", "floor", sizes["plotly.min.js"] / 1000)
        finally:
            browser.close()
            httpd.shutdown()
            for proc, _ in servers.values():
                stop(proc)
    print_table(table)
    return table


COLUMNS = [
    ("atlas", "atlas"),
    ("naive", "naive page"),
    ("plotly", "atlas, plotly map"),
    ("floor", "floor: plotly.js"),
    ("svg", "floor: SVG"),
    ("empty", "empty Streamlit"),
]


def print_table(table: dict[str, dict[str, float | None]]) -> None:
    print(f"\n{'':<44}" + "".join(f"{title:>19}" for _, title in COLUMNS) + f"{'atlas/naive':>13}")
    for row, cols in table.items():
        cells = "".join(
            f"{'' if cols.get(c) is None else format(cols[c], '.2f'):>19}" for c, _ in COLUMNS
        )
        a, n = cols.get("atlas"), cols.get("naive")
        ratio = f"{a / n:.2f}x" if a is not None and n else ""
        print(f"{row:<44}{cells}{ratio:>13}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/browser.py", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    args = parser.parse_args(argv)
    from bench.pages import quiet

    quiet()
    compare(args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
