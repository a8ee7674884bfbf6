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

import pytest
from conftest import ARTIFACTS, click_area, hover_area, start_server, wait_idle, wait_map

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

    click_area(page, NEWCASTLE)
    page.wait_for_url(re.compile(r"/profile\?"), timeout=30_000)
    wait_idle(page)
    heading = page.get_by_role("heading", name="Newcastle upon Tyne", exact=True)
    heading.wait_for(timeout=30_000)
    assert f"area={NEWCASTLE}" in page.url and "ind=he19_fsm" in page.url
    # the trend chart draws once the browser has plotly's code (the map page does not load it)
    page.wait_for_function(
        "() => { const g = document.querySelector('.js-plotly-plot'); return !!(g && g.layout); }",
        timeout=30_000,
    )
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
        assert tab.get_by_role("dialog").count() == 0  # no "Page not found" over the page
        # the app's own navigation (at the top: its sections open to the page links)
        tab.get_by_test_id("stTopNavSection").filter(has_text="Atlas").click()
        tab.get_by_role("menuitem", name="Map explorer").wait_for(timeout=10_000)
        tab.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_svg_map_hover_zoom_and_keyboard(page, server):
    """The map without a mouse: Tab reaches the focus areas, each named; Enter opens the profile.
    With one: hover shows the value, the buttons zoom and fit."""
    page.goto(server + "/map?ind=ks4_att8_all&period=2023/24")
    wait_idle(page)
    wait_map(page)
    shape = page.locator(f'.atlas-map path[data-code="{NEWCASTLE}"]')
    assert shape.get_attribute("role") == "button"
    assert shape.get_attribute("aria-label").startswith("Newcastle upon Tyne, 43.2, ")
    assert page.locator('.atlas-map path[data-code="E09000033"]').get_attribute("tabindex") is None
    hover_area(page, "E08000037")  # the tooltip reads the area out
    assert page.locator(".atlas-map-tip").inner_text().startswith("Gateshead\n")
    svg = page.locator(".atlas-map svg")
    home = svg.get_attribute("viewBox")
    page.get_by_role("button", name="Zoom in").click()
    zoomed = svg.get_attribute("viewBox")
    assert float(zoomed.split()[2]) < float(home.split()[2])
    page.get_by_role("button", name="Fit the map to the focus areas").click()
    assert svg.get_attribute("viewBox") == home
    page.get_by_role("button", name="Zoom in").focus()
    for _ in range(40):  # Tab through the page until a map area has the focus
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.dataset.code"):
            break
    code = page.evaluate("() => document.activeElement.dataset.code")
    tip = page.locator(".atlas-map-tip")
    assert tip.is_visible() and tip.inner_text().splitlines()[1].replace(".", "").isdigit()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/profile\?.*area={code}"), timeout=30_000)
    assert page.external == []
