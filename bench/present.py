"""Presentation-mode benchmark: a cold server (just started; its warm-up starts with it), then each
story walked twice in headless chromium at 1024×768, at two paces (see ``DWELLS``).

    python bench/present.py        # `make bench` runs it after bench/run.py

Prints, per story, the first slide's time from a cold start (target ≤ 3 s) and each later step
(target ≤ 1 s), first walk (cold caches) and second walk (warm). A step is timed from the key
press to the slide's caption on screen, the script finished and its charts drawn. Figures only:
nothing here fails. Times on a shared machine vary; say the load when quoting them.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atlas.ui import story  # noqa: E402

FIRST, STEP = 3.0, 1.0
#: seconds on each slide before the next key: none (a walk as fast as slides draw), and a
#: presenter's pace, which gives the browser the idle moment in which a slide's map has it parse
#: plotly.js for the chart slides (``atlas/ui/mapview.js``, ``charts_next``)
DWELLS = (0.0, 2.0)
DRAWN = """([caption, least]) => { const c = document.querySelector('.st-key-present_caption');
    const app = document.querySelector('[data-testid="stApp"]');
    if (!c || c.innerText.trim() !== caption || !app
        || app.dataset.testScriptState !== 'notRunning') return false;
    const view = '.st-key-present_view ';
    const charts = document.querySelectorAll(view + '[data-testid="stPlotlyChart"], ' + view + '.atlas-map').length;
    const plots = [...document.querySelectorAll(view + '.js-plotly-plot')].filter(g => g.querySelector('.main-svg'));
    const drawn = plots.length + document.querySelectorAll(view + '.atlas-map[data-drawn="1"]').length;
    return drawn === charts && drawn >= least; }"""


def shown(view) -> str:
    """The caption as the slide shows it: its {indicator@area@period} figures filled in."""
    from atlas.evidence.engine import duckdb_reader
    from atlas.text.captions import fill

    return fill(view.caption, duckdb_reader(ROOT / "data" / "atlas.duckdb"))


def charted(view: story.View) -> int:
    return int(
        view.page in ("map", "compare", "profile", "before-after")
        or (view.page == "partnerships" and "iv" not in view.params)
    )


def start() -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "atlas.serve",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while not story.server_up(url):
        if time.monotonic() > deadline:
            proc.terminate()
            raise SystemExit("the app did not start")
        time.sleep(0.2)
    return proc, url


CAPTIONS: dict[str, list[str]] = {}  # filled before the server starts, off the clock


def walk(tab, url: str, name: str, dwell: float = 0.0) -> list[float]:
    """Seconds to each slide of a story: the first by URL, then PageDown from slide to slide,
    ``dwell`` seconds after each slide has drawn (a presenter speaking to it)."""
    views = story.load(name)
    captions = CAPTIONS.get(name) or [shown(view) for view in views]
    t0 = time.perf_counter()
    tab.goto(f"{url}/present?story={name}&slide=1")
    tab.wait_for_function(DRAWN, arg=[captions[0], charted(views[0])], timeout=180_000)
    times = [time.perf_counter() - t0]
    for i, view in enumerate(views[1:], 2):
        time.sleep(dwell)
        t0 = time.perf_counter()
        tab.keyboard.press("PageDown")
        try:
            tab.wait_for_function(DRAWN, arg=[captions[i - 1], charted(view)], timeout=120_000)
        except Exception:  # report and go on: a benchmark prints, it does not stop
            shot = ROOT / "test-artifacts" / f"bench-present-{name}-{i}.png"
            shot.parent.mkdir(exist_ok=True)
            tab.screenshot(path=str(shot))
            print(f"  {name} slide {i}: not drawn within 120 s (screenshot {shot.name})")
            tab.goto(f"{tab.url.split('?')[0]}?story={name}&slide={i}")
        times.append(time.perf_counter() - t0)
    return times


def report(name: str, label: str, times: list[float]) -> None:
    steps = times[1:]
    print(
        f"  {name:<15} {label}: first slide {times[0]:5.2f}s (target ≤ {FIRST:.0f}s)"
        f" · steps median {statistics.median(steps):.2f}s, max {max(steps):.2f}s"
        f" (target ≤ {STEP:.0f}s; {sum(s > STEP for s in steps)} over)"
    )
    print("      steps: " + " ".join(f"{s:.2f}" for s in steps))


def main() -> int:
    from playwright.sync_api import sync_playwright

    for name in story.names():
        CAPTIONS[name] = [shown(view) for view in story.load(name)]
    load = os.getloadavg()[0]
    print(
        f"[present] cold server (its start-up warm-up racing); new tab at 1024x768; load {load:.1f}"
    )
    for dwell in DWELLS:
        pace = "as fast as the slides draw" if not dwell else f"{dwell:.0f} s on each slide"
        print(f"  pace: next key {pace}")
        t_start = time.perf_counter()
        proc, url = start()
        print(f"  server up in {time.perf_counter() - t_start:.1f}s")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=story.CHROMIUM, args=story.CHROMIUM_ARGS
                )
                tab = browser.new_page(viewport={"width": 1024, "height": 768})
                for name in story.names():
                    for label in ("cold", "warm"):
                        report(name, label, walk(tab, url, name, dwell))
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
