"""Presentation stories: ``data/stories/<name>.yaml`` is a list of views of the atlas.

Each view is ``{page, params, title, caption}``: ``page`` one of ``PAGES``, ``params`` the URL query
parameters the page reads (binding keys in ``URL_KEYS``). A view is exactly what a shared link
opens, so a slide can be rehearsed, bookmarked and put on a projector without the network.

``warmup`` opens every view once before a talk (``python -m pipelines warmup``). No Streamlit
import at module level: the command line and the tests load stories without a running app.
"""

from __future__ import annotations

import functools
import logging
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from atlas.data.sql import WAREHOUSE

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "data" / "stories"
#: story page key -> (page file, url path)
PAGES = {
    "map": ("pages/map.py", "map"),
    "profile": ("pages/profile.py", "profile"),
    "compare": ("pages/compare.py", "compare"),
    "partnerships": ("pages/partnerships.py", "partnerships"),
    "before-after": ("pages/before_after.py", "before-after"),
    "catalogue": ("pages/catalogue.py", "catalogue"),
}
URL_KEYS = (
    "ind",
    "period",
    "area",
    "focus",
    "mode",
    "prog",
    "areas",
    "group",
    "iv",
    "pool",
    "type",
    "theme",
    "region",
    "year",
    "tab",
)  # type, theme, region, year: partnerships filters; tab: the profile's tab
PRESENT_KEYS = ("story", "slide")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


@dataclass(frozen=True)
class View:
    page: str
    title: str
    caption: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> str:
        """Page file, relative to the app root (for st.page_link / st.switch_page / AppTest)."""
        return PAGES[self.page][0]

    @property
    def url(self) -> str:
        """Relative URL of the view, e.g. ``map?ind=he19_fsm&focus=E12000001``."""
        query = urllib.parse.urlencode(self.params, safe=",")
        return PAGES[self.page][1] + (f"?{query}" if query else "")


def names() -> list[str]:
    """Story names (file stems), in a stable order."""
    return sorted(p.stem for p in STORIES.glob("*.yaml"))


def title_of(name: str) -> str:
    return name.replace("_", " ").title()


def problems(raw: object) -> list[str]:
    """What is wrong with a story file's contents (empty when it is usable)."""
    if not isinstance(raw, list) or not raw:
        return ["a story must be a non-empty list of views"]
    out = []
    for i, view in enumerate(raw, 1):
        if not isinstance(view, dict):
            out.append(f"view {i} is not a mapping")
            continue
        if view.get("page") not in PAGES:
            out.append(f"view {i}: page {view.get('page')!r} is not one of {sorted(PAGES)}")
        for key in ("title", "caption"):
            if not isinstance(view.get(key), str) or not view[key].strip():
                out.append(f"view {i}: needs a {key}")
        params = view.get("params") or {}
        if not isinstance(params, dict):
            out.append(f"view {i}: params must be a mapping")
            continue
        unknown = sorted(set(params) - set(URL_KEYS))
        if unknown:
            out.append(f"view {i}: unknown URL keys {unknown} (use {', '.join(URL_KEYS)})")
    return out


def load(name: str) -> list[View]:
    """The views of story ``name``; raises ValueError naming what is wrong with the file."""
    if name not in names():
        raise ValueError(f"no story called {name!r} (have: {', '.join(names())})")
    path = STORIES / f"{name}.yaml"
    return list(_load(path, path.stat().st_mtime_ns))


@functools.lru_cache(maxsize=16)
def _load(path: Path, mtime_ns: int) -> tuple[View, ...]:
    name = path.stem
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    wrong = problems(raw)
    if wrong:
        raise ValueError(f"data/stories/{name}.yaml: " + "; ".join(wrong))
    return tuple(
        View(
            page=v["page"],
            title=v["title"].strip(),
            caption=" ".join(v["caption"].split()),
            params={
                k: ",".join(map(str, p)) if isinstance(p, list) else str(p)
                for k, p in (v.get("params") or {}).items()
            },
        )
        for v in raw
    )


def every_view() -> list[tuple[str, int, View]]:
    """(story, 1-based slide, view) for every shipped story."""
    return [(name, i, v) for name in names() for i, v in enumerate(load(name), 1)]


# ---------------------------------------------------------------------------------- warm-up
def _read_through(path: Path) -> None:
    """Pull the warehouse into the OS page cache (the first query after boot then does no disk I/O)."""
    with open(path, "rb") as fh:
        while fh.read(1 << 22):
            pass


def server_up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/_stcore/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def wait_for_app(page, timeout_ms: int = 60_000) -> None:
    """Wait until Streamlit has connected and finished running the page script."""
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.dataset.testConnectionState === 'CONNECTED'
                && app.dataset.testScriptState === 'notRunning'
                && !document.querySelector('[data-stale="true"]');
        }""",
        timeout=timeout_ms,
        polling=50,
    )


def warm_browser(url: str, views: list[tuple[str, int, View]]) -> list[tuple[str, float, str]]:
    """Open every view (and every presentation slide) of the running app in headless chromium."""
    from playwright.sync_api import sync_playwright

    base = url.rstrip("/") + "/"
    targets = [v.url for _, _, v in views] + [f"present?story={s}&slide={i}" for s, i, _ in views]
    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 900})
        # The entry page first: on a server started with plain `streamlit run app.py` (not
        # `make run`, see atlas/serve.py) a deep link opened first would skip app.py.
        page.goto(base)
        wait_for_app(page)
        for target in targets:
            t0 = time.perf_counter()
            try:
                page.goto(base + target)
                wait_for_app(page)
                if page.locator('[data-testid="stException"]').count():
                    status = "EXCEPTION on page"
                elif page.get_by_text("was not recognised").count():
                    status = "URL NOT ACCEPTED"
                else:
                    status = "ok"
            except Exception as exc:  # a timeout on one view should not stop the rest
                status = f"FAILED: {type(exc).__name__}"
            results.append((target, time.perf_counter() - t0, status))
        browser.close()
    return results


def warm_in_process(views: list[tuple[str, int, View]]) -> list[tuple[str, float, str]]:
    """Run every view with AppTest in this process: a rehearsal check that each view opens."""
    import streamlit.testing.v1  # noqa: F401 (creates streamlit's loggers, so they can be quietened)

    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(
        logging.ERROR
    )
    results = []
    for _, _, view in views:
        t0 = time.perf_counter()
        at = open_view(view)
        status = view_problem(at) or "ok"
        results.append((view.url, time.perf_counter() - t0, status))
    return results


def open_view(view: View, timeout: float = 60):
    """AppTest of the whole app opened on ``view`` with its URL parameters, after one run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.switch_page(view.path)
    for key, value in view.params.items():
        at.query_params[key] = value
    return at.run()


def view_problem(at) -> str | None:
    """Why an opened view is not fit for a slide: an exception, or a URL the page did not accept."""
    if at.exception:
        return f"EXCEPTION: {at.exception[0].message.splitlines()[0][:100]}"
    for error in at.error:
        return f"ERROR SHOWN: {' '.join(str(error.value).split())[:140]}"
    for warning in at.warning:
        text = " ".join(str(warning.value).split())
        if "not recognised" in text:
            return f"URL NOT ACCEPTED: {text[:140]}"
        if "No comparison is possible" in text:  # before/after: the outcome starts too late
            return f"NOTHING TO SHOW: {text[:140]}"
    return None


def warmup(url: str | None = "http://127.0.0.1:8501") -> int:
    """Warm the app before a talk; prints one line per view; returns a shell exit code."""
    views = every_view()
    warehouse = WAREHOUSE
    if warehouse.exists():
        _read_through(warehouse)
        print(
            f"[warmup] read {warehouse.name} ({warehouse.stat().st_size / 1e6:.0f} MB) into the OS file cache"
        )
    if url and server_up(url):
        print(f"[warmup] opening {len(views)} views and their slides in headless chromium at {url}")
        print("         (this fills the running server's query and figure caches)")
        results = warm_browser(url, views)
    else:
        if url:
            print(f"[warmup] no app answering at {url}.")
        print(
            "[warmup] running every view in this process with AppTest. This checks each view opens\n"
            "         and warms the OS file cache and compiled .pyc files only; the caches of a\n"
            "         server started later are empty. Start the app (make run), then warm up again."
        )
        results = warm_in_process(views)
    for target, seconds, status in results:
        print(f"  {seconds * 1000:7.0f} ms  {status:<10} /{target}")
    failed = [r for r in results if r[2] != "ok"]
    print(f"[warmup] {len(results) - len(failed)}/{len(results)} views ok")
    return 1 if failed else 0


# ---------------------------------------------------------------------------------- presenting
def show_slide(story: str, slide: int, view: View) -> None:
    """Make the session look like a fresh visit to ``view``'s URL, once per slide change.

    Sets the URL to ``story``, ``slide`` and the view's parameters, and drops the widget state
    of the previous slide, so the view reads its choices from the URL as a shared link would.
    Later reruns on the same slide leave the URL alone: the presenter may use the view."""
    import streamlit as st

    shown = (story, slide)
    if st.session_state.get("present_shown") == shown:
        return
    for key in list(st.session_state.keys()):
        if not str(key).startswith("present_"):
            del st.session_state[key]
    st.query_params.from_dict({"story": story, "slide": str(slide), **view.params})
    st.session_state["present_shown"] = shown
