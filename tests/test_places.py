"""Find your place: postcodes (ONSPD November 2022 ranges) to today's councils, and a forgiving
place search — on the real raw file and warehouse, plus one hand-made fixture for the decoder."""

from __future__ import annotations

import csv
import json
import random
import subprocess
import sys

import numpy as np
import pytest

from atlas.data import places
from atlas.data.postcodes import PostcodeIndex, compact, is_postcode, pretty
from atlas.text.formatting import md
from pipelines import RAW_DIR
from pipelines.extracts.postcodes import FILE, decode, load_postcode_ranges

CUMBERLAND, WESTMORLAND, NORTH_YORKSHIRE, SOMERSET = (
    "E06000063",
    "E06000064",
    "E06000065",
    "E06000066",
)


# ---- the decoder, on a hand-made payload -------------------------------------------------------


def test_decoder_undoes_deltas_and_the_two_back_zeros():
    fixture = {  # synthetic: ranges A, B, A(0), B(0), A(0), none(NaN -> null)
        "postcode_keys": [100, 5, 5, 5, 5, 5],
        "value_key": [1, 2, 0, 0, 0, 3],
        "value_values": ["E06000001", "E06000002", None],
    }
    frame = decode(fixture)
    assert frame["range_start"].tolist() == [100, 105, 110, 115, 120, 125]
    assert frame["lad_code"].tolist()[:5] == ["E06000001", "E06000002"] * 2 + ["E06000001"]
    assert frame["lad_code"].isna().tolist() == [False] * 5 + [True]


def test_postcodes_are_read_any_way_they_are_typed():
    assert compact(" ne1 7ru ") == compact("NE17RU") == "NE17RU"
    assert pretty("sw1a0aa") == "SW1A 0AA"
    assert is_postcode("EH1 1YZ") and is_postcode("b11aa")
    assert not is_postcode("NE1") and not is_postcode("Newcastle") and not is_postcode("NE1 7CU")


# ---- the real file and warehouse -------------------------------------------------------------


@pytest.fixture(scope="module")
def raw_ranges():
    return load_postcode_ranges(RAW_DIR / FILE)


@pytest.fixture(scope="module")
def index(warehouse):
    return places.indexes()[0]


def successors_2023() -> dict[str, str]:
    """The April 2023 mergers read straight from the ONS change log (not through the build)."""
    with open(RAW_DIR / "geo/onsvisual_geo_changes_2018_2025.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    return {r["oldcd"]: r["newcd"] for r in rows if r["type"] == "merger" and r["start"] == "2023"}


def test_a_large_sample_of_gb_postcodes_resolves_to_todays_council(raw_ranges, index):
    """The first and last postcode of 5,000 randomly drawn GB ranges: the authority the directory
    gives them, moved through the 2023 mergers, is the lookup's for at least 99% (in fact all)."""
    merged = successors_2023()
    gb = raw_ranges[
        raw_ranges["lad_code"].notna()
        & raw_ranges["lad_code"].str.match(r"^[EWS]\d{8}$")
        & ~raw_ranges["first_postcode"].str.startswith("BT")
    ]
    ends = np.append(raw_ranges["range_start"].to_numpy()[1:], 0)
    sample = random.Random(17).sample(list(gb.index), 5000)
    checked = agree = 0
    for i in sample:
        want = merged.get(gb.at[i, "lad_code"], gb.at[i, "lad_code"])
        for n in (int(gb.at[i, "range_start"]), int(ends[i]) - 1):
            text = np.base_repr(n, 36)
            if not is_postcode(text):  # a range's last integer need not be a postcode's shape
                continue
            checked += 1
            agree += index.lookup(text).area_code == want
    assert checked > 8000
    assert agree / checked >= 0.99


@pytest.mark.parametrize(
    ("postcode", "code"),
    [
        ("NE1 7RU", "E08000021"),  # Newcastle upon Tyne
        ("ne17ru", "E08000021"),
        ("SW1A 0AA", "E09000033"),  # Westminster
        ("EH1 1YZ", "S12000036"),  # City of Edinburgh
        ("CA1 1QS", CUMBERLAND),  # Carlisle (was E07000028)
        ("CA14 2YQ", CUMBERLAND),  # Workington (was Allerdale)
        ("CA28 7SJ", CUMBERLAND),  # Whitehaven (was Copeland)
        ("LA9 4DL", WESTMORLAND),  # Kendal (was South Lakeland)
        ("LA14 2LD", WESTMORLAND),  # Barrow-in-Furness
        ("YO11 1AA", NORTH_YORKSHIRE),  # Scarborough
        ("HG1 2AE", NORTH_YORKSHIRE),  # Harrogate
        ("DL7 8AD", NORTH_YORKSHIRE),  # Northallerton (was Hambleton)
        ("TA1 1HE", SOMERSET),  # Taunton (was Somerset West and Taunton)
        ("BA20 1AA", SOMERSET),  # Yeovil (was South Somerset)
        ("TA6 3AA", SOMERSET),  # Bridgwater (was Sedgemoor)
        ("CF10 1EP", "W06000015"),  # Cardiff
        ("SY16 1AA", "W06000023"),  # Newtown, Powys
        ("FK8 2ET", "S12000030"),  # Stirling
    ],
)
def test_known_postcodes_open_the_right_council(index, postcode, code):
    assert index.lookup(postcode).area_code == code


def test_no_postcode_range_points_at_a_council_that_no_longer_exists(index, warehouse):
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("select area_code from marts.areas where is_current").fetchall()
    current = {r[0] for r in rows}
    assert set(index.codes) <= current
    assert not {"E07000026", "E07000163", "E07000187", "E07000246"} & set(index.codes)


def test_northern_ireland_unknown_and_malformed_postcodes_say_why(warehouse):
    bt = places.find("BT1 1AA")
    assert not bt.matches and "Northern Ireland" in bt.message and "11 councils" in bt.message
    new = places.find("ZZ1 1ZZ")
    assert not new.matches and "November 2022" in new.message and "place name" in new.message
    bad = places.find("NE1 7")
    assert not bad.matches and "looks like NE1 7RU" in bad.message


def test_index_memory_is_small(index):
    assert isinstance(index, PostcodeIndex)
    assert index.nbytes() < 2_000_000  # 66,851 ranges: ~0.7 MB of arrays


# ---- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code", "how"),
    [
        ("Newcastel", "E08000021", "spelling close to Newcastle upon Tyne"),
        ("newcastle upon tyne", "E08000021", "name"),
        ("Allerdale", CUMBERLAND, "former district Allerdale"),
        ("Aylesbury Vale", "E06000060", "former district Aylesbury Vale"),  # Buckinghamshire
        ("Scarborough", NORTH_YORKSHIRE, "former district Scarborough"),
        ("Taunton Deane", SOMERSET, "former district Taunton Deane"),
        ("Caerdydd", "W06000015", "Welsh name Caerdydd"),
        ("Stirlng", "S12000030", "spelling close to Stirling"),
        ("Belfst", "N09000003", "spelling close to Belfast"),
        ("Powys", "W06000023", "name"),
        ("Kingston upon Hull", "E06000010", "name"),
        ("North of Tyne", "E47000014", "former combined authority North of Tyne"),
        ("Tees Valley", "E47000006", "name"),
        ("yorkshire and the humber", "E12000003", "name"),
        ("Scotland", "S92000003", "name"),
    ],
)
def test_names_misspellings_and_former_names_rank_the_intended_area_first(
    warehouse, query, code, how
):
    found = places.find(query)
    assert found.matches, found.message
    assert (found.matches[0].area_code, found.matches[0].how) == (code, how)


def test_a_former_county_offers_each_council_that_replaced_it(warehouse):
    codes = [m.area_code for m in places.find("Cumbria").matches[:2]]
    assert sorted(codes) == [CUMBERLAND, WESTMORLAND]


def test_a_town_without_a_gazetteer_says_so_and_suggests_a_postcode(warehouse):
    found = places.find("Jesmond")
    assert not found.matches
    assert "no gazetteer of towns" in found.message and "postcode" in found.message


# ---- the search box (AppTest) -------------------------------------------------------------------


def search(open_page, text: str):
    at = open_page("find")
    at.text_input(key="q").input(text)
    at.button[0].click()
    return at.run()


def test_search_box_lists_matches_and_offers_ni_councils_for_a_bt_postcode(open_page):
    at = search(open_page, "Newcastel")
    assert not at.exception
    links = [p.proto.label for p in at.get("page_link")]
    assert links[0].startswith("Newcastle upon Tyne (council, England) — spelling close to")
    at = search(open_page, "bt1 1aa")
    assert not at.exception and md("Northern Ireland (BT) postcodes") in at.info[0].value
    ni = [p.proto.label for p in at.get("page_link")]
    assert len(ni) == 11 and "Belfast" in ni
    at = search(open_page, "Jesmond")
    assert "no gazetteer of towns" in at.info[0].value


def test_a_search_link_opens_on_its_answer_and_stays(open_page):
    """/find?q=…: the search is in the URL, so a link shares it. A postcode that arrives by link
    lists its council instead of leaving at once (Back would bounce to the profile); what the link
    typed is quoted as text, never as markdown (a link in an official-looking box)."""
    at = open_page("find", q="Newcastel")
    assert not at.exception
    links = [p.proto.label for p in at.get("page_link")]
    assert links[0].startswith("Newcastle upon Tyne (council, England) — spelling close to")
    at = open_page("find", q="ne1 7ru")
    assert not at.exception and at.title[0].value == "Find a place"
    links = [p.proto.label for p in at.get("page_link")]
    assert links == ["Newcastle upon Tyne (council, England) — postcode NE1 7RU"]
    at = open_page("find", q="[click](http://example.com)")
    said = at.info[0].value
    assert "[click](http" not in said and md("“[click](http://example.com)”") in said


# ---- the command line ---------------------------------------------------------------------------


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipelines", "place", *args], capture_output=True, text=True
    )


def test_cli_prints_json_matches_and_exits_2_with_one_line(warehouse):
    done = cli("ne1", "7ru", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows[0]["area_code"] == "E08000021" and rows[0]["area_name"] == "Newcastle upon Tyne"
    assert rows[0]["how"] == "postcode NE1 7RU"
    text = cli("Newcastel")
    assert text.stdout.splitlines()[0].startswith("E08000021  Newcastle upon Tyne  (lad, England)")
    missing = cli("Jesmond")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1


# ---- in a browser -------------------------------------------------------------------------------


@pytest.mark.browser
def test_postcode_opens_the_profile_and_nation_views_read_in_a_browser(page, server):
    """A postcode typed lower case without its space opens Newcastle's profile; Stirling, Powys
    and Belfast show no 'not published' tile; the NI map of inactivity 2023 paints its districts
    with a reason, not white; ?iv=LPIP-SC lands on the intervention with its areas outlined."""
    from conftest import ARTIFACTS, MAP_DRAWN, wait_idle, wait_map

    page.goto(server + "/find")
    wait_idle(page)
    page.get_by_role("textbox", name="Find a place: postcode or name").fill("ne17ru")
    page.get_by_role("button", name="Find", exact=True).click()
    page.wait_for_url("**/profile?**area=E08000021**", timeout=60_000)
    page.get_by_role("heading", name="Newcastle upon Tyne").first.wait_for(timeout=60_000)
    for code in ("S12000030", "W06000023", "N09000003"):  # Stirling, Powys, Belfast
        page.goto(server + f"/profile?area={code}")
        wait_idle(page)
        tiles = page.locator('[data-testid="stMetricValue"]')
        tiles.nth(5).wait_for(timeout=60_000)  # a loaded machine may still be drawing the tiles
        values = tiles.all_inner_texts()
        assert len(values) == 6 and "not published" not in values, (code, values)
        page.screenshot(path=ARTIFACTS / f"page-profile-{code}.png")
    page.goto(server + "/map?ind=inactivity_rate&period=2023&focus=N92000002")
    wait_idle(page)
    wait_map(page)
    fills = {
        page.locator(f'{MAP_DRAWN} path[data-code="N09{n:06d}"]').get_attribute("fill")
        for n in range(1, 12)
    }
    assert len(fills) == 1 and fills.isdisjoint({"#ffffff", "none", None})
    page.get_by_text("Not published for these councils").first.wait_for()
    page.screenshot(path=ARTIFACTS / "page-map-ni-inactivity.png", full_page=True)
    page.goto(server + "/partnerships?iv=LPIP-SC")
    wait_idle(page)
    wait_map(page)
    heading = page.locator("#one-intervention")
    heading.wait_for()
    page.wait_for_function(
        "() => { const r = document.getElementById('one-intervention').getBoundingClientRect();"
        " return r.top >= -5 && r.top < window.innerHeight / 2; }",
        timeout=30_000,
    )
    assert page.locator(f"{MAP_DRAWN} .atlas-outline").count() == 2
    page.screenshot(path=ARTIFACTS / "page-partnerships-lpip-sc.png")
    assert page.external == [], f"requests left the machine: {page.external}"
