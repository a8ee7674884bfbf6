"""Warm a freshly started server in the background, so the first visitor is not the one who pays.

``atlas.serve`` calls ``start()`` before handing over to Streamlit. A daemon thread first imports
the heavy libraries the pages need (while Streamlit itself is still starting), then waits for the
server's health check and opens, as a headless viewer over the websocket (``atlas.ui.viewer``):
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
            waited = 0.0
            while visitors_running() and waited < patience:  # a visitor goes first
                await asyncio.sleep(0.1)
                waited += 0.1
            runs.append(await viewer.open(target))
    return runs


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

    _import_all()
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
    """Start warming in a daemon thread (returns it), unless ``CIVIC_ATLAS_WARM=0``."""
    if not enabled():
        return None
    thread = threading.Thread(
        target=_run, args=(time.monotonic() + timeout,), name="atlas-warm", daemon=True
    )
    thread.start()
    return thread
