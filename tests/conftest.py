"""Shared fixtures: the warehouse the app reads, pages opened through app.py, a live server.

Add fixtures here only when more than one test module needs them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import atlas  # noqa: F401  (first: one BLAS thread, set before numpy is imported)

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
# Figures are built unvalidated in the app (speed); tests validate every property.
os.environ.setdefault("CIVIC_ATLAS_VALIDATE_FIGURES", "1")


@pytest.fixture(autouse=True)
def _no_landing_pause(monkeypatch) -> None:
    """In-process page runs (AppTest) have no browser to let the map land in: a new tab's pause
    (``mapview.PAUSE_S``, 0.4 s in each fresh session of /map and /partnerships) only added ~25 s
    to ``make test``. That the pause is taken is tested by a spy (tests/test_map_preload.py);
    browser tests run the real server, which pauses."""
    from atlas.ui import mapview

    monkeypatch.setattr(mapview, "PAUSE_S", 0.0)


@pytest.fixture(scope="session")
def warehouse() -> Path:
    """The real warehouse: CIVIC_ATLAS_WAREHOUSE if set, else data/atlas.duckdb, built once per
    session when missing or stale (the build is skipped when nothing changed)."""
    override = os.environ.get("CIVIC_ATLAS_WAREHOUSE")
    if override:
        return Path(override).resolve()
    from pipelines.build import build

    build()
    return ROOT / "data" / "atlas.duckdb"


@pytest.fixture
def open_page(warehouse: Path) -> Callable:
    """``open_page("map", ind="he19_fsm")``: run app.py on a page with query params (AppTest)."""
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    # The app shows visitors a generic message (.streamlit/config.toml); tests want the error.
    config.set_option("client.showErrorDetails", "full")

    def _open(page: str, **params: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.switch_page(f"pages/{page}.py")
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return _open


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(warehouse: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """The app as `make run` starts it (`python -m atlas.serve`), on a free local port."""
    port = _free_port()
    env = {**os.environ, "CIVIC_ATLAS_WAREHOUSE": str(warehouse)}
    cmd = [
        sys.executable,
        "-m",
        "atlas.serve",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError(f"streamlit did not start; see {log}")


@pytest.fixture(scope="session")
def server(warehouse: Path) -> Iterator[str]:
    """A live app for browser tests, stopped at the end of the session."""
    ARTIFACTS.mkdir(exist_ok=True)
    proc, url = start_server(warehouse, ARTIFACTS / "streamlit.log")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Debian's chromium driven by Playwright (no downloaded browser)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium is missing (make browser)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


LOCAL = ("127.0.0.1", "localhost")


def is_local(url: str) -> bool:
    from urllib.parse import urlparse

    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname in LOCAL


@pytest.fixture
def page(browser, server: str) -> Iterator:
    """A fresh tab with the network 'off': any request to a non-local host, from this tab or any
    other tab of its context, is recorded in ``page.external`` and aborted. Tests assert
    ``page.external == []``."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    external: list[str] = []

    def guard(route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.external = external
    yield tab
    context.close()


def wait_idle(tab, timeout: float = 60_000) -> None:
    """Wait until Streamlit has finished running the script."""
    tab.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout
    )


# ---- the SVG map (atlas.ui.mapview) as AppTest and a browser see it ----------------------------
def map_specs(at) -> list[dict]:
    """The map specs an AppTest run drew (the data each ``mapview.show`` sent to the browser)."""
    import json

    return [
        json.loads(e.proto.json)
        for e in at.get("bidi_component")
        if e.proto.component_name == "civic_atlas_map"
    ]


def map_classes(spec: dict) -> dict[str, str]:
    """{area code: legend label} of a map spec (each legend colour is one class)."""
    label = {colour: text for text, colour in spec["legend"]}
    return {code: label[colour] for code, colour, _, _ in spec["areas"]}


MAP_DRAWN = '.atlas-map[data-drawn="1"]'


def wait_map(tab, timeout: float = 30_000) -> None:
    """Wait until the SVG map has fetched its boundaries and painted its areas."""
    tab.wait_for_selector(MAP_DRAWN, timeout=timeout)


def hover_area(tab, code: str) -> tuple[float, float]:
    """Move the mouse onto an area of the SVG map (a point inside its shape); return the point."""
    shape = tab.locator(f'{MAP_DRAWN} path[data-code="{code}"]')
    shape.scroll_into_view_if_needed()
    x, y = shape.evaluate(
        """(p) => { const svg = p.ownerSVGElement, b = p.getBBox(), m = p.getScreenCTM();
        for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
          const pt = svg.createSVGPoint(); pt.x = b.x + b.width * i / 12; pt.y = b.y + b.height * j / 12;
          if (!p.isPointInFill(pt)) continue;
          const s = pt.matrixTransform(m);
          if (document.elementFromPoint(s.x, s.y) === p) return [s.x, s.y];
        }
        throw new Error('no visible point inside ' + p.dataset.code); }"""
    )
    tab.mouse.move(x, y)
    return x, y


def click_area(tab, code: str) -> None:
    """Click an area of the SVG map as a viewer would."""
    tab.mouse.click(*hover_area(tab, code))


def click_map(at, code: str):
    """Run ``at`` as a click on ``code`` in its map does: mapview.js's trigger, the area's code."""
    import json

    from streamlit.components.v2.bidi_component.main import _make_trigger_id
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    (element,) = [
        e for e in at.get("bidi_component") if e.proto.component_name == "civic_atlas_map"
    ]
    states = at._tree.get_widget_states()
    click = [{"event": "clicked", "value": code}]
    trigger = _make_trigger_id(element.proto.id, "events")
    states.widgets.append(WidgetState(id=trigger, json_trigger_value=json.dumps(click)))
    return at._run(states)
