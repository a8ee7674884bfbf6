"""The SMC map in a real browser, network off: Promising Prospects 2021-24 for the whole UK draws
205 areas; clicking an SMC area opens its lead authority's profile. Screenshot in test-artifacts/."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, click_area, wait_idle, wait_map

pytestmark = pytest.mark.browser

CAMBRIDGESHIRE_SMC = "E98100003"  # 'Cambridgeshire CC', lead authority E10000003


def test_uk_smc_map_draws_and_opens_the_lead_authority(page, server, warehouse):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server + "/")
    wait_idle(page)
    page.goto(server + "/map?ind=smc_prospects&period=2021-24&focus=E92000001")
    wait_idle(page)
    wait_map(page)
    drawn = page.evaluate(
        "() => document.querySelectorAll('.atlas-map path.atlas-area:not(.atlas-empty)').length"
    )
    assert drawn == 205
    assert page.get_by_text("the whole UK").count()
    page.screenshot(path=ARTIFACTS / "map-smc-promising-prospects-uk.png")
    click_area(page, CAMBRIDGESHIRE_SMC)
    page.get_by_role("heading", name="Cambridgeshire", exact=True).wait_for(timeout=30_000)
    assert "area=E10000003" in page.url and "ind=smc_prospects" in page.url
    wait_idle(page)  # the profile names the SMC area it shows
    page.locator("text=Cambridgeshire CC >> visible=true").first.wait_for(timeout=30_000)
    page.screenshot(path=ARTIFACTS / "profile-cambridgeshire-smc.png", full_page=True)
    assert page.external == [], f"requests left the machine: {page.external}"
