"""Safe in public, in a real browser (issue 9): a link cannot inject markdown into a notice, and a
visitor never sees a traceback or a server path."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from conftest import ARTIFACTS, start_server, wait_idle

pytestmark = pytest.mark.browser

# (page, query) pairs from the reliability pass: links, images, bare URLs, LaTeX and HTML.
INJECTIONS = [
    ("before-after", {"pool": "[Login again,](//e.co)"}),
    ("before-after", {"pool": "![x,](//e.co/a)"}),
    ("map", {"period": "https://e.co/x", "ind": r"$\huge{X}$"}),
    ("compare", {"areas": "<img src=//e.co/b>,E08000021", "group": "www.e.co"}),
    ("partnerships", {"type": "[t](//e.co),a@e.co", "year": ":red[x]"}),
    ("catalogue", {"ind": "![i](https://e.co/i.png)"}),
    ("present", {"story": "<b>x</b>", "slide": "$1$"}),
]


@pytest.mark.parametrize(("path", "query"), INJECTIONS, ids=[p for p, _ in INJECTIONS])
def test_a_link_cannot_inject_markdown_into_a_notice(page, server, path, query):
    page.goto(f"{server}/{path}?{urlencode(query)}")
    wait_idle(page)
    notice = page.locator('[data-testid="stAlert"]', has_text="not recognised")
    notice.wait_for(timeout=30_000)
    text = notice.inner_text()
    for key in query:
        assert f"{key} = " in text, f"no notice for {key}: {text}"
    assert "e.co" in text or "$" in text or "<b>" in text  # what was typed, shown as text
    assert notice.locator("a").count() == 0, notice.inner_html()
    assert notice.locator("img").count() == 0, notice.inner_html()
    assert notice.locator(".katex, math, b, strong >> text=x").count() == 0, notice.inner_html()
    assert page.external == [], f"a notice made the browser fetch {page.external}"


def test_a_visitor_never_sees_a_traceback(browser, tmp_path):
    """A broken warehouse makes every page fail: the visitor gets the app's own plain message
    with what to do (issue 19: no longer Streamlit's error box), the server log gets the detail."""
    broken = tmp_path / "atlas.duckdb"
    broken.write_bytes(b"this is not a duckdb file\n" * 200)
    (tmp_path / "atlas.build.json").write_text(json.dumps({"fingerprint": "broken", "rows": {}}))
    log = tmp_path / "streamlit.log"
    proc, url = start_server(broken, log)
    try:
        tab = browser.new_page()
        tab.goto(url + "/map")
        wait_idle(tab)
        tab.get_by_text("The data warehouse cannot be used").wait_for(timeout=30_000)
        assert tab.get_by_text("This app has encountered an error").count() == 0
        shown = tab.locator('[data-testid="stMain"]').inner_text()
        tab.screenshot(path=ARTIFACTS / "error-for-visitors.png")
        tab.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    for leak in ("Traceback", str(tmp_path), "/site-packages/", ".py", "duckdb"):
        assert leak not in shown, f"the visitor sees {leak!r}: {shown}"
    logged = log.read_text()
    assert "cannot be used" in logged and "cannot be read" in logged
    assert str(broken) in logged, "the detail must reach the server log"
