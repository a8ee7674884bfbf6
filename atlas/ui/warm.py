"""Warm a freshly started server in the background, so the first visitor is not the one who pays.

``atlas.serve`` calls ``start()`` before handing over to Streamlit. It first imports the heavy
libraries the pages need (before the server listens), then a daemon thread waits for the server's
health check and opens, as a headless viewer over the websocket (``atlas.ui.viewer``):
the overview and the default map (imports of pandas/plotly/duckdb, the connection, the geometry
and its static files, the default queries), the first slide of every presentation story, then
every other slide and the default profile and comparison. Everything it runs lands in the same
process-wide caches a visitor's session uses. One line goes to the server log when it is done.
Then it freezes the warmed heap out of the garbage collector's way (``freeze_heap``).

``CIVIC_ATLAS_WARM=0`` turns it off (e.g. to measure a truly cold start).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import threading
import time

LOG = logging.getLogger("atlas.warm")
# overview (the default page), the map as a bare link opens it (upper tier) and England's districts
DEFAULT_VIEWS = ["", "map", "map?ind=inactivity_rate&focus=E92000001"]
AFTER_STORIES = ["profile", "compare", "map?focus=E92000001"]
#: seconds the warm-up waits once the server answers: the libraries are imported by then, and a
#: browser that arrived with the server (a presenter's first slide) gets its 1–2 s of JavaScript
#: from an idle server, not one busy running the warm-up's pages (measured: 1.5 s to the page's
#: DOMContentLoaded with the warm-up's pages running, 0.8 s without); its page run then goes first
GRACE = 1.5
#: seconds without a visitor's page run before the warm-up opens its next page
SETTLE = 0.5
IMPORTS = (  # what the first page run would otherwise import (seconds on a cold machine)
    "pandas",
    "pyarrow",
    "duckdb",
    "plotly.graph_objects",
    "plotly.io",
    "atlas.data.areas",
    "atlas.charts.maps",
    "atlas.charts.map_paths",
    "atlas.charts.trend",
    "atlas.charts.spine",
    "atlas.data.profile",
    "atlas.data.compare",
    "atlas.exports.buttons",
    "atlas.charts.partnerships",
    "atlas.charts.evidence",
    "atlas.data.partnerships",
    "atlas.ui.evidence",
    "atlas.ui.slides",
    "atlas.text.captions",
)


def targets() -> list[str]:
    """Page URLs to open, most valuable first: defaults, first slides, the rest."""
    from atlas.ui import story

    firsts, rest = [], []
    for name in story.names():
        try:
            count = len(story.load(name))
        except ValueError:  # a broken story file is the presenter page's to report
            continue
        firsts.append(f"present?story={name}&slide=1")
        rest += [f"present?story={name}&slide={i}" for i in range(2, count + 1)]
    return [*DEFAULT_VIEWS, *firsts, *AFTER_STORIES, *rest]


def enabled() -> bool:
    return os.environ.get("CIVIC_ATLAS_WARM", "1") != "0"


def visitors_running() -> bool:
    """Whether a session of this server is running a page script right now (between two warm-up
    views, the warm-up's own session is idle, so a running one is a visitor's)."""
    try:
        from streamlit.runtime import Runtime
        from streamlit.runtime.app_session import AppSessionState

        sessions = Runtime.instance()._session_mgr.list_active_sessions()
        return any(s.session._state == AppSessionState.APP_IS_RUNNING for s in sessions)
    except Exception:  # not inside a server (tests, another process): nothing to yield to
        return False


async def _open_all(base: str, views: list[str], patience: float) -> list:
    from atlas.ui.viewer import Viewer

    runs = []
    async with Viewer(base, timeout=300) as viewer:
        for target in views:
            await _after_visitors(patience)
            runs.append(await viewer.open(target))
    return runs


async def _after_visitors(patience: float, settle: float = SETTLE) -> None:
    """Return once no visitor's page run has been in progress for ``settle`` seconds (their
    browser is then fetching what the run asked for: the boundaries, a chart's code), or after
    ``patience`` seconds in all."""
    waited = quiet = 0.0
    while quiet < settle and waited < patience:
        quiet = 0.0 if visitors_running() else quiet + 0.05
        await asyncio.sleep(0.05)
        waited += 0.05


def warm(base: str, views: list[str] | None = None, patience: float = 30) -> list:
    """Open ``views`` (default: ``targets()``) once on the server at ``base``, each after any
    visitor's page run in progress (waiting up to ``patience`` s); the runs."""
    return asyncio.run(_open_all(base, views if views is not None else targets(), patience))


def freeze_heap() -> None:
    """Put every object that exists now in a generation the garbage collector no longer visits.

    A full collection walks every tracked object in the process; after the warm-up (libraries,
    plotly's validators, the shared caches) some 175,000, 110-130 ms of CPU on a 2-core machine,
    a stall for whichever page run triggers it. Frozen, they cost nothing, and the garbage the
    visitors' sessions make is still collected. (Streamlit's own collection after every run is
    off for the same reason: ``runner.postScriptGC`` in ``.streamlit/config.toml``.)"""
    gc.collect()
    gc.freeze()


def _port() -> int:
    from streamlit import config

    return int(config.get_option("server.port"))


def _import_all() -> None:
    import importlib

    for name in IMPORTS:
        try:
            importlib.import_module(name)
        except Exception as exc:  # the page will report it properly when it runs
            LOG.warning("warm-up could not import %s: %s", name, exc)


def _run(deadline: float) -> None:
    from atlas.ui.story import server_up

    base = None
    while time.monotonic() < deadline:
        try:
            base = f"http://127.0.0.1:{_port()}"
        except Exception:  # config not parsed yet
            base = None
        if base and server_up(base):
            break
        time.sleep(0.2)
    else:
        LOG.warning("warm-up skipped: the server did not answer within the start-up window")
        return
    time.sleep(GRACE)  # a visitor who came with the server loads the page without competition
    t0 = time.perf_counter()
    try:
        runs = warm(base)
    except Exception as exc:  # warming is an optimisation: never take the server down
        LOG.warning("warm-up stopped: %s: %s", type(exc).__name__, exc)
        return
    freeze_heap()
    failed = [r.target for r in runs if not r.ok]
    LOG.warning(
        "warm-up: %d views in %.1f s%s",
        len(runs),
        time.perf_counter() - t0,
        f"; problems in {failed}" if failed else "",
    )


def start(timeout: float = 120) -> threading.Thread | None:
    """Import what the pages need, then warm the pages in a daemon thread (returned), unless
    ``CIVIC_ATLAS_WARM=0``. The imports come first, before the server listens: imported in a
    thread while the server already answered, they held the interpreter while a first visitor's
    browser was fetching the page's JavaScript from it (DOMContentLoaded at 1.2–1.5 s instead of
    0.8 s), and a server that answers should be ready to serve."""
    if not enabled():
        return None
    _import_all()
    thread = threading.Thread(
        target=_run, args=(time.monotonic() + timeout,), name="atlas-warm", daemon=True
    )
    thread.start()
    return thread
