"""Warm a freshly started server in the background, so the first visitor is not the one who pays.

``atlas.serve`` calls ``start()`` before handing over to Streamlit. A daemon thread waits for the
server's health check, then opens, as a headless viewer over the websocket (``atlas.ui.viewer``):
the overview and the default map (imports of pandas/plotly/duckdb, the connection, the geometry
and its static files, the default queries), the first slide of every presentation story, then
every other slide and the default profile and comparison. Everything it runs lands in the same
process-wide caches a visitor's session uses. One line goes to the server log when it is done.

``CIVIC_ATLAS_WARM=0`` turns it off (e.g. to measure a truly cold start).
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time

LOG = logging.getLogger("atlas.warm")
DEFAULT_VIEWS = ["", "map"]  # overview (the default page) and the map as a bare link opens them
AFTER_STORIES = ["profile", "compare", "map?focus=E92000001"]


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


def warm(base: str, views: list[str] | None = None) -> list:
    """Open ``views`` (default: ``targets()``) once on the server at ``base``; the runs."""
    from atlas.ui.viewer import visit

    return asyncio.run(visit(base, views if views is not None else targets(), timeout=300))


def _port() -> int:
    from streamlit import config

    return int(config.get_option("server.port"))


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
    t0 = time.perf_counter()
    try:
        runs = warm(base)
    except Exception as exc:  # warming is an optimisation: never take the server down
        LOG.warning("warm-up stopped: %s: %s", type(exc).__name__, exc)
        return
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
