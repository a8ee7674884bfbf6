"""The app's readiness endpoint, ``/_atlas/ready``: may this process be given viewers?

Streamlit's ``/_stcore/health`` says only that *a* Streamlit server answers (any app, any data:
a foreign server on the port would pass). This answers 200 with JSON naming the app, its build
fingerprint and process id when the runtime accepts connections *and* the warehouse is the one the
build wrote (it opens, same fingerprint, row counts and size: ``atlas.data.db.version``), and 503
with the reason otherwise. The proxy in front of the replicas (``atlas.replicas``) and the
container platform (``deploy/k8s``: readiness probe) admit traffic on it; liveness stays
``/_stcore/health``, so a damaged warehouse takes a process out of rotation without restarting it.

``route(runtime)`` is added to the Starlette app ``streamlit run`` builds by ``atlas.serve.add_routes``.
"""

from __future__ import annotations

import os

READY = "/_atlas/ready"
LIVE = "/_stcore/health"
APP = "civic-atlas"


def status() -> tuple[bool, dict]:
    """(ready, what the endpoint answers): checks the warehouse through the app's own connection."""
    from atlas.data.db import WarehouseMissing, version

    body: dict = {"app": APP, "pid": os.getpid()}
    try:
        build = version()
    except WarehouseMissing as exc:
        return False, body | {"ready": False, "reason": str(exc)}
    return True, body | {"ready": True, "build": build}


def route(runtime):
    """The Starlette route, given Streamlit's runtime."""
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def ready(request) -> JSONResponse:
        up, why = await runtime.is_ready_for_browser_connection
        ok, body = await run_in_threadpool(status)  # may open the warehouse: off the event loop
        if not up:
            ok, body = False, body | {"ready": False, "reason": f"server not ready: {why}"}
        return JSONResponse(
            body, status_code=200 if ok else 503, headers={"Cache-Control": "no-cache"}
        )

    return Route(READY, ready, methods=["GET", "HEAD"])
