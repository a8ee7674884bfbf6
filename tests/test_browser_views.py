"""The profile's tab is part of the URL (issue 11, point 8): a shared link reopens on the same
tab, and choosing a tab updates the address bar."""

from __future__ import annotations

import pytest
from conftest import wait_idle

pytestmark = pytest.mark.browser


def test_profile_tab_is_in_the_url(page, server):
    page.goto(server + "/")
    wait_idle(page)
    page.goto(f"{server}/profile?area=E08000021&tab=All+indicators")
    wait_idle(page, 120_000)
    selected = page.get_by_role("tab", selected=True)
    assert selected.inner_text().strip() == "All indicators"
    page.get_by_role("tab", name="Partnerships here").click()
    wait_idle(page)
    page.wait_for_function("() => location.search.includes('tab=Partnerships')", timeout=15_000)
    assert "area=E08000021" in page.url
    assert page.external == []


def test_area_chips_show_whole_names(browser, server):
    """Chips were cut ("Regional university partn…"); at 1024 px they now show whole names."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    tab = context.new_page()
    tab.goto(server + "/")
    wait_idle(tab)
    tab.goto(f"{server}/map?prog=Regional+university+partnerships,Regional+Education+Partnerships")
    wait_idle(tab, 120_000)
    chips = tab.locator(".stMultiSelect [data-tag] > span[title]")
    chips.first.wait_for(timeout=60_000)
    cut = tab.evaluate("""() => [...document.querySelectorAll(
        ".stMultiSelect [data-tag] > span[title]")]
        .filter(s => s.scrollWidth > s.clientWidth + 1).map(s => s.textContent)""")
    assert chips.count() == 2 and cut == []
    context.close()


def test_a_link_to_one_intervention_lands_on_it(browser, server):
    """``/partnerships?iv=…`` scrolls to "One intervention" (a script-only ``st.html``; the
    deprecated ``components.v1.html`` did it before); without ``iv`` the page stays at its top."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tops = {}
    for query in ("?iv=CUA-NCL", ""):
        tab.goto(f"{server}/partnerships{query}")
        wait_idle(tab, 120_000)
        tab.wait_for_timeout(1500)
        tops[query] = tab.evaluate(
            "() => document.getElementById('one-intervention').getBoundingClientRect().top"
        )
    assert 0 <= tops["?iv=CUA-NCL"] < 200 and tops[""] > 900, tops
    context.close()


def test_place_matches_show_whole_labels_on_a_phone(browser, server):
    """Find a place on a 390 px phone cut a match's label ("Cumberland (council, England) —
    former district Allerd…"); the label now wraps, every word on screen."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    tab = context.new_page()
    tab.goto(f"{server}/find?q=allerdale")
    wait_idle(tab, 120_000)
    links = tab.locator('[class*="st-key-matches_"] [data-testid="stPageLink-NavLink"]')
    links.first.wait_for(timeout=60_000)
    seen = tab.evaluate("""() => [...document.querySelectorAll(
        '[class*="st-key-matches_"] [data-testid="stPageLink-NavLink"]')].map(a => {
          const cut = [...a.querySelectorAll('span, p')]
            .filter(e => e.scrollWidth > e.clientWidth + 1).length;
          const r = a.getBoundingClientRect();
          return [a.innerText.trim(), cut, r.right <= window.innerWidth, r.height]; })""")
    context.close()
    labels = [s[0] for s in seen]
    assert "Cumberland (council, England) — former district Allerdale" in " ".join(
        labels[0].split()
    )
    assert [s for s in seen if s[1] or not s[2]] == []  # nothing cut, nothing off the screen
    assert seen[0][3] > 30  # on two lines at 390 px
