"""The acceptance story in a real browser, with the network off.

A new user opens the map on the North East, switches to HE entry by 19 for FSM pupils, clicks
Newcastle upon Tyne on the map, sees its profile with the CNUA and Leading Places markers on its
trend, copies the URL into a new tab and gets the same view. Any request to a non-local address
fails the test. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import json
import re
import time

import duckdb
import pytest
from conftest import ARTIFACTS, start_server, wait_idle

pytestmark = pytest.mark.browser
NEWCASTLE = "E08000021"


def pick(tab, label: str, option: str) -> None:
    """Choose an option in a Streamlit selectbox found by its label (role combobox)."""
    box = tab.get_by_role("combobox", name=label)
    box.scroll_into_view_if_needed()
    box.click()
    box.press_sequentially(option, delay=20)  # filter the list: long lists render lazily
    tab.get_by_role("option", name=option, exact=True).click(timeout=15_000)
    time.sleep(0.3)
    wait_idle(tab)


def wait_map(tab, timeout: float = 30) -> None:
    """Wait until the map has drawn its polygons (MapLibre reports loaded)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if tab.evaluate("""() => { const g = document.querySelector('.js-plotly-plot');
            const m = g && g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot.map;
            return !!(m && m.loaded() && m.getStyle().layers.some(l => l.id.endsWith('-fill'))); }"""):
            return
        time.sleep(0.25)
    raise AssertionError("the map did not draw")


def label_point(warehouse, code: str) -> tuple[float, float]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select lon, lat from marts.areas where area_code = $c", {"c": code}
        ).fetchone()


def click_area(tab, lon: float, lat: float) -> None:
    """Click the map at a lon/lat, using the map's own projection to find the pixel."""
    x, y = tab.evaluate(
        """([lon, lat]) => {
        const g = document.querySelector('.js-plotly-plot');
        const m = g._fullLayout.map._subplot.map;
        const p = m.project([lon, lat]);
        const r = m.getCanvas().getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }""",
        [lon, lat],
    )
    tab.mouse.move(x, y)
    time.sleep(0.5)  # let plotly register the hover before the click
    tab.mouse.click(x, y)


def test_map_to_profile_and_back_by_url(page, server, warehouse):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server + "/")  # the entry page registers the navigation
    wait_idle(page)
    page.goto(server + "/map")
    wait_idle(page)
    wait_map(page)
    assert page.get_by_role("combobox", name="Focus on").input_value() == "North East (region)"
    page.screenshot(path=ARTIFACTS / "map-north-east.png")

    pick(page, "Topic", "HE participation")
    pick(page, "Group", "FSM")
    assert "ind=he19_fsm" in page.url
    wait_map(page)
    page.screenshot(path=ARTIFACTS / "map-he19-fsm.png")

    lon, lat = label_point(warehouse, NEWCASTLE)
    click_area(page, lon, lat)
    page.wait_for_url(re.compile(r"/profile\?"), timeout=30_000)
    wait_idle(page)
    heading = page.get_by_role("heading", name="Newcastle upon Tyne", exact=True)
    heading.wait_for(timeout=30_000)
    assert f"area={NEWCASTLE}" in page.url and "ind=he19_fsm" in page.url
    spec = page.evaluate(
        "() => JSON.stringify(document.querySelector('.js-plotly-plot').layout.annotations.map(a => a.text))"
    )
    labels = json.loads(spec)
    assert (
        any(t.startswith("CNUA (2021") for t in labels) and "Leading Places 1 (2016–17)" in labels
    )
    time.sleep(1)
    page.screenshot(path=ARTIFACTS / "profile-newcastle.png")

    shared = page.url
    other = page.context.new_page()  # a new tab: a new Streamlit session
    other.goto(shared)
    wait_idle(other)
    other.get_by_role("heading", name="Newcastle upon Tyne", exact=True).wait_for(timeout=30_000)
    assert other.get_by_role("combobox", name="Group").input_value() == "FSM"
    other.screenshot(path=ARTIFACTS / "profile-newcastle-new-tab.png")
    assert page.external == [], f"requests left the machine: {page.external}"


def test_map_table_link_opens_a_profile(page, server):
    """The keyboard route to a profile: 'Open the profile of' → link."""
    page.goto(server + "/")
    wait_idle(page)
    page.goto(server + "/map?ind=he19_fsm&focus=E47000006")
    wait_idle(page)
    wait_map(page)  # let the (software-rendered) map settle before using the widgets below it
    pick(page, "Open the profile of", "Middlesbrough")
    page.get_by_role("link", name="Open Middlesbrough").click()
    page.get_by_role("heading", name="Middlesbrough", exact=True).wait_for(timeout=30_000)
    assert page.external == [], f"requests left the machine: {page.external}"


@pytest.mark.parametrize("path", ["/", "/map", "/profile?area=E08000021", "/compare"])
def test_pages_draw_offline(page, server, path):
    page.goto(server + "/")
    wait_idle(page)
    page.goto(server + path)
    wait_idle(page)
    if path == "/map":
        wait_map(page)
    time.sleep(2)
    assert not page.locator('[data-testid="stException"]').count()
    name = path.strip("/").split("?")[0] or "home"
    page.screenshot(path=ARTIFACTS / f"page-{name}.png", full_page=True)
    assert page.external == [], f"requests left the machine: {page.external}"


def test_a_deep_link_works_on_a_freshly_started_server(browser, warehouse, tmp_path):
    """A presenter starts the app and opens a bookmarked view first thing."""
    proc, url = start_server(warehouse, tmp_path / "streamlit.log")
    try:
        tab = browser.new_page()
        tab.goto(url + f"/profile?area={NEWCASTLE}")
        wait_idle(tab)
        tab.get_by_role("heading", name="Newcastle upon Tyne", exact=True).wait_for(timeout=30_000)
        # the app's own navigation (at the top: its sections open to the page links)
        tab.get_by_test_id("stTopNavSection").filter(has_text="Atlas").click()
        tab.get_by_role("menuitem", name="Map explorer").wait_for(timeout=10_000)
        tab.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
