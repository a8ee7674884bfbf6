"""A new tab's first request asks for the map's code and boundaries too (issue 19, point 6).

Streamlit's ``index.html`` names only the app's shell. The code of each element (the map
component, the table, the pickers) is asked for when the script's first message names it, and the
map's boundaries only once the component's code has run. On a new tab those ~80 requests queue on
the browser's six connections to the server, so the boundaries used to come ~450 ms after the
script had finished, behind the table's 1.2 MB of code (DataFrame, arrowFormatUtils).

For the pages whose first screen is a map (``/map``, ``/partnerships``) this serves the same
``index.html`` with ``<link rel="modulepreload">`` for the map component's chunk and the chunks it
imports (not the pickers': see ``CHUNKS``), and ``<link rel="preload" as="fetch">`` for the
boundary file of the level the page will draw: both load while the shell starts and the script
runs, and the component finds them in the browser's cache (``mapview.js`` fetches the same URL
with the same credentials). Its head also keeps the pickers' and filters' space (``LANDING_CSS``)
from the first paint, so the map, sent before them, does not move as they arrive. Nothing else changes: every other path is Streamlit's own
``index.html``. ``make bench`` measures the effect.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import streamlit

STATIC = Path(streamlit.__file__).parent / "static"
MAP_PAGES = ("map", "partnerships")  # url paths whose first screen is a map (app.py)
#: chunks of Streamlit's frontend asked for up front: the map component's (st.components.v2)
#: only. Not the pickers' (asked for too until issue 19's third round): with their code already
#: loaded, the pickers' elements resolve in the same React batch as the map's, and the batch
#: waits for React's 500 ms reveal throttle; loaded on demand, they resolve after the map is
#: drawn (atlas.ui.map_controls, docs/benchmarks.md).
CHUNKS = ("BidiComponent",)

#: The pickers and filters that a new tab receives after the map (``atlas.ui.map_controls``,
#: ``atlas.ui.partnership_filters``) arrive into an empty container, then show Streamlit's
#: skeletons (2.5rem high) while their code loads, then the widgets (4.25rem with the label; the
#: two-option radio 4.5625rem). Without this the map, drawn first, moved down ~90 px as they came.
#: So their containers keep the widgets' height from the start (columns stack below 640 px) and
#: each skeleton is its widget's height. In the head of a new tab's HTML (``page_html``), so it holds
#: from the first paint, and in the map component's styles (global), for a map reached in-app.
LANDING_CSS = """
.st-key-map_controls { min-height: 15.0625rem; }
.st-key-pp_filters { min-height: 4.25rem; }
@media (max-width: 640px) {
  .st-key-map_controls { min-height: 44.8125rem; }
  .st-key-pp_filters { min-height: 30.5rem; }
}
.st-key-map_controls [data-testid="stSkeleton"], .st-key-pp_filters [data-testid="stSkeleton"] {
  height: 4.25rem; }
.st-key-map_mode [data-testid="stSkeleton"] { height: 4.5625rem; }
"""

#: Streamlit's shell, opened at ``/map``, first asks ``/map/_stcore/health`` and ``host-config``
#: (taking ``/map`` for the app's base path), fails, and asks again at ``/`` before it opens the
#: websocket: ~0.13 s of a new tab. Its ``window.__streamlit.BACKEND_BASE_URL`` names the base
#: instead: the page's own path without its last part (``/`` here; ``/atlas/`` behind a proxy that
#: serves the app at ``/atlas/``).
BASE_SCRIPT = (
    "<script>window.__streamlit={BACKEND_BASE_URL:"
    'location.origin+location.pathname.replace(/[^/]*\\/?$/,"")}</script>'
)


@functools.cache
def component_chunks(static: Path = STATIC, wanted: tuple[str, ...] = CHUNKS) -> tuple[str, ...]:
    """The ``wanted`` chunks and the chunks they import, as ``static/js/…`` paths, read from
    Streamlit's built ``index.html`` bundle (its import map, ``__vite__mapDeps``); those this
    version of Streamlit does not have are left out."""
    index = static / "index.html"
    entry = re.search(r'src="\./(static/js/index\.[^"]+\.js)"', index.read_text(encoding="utf-8"))
    if not entry:
        return ()
    bundle = (static / entry.group(1)).read_text(encoding="utf-8")
    names = re.search(r"m\.f=\[([^\]]*)\]", bundle)
    if not names:
        return ()
    files = re.findall(r'"([^"]+)"', names.group(1))  # "./X.js" and "../css/X.css", in order
    found: list[str] = []
    for chunk in wanted:
        deps = re.search(
            r"import\(`\./(" + chunk + r"\.[\w-]+\.js)`\),__vite__mapDeps\(\[([\d,]*)\]", bundle
        )
        if deps:
            used = [files[int(i)] for i in deps.group(2).split(",") if int(i) < len(files)]
            found += [
                deps.group(1),
                *(f[2:] for f in used if f.startswith("./") and f.endswith(".js")),
            ]
    return tuple(f"static/js/{f}" for f in dict.fromkeys(found))


def map_level(page: str, ind: str | None) -> str | None:
    """The boundary level (``lad`` / ``utla``) the page's first map draws, or None (no map)."""
    if page == "partnerships":
        return "lad"
    if page != "map":
        return None
    from atlas.data import areas as A

    cat = A.indicators()
    return str(cat.loc[ind if ind in cat.index else A.DEFAULT_IND, "geography"])


def head_links(chunks: tuple[str, ...], geo_url: str | None) -> str:
    """The ``<link>`` tags added to the page's ``<head>``."""
    links = [f'<link rel="modulepreload" crossorigin href="./{html.escape(c)}">' for c in chunks]
    if geo_url:
        links.append(
            f'<link rel="preload" as="fetch" crossorigin="anonymous" href="./{html.escape(geo_url)}">'
        )
    return "".join(links)


def page_html(page: str, ind: str | None, static: Path = STATIC) -> str:
    """Streamlit's ``index.html`` with the map's code and boundaries asked for in its head."""
    from atlas.charts.map_paths import paths_url

    text = (static / "index.html").read_text(encoding="utf-8")
    level = map_level(page, ind)
    chunks = tuple(c for c in component_chunks(static) if f'href="./{c}"' not in text)
    links = head_links(chunks, paths_url(level) if level else None)
    return text.replace("</head>", f"{BASE_SCRIPT}{links}<style>{LANDING_CSS}</style></head>", 1)


def routes() -> list:
    """Starlette routes for the map pages (GET and HEAD), inserted before Streamlit's own."""
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import HTMLResponse
    from starlette.routing import Route

    def one(page: str) -> Route:
        async def serve(request) -> HTMLResponse:
            try:  # reads the warehouse's catalogue (cached) and may write the boundary file
                body = await run_in_threadpool(page_html, page, request.query_params.get("ind"))
            except Exception:  # never worse than Streamlit's page: no warehouse, an odd build
                body = (STATIC / "index.html").read_text(encoding="utf-8")
            return HTMLResponse(body, headers={"Cache-Control": "no-cache"})

        return Route(f"/{page}", serve, methods=["GET", "HEAD"])

    return [one(p) for p in MAP_PAGES]
