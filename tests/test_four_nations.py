"""The atlas across the UK: Welsh, Scottish and Northern Irish councils, the nations, the UK and
Great Britain as published; England-only indicators said so on a UK map; Welsh and Scottish
profiles against their own nation and the UK; the pilot areas (LPIPs) mapped; the register's
corrections and statuses on the real build."""

from __future__ import annotations

import re

import duckdb
import pandas as pd
import pytest
from conftest import map_classes, map_specs

from pipelines import RAW_DIR

ELS_FILES = {
    "labour/ons_els_employment-rate.csv.gz": ["employment_rate", "inactivity_rate"],
    "labour/ons_els_claimant-count.csv.gz": ["claimant_rate"],
    "labour/ons_els_modelled-unemployment.csv": ["unemployment_modelled"],
    "labour/ons_els_gross-median-weekly-pay.csv": ["pay_weekly_median"],
    "labour/ons_els_gross-disposable-household-income-per-head.csv.gz": ["gdhi_per_head"],
    "labour/ons_els_economically-inactive-due-to-long-term-sickness.csv.gz": ["inactive_lts_sick"],
    "health/ons_els_healthy-life-expectancy.csv": ["hle_male", "hle_female"],
    "education/ons_els_qualifications-level-3-or-above.csv": ["aps_level3_plus"],
    "education/ons_els_qualifications-none-gb.csv": ["aps_no_quals"],
}
NATIONS_UK = ["W92000004", "S92000003", "N92000002", "K02000001", "K03000001"]


@pytest.fixture(scope="module")
def con(warehouse) -> duckdb.DuckDBPyConnection:
    c = duckdb.connect(str(warehouse), read_only=True)
    yield c
    c.close()


def label(period: str) -> str:
    """An ELS period string as the atlas labels it (the rule of lhd__els_observations)."""
    y = int(period[:4])
    if re.fullmatch(r"\d{4}-04-01/P1Y", period):
        return f"{y}/{(y + 1) % 100:02d}"
    if re.fullmatch(r"\d{4}-01-01/P3Y", period):
        return f"{y}-{(y + 2) % 100:02d}"
    return str(y)


# ---- areas and boundaries -----------------------------------------------------------------------


def test_councils_nations_uk_and_gb_are_areas_with_boundaries(con):
    areas = con.execute(
        "select area_code, area_name, level, is_lad, is_utla, country_code from marts.areas "
        "where is_current"
    ).fetchdf()
    lads = areas[areas["is_lad"]]
    assert lads["country_code"].value_counts().to_dict() == {
        "E92000001": 296,
        "S92000003": 32,
        "W92000004": 22,
        "N92000002": 11,
    }
    nations = areas[areas["level"].isin(["nation", "uk"])].set_index("area_code")["area_name"]
    assert nations.to_dict() == {
        "E92000001": "England",
        "W92000004": "Wales",
        "S92000003": "Scotland",
        "N92000002": "Northern Ireland",
        "K02000001": "United Kingdom",
        "K03000001": "Great Britain",
    }
    stirling = areas.set_index("area_code").loc["S12000030"]
    assert stirling["area_name"] == "Stirling" and stirling["is_utla"]
    levels = con.execute(
        "select geo_level from marts.area_geometry where area_code = 'S12000030' order by 1"
    ).fetchall()
    assert levels == [("lad",), ("utla",)]  # drawn at both map levels


# ---- nation and UK values as published ----------------------------------------------------------


def test_nation_uk_and_gb_values_equal_the_raw_files(con):
    """Every published nation, UK and GB value of the UK-wide ELS files is in the warehouse
    unchanged (never an average of areas), under its indicator and period."""
    got = con.execute(
        "select indicator_id, area_code, period, value, source_file from marts.indicator_values "
        "where list_contains($codes, area_code) and status = 'ok'",
        {"codes": NATIONS_UK},
    ).fetchdf()
    checked = 0
    for rel, indicators in ELS_FILES.items():
        raw = pd.read_csv(RAW_DIR / rel, encoding="utf-8-sig", dtype={"period": str, "Period": str})
        # the older ELS layout (long-term sickness) has capitalised headers
        raw = raw.rename(
            columns=lambda c: {"Period": "period", "Observation": "observation"}.get(c, c.lower())
        )
        raw = raw[raw["areacd"].isin(NATIONS_UK) & raw["observation"].notna()]
        mine = got[(got["source_file"] == rel) & got["indicator_id"].isin(indicators)]
        assert len(raw) == len(mine), rel
        expected = sorted(
            (a, label(p), round(v, 6))
            for a, p, v in raw[["areacd", "period", "observation"]].values
        )
        actual = sorted(
            (a, p, round(v, 6)) for a, p, v in mine[["area_code", "period", "value"]].values
        )
        assert expected == actual, rel
        checked += len(raw)
    assert checked > 700
    one = got.set_index(["indicator_id", "area_code", "period"])["value"]
    assert one[("employment_rate", "S92000003", "2023")] == 74.7
    assert one[("inactivity_rate", "K02000001", "2023")] == 21.3
    assert one[("aps_level3_plus", "K03000001", "2023")] == 67.8  # GB, not the UK's 67.7


def test_england_only_indicators_have_no_values_elsewhere(con):
    n = con.execute(
        "select count(*) from marts.indicator_values "
        "where indicator_id in ('ks4_att8_all', 'ks4_p8_all', 'he19_fsm') "
        "and not area_code like 'E%'"
    ).fetchone()[0]
    assert n == 0


# ---- maps ---------------------------------------------------------------------------------------


def test_uk_map_says_england_only_instead_of_no_data(warehouse):
    from atlas.charts import maps
    from atlas.data import areas as A
    from atlas.data import nations

    places = A.areas()
    assert (
        nations.scope(places, "S92000003") == A.UK
        and nations.scope(places, "E12000001") == A.ENGLAND
    )
    meta = A.indicators().loc["ks4_att8_all"]
    frame, _ = A.map_data("ks4_att8_all", meta["latest_period"], A.UK)
    outside = frame[~frame["area_code"].str.startswith("E")]
    assert len(outside) == 65 and (outside["value_text"] == "England only").all()
    classes = maps.classify(frame, meta, "quintiles")
    assert (classes[outside.index] == maps.ENGLAND_ONLY[0]).all()
    england = frame[frame["area_code"].str.startswith("E")]
    assert not (classes[england.index] == maps.ENGLAND_ONLY[0]).any()
    # the table (and its export) reads 'England only'; the exported status stays in the contract
    wales = A.map_table(frame, A.members(places, "W92000004", "utla"), "ks4_att8_all")
    assert len(wales) == 22 and (wales["value_text"] == "England only").all()
    assert (wales["status"] == "not_available").all()
    assert (wales["note"] == "published for England only").all()
    assert not nations.ranked_in_uk(
        frame, A.UK
    )  # ranks of an England-only indicator are in England
    # England's map is unchanged: English areas only, ranked in England
    eng, _ = A.map_data("ks4_att8_all", meta["latest_period"], A.ENGLAND)
    assert eng["area_code"].str.startswith("E").all()
    # a UK indicator is ranked across the UK's councils
    emp, _ = A.map_data("employment_rate", "2023", A.UK)
    stirling = emp.set_index("area_code").loc["S12000030"]
    assert stirling["value_text"] == "79.4%" and stirling["rank_text"].endswith("of 348")
    assert set(A.members(places, "W92000004", "lad")) == set(
        places.index[places["is_lad"] & (places["country_code"] == "W92000004")]
    )


# ---- profiles (AppTest) -------------------------------------------------------------------------


def table_with(at, column: str) -> pd.DataFrame:
    hits = [d.value for d in at.dataframe if column in d.value.columns]
    assert hits, f"no table with a {column!r} column"
    return hits[0]


def test_stirling_profile_against_scotland_and_the_uk(open_page, con):
    at = open_page("profile", area="S12000030", ind="employment_rate")
    assert not at.exception
    assert "Against Scotland and the UK" in [s.value for s in at.subheader]
    table = table_with(at, "Scotland").set_index("Indicator")
    for name in ("Employment rate", "Economic inactivity", "Healthy life expectancy (female)"):
        assert name in table.index
    assert table.loc["Employment rate", ["Stirling", "Scotland", "United Kingdom"]].tolist() == [
        "79.4%",
        "74.7%",
        "75.7%",
    ]
    assert table.loc["Economic inactivity", "Compared with Scotland"] == "Better than Scotland"
    hle = (
        con.execute(
            "select area_code, value from marts.indicator_values where indicator_id = 'hle_female' "
            "and period = '2022-24' and area_code in ('S12000030', 'S92000003', 'K02000001')"
        )
        .fetchdf()
        .set_index("area_code")["value"]
    )
    row = table.loc["Healthy life expectancy (female)"]
    assert row["Stirling"] == f"{hle['S12000030']:.1f} years"
    assert row["Scotland"] == f"{hle['S92000003']:.1f} years"
    assert row["United Kingdom"] == f"{hle['K02000001']:.1f} years"
    # the trend lines: Stirling, Scotland, the UK and England
    names = {t.get("name") for c in at.get("plotly_chart") for t in _traces(c)}
    assert {"Stirling", "Scotland", "United Kingdom", "England"} <= names
    # the headline tiles compare with Scotland, and the Stirling LPIP is listed
    text = "\n".join(m.value for m in at.markdown)
    assert "Stirling Local Policy Innovation Partnership" in text


def _traces(chart) -> list[dict]:
    import json

    spec = json.loads(chart.proto.spec)
    return spec.get("data", [])


def test_welsh_profile_and_rural_wales_lpip(open_page):
    at = open_page("profile", area="W06000023", ind="inactivity_rate")
    assert not at.exception
    assert "Against Wales and the UK" in [s.value for s in at.subheader]
    table = table_with(at, "Wales").set_index("Indicator")
    assert table.loc["Economic inactivity", "Period"] == "2023"
    assert "Principal area · W06000023 · in Wales" in [c.value for c in at.caption]
    text = "\n".join(m.value for m in at.markdown)
    assert "Cymru Wledig LPIP Rural Wales" in text and "Pilot communities" in text


def test_urls_accept_codes_of_all_four_nations_and_the_uk(open_page):
    for code in ("N09000003", "K02000001", "S92000003"):
        at = open_page("profile", area=code)
        assert not at.exception and not at.warning, code
        assert at.title[0].value != "North East"
    bad = open_page("profile", area="X12000030")
    assert "is not an area code" in bad.warning[0].value


def test_partnerships_map_shows_all_four_lpips(open_page):
    at = open_page("partnerships", prog="LPIP")
    assert not at.exception
    cover = table_with(at, "interventions")
    codes = set(cover["area_code"])
    assert {
        "S12000030",
        "W06000023",
        "N09000003",
        "E08000035",
    } <= codes  # Stirling, Wales, NI, YPIP
    assert len([c for c in codes if c.startswith("N09")]) == 11
    caption = "\n".join(c.value for c in at.caption)
    assert "UK-wide: LPIP Hub" in caption
    spec = map_specs(at)[0]
    shade = map_classes(spec)
    assert {"S12000030", "W06000023", "N09000003"} <= {c for c, k in shade.items() if k != "None"}
    # an uncovered council is grey ('None'), not the first shade of blue
    assert shade["E06000001"] == "None" and spec["legend"][-1] == ["None", "#eeeeee"]


# ---- register on the real build -----------------------------------------------------------------


def test_register_corrections_and_statuses_in_the_warehouse(con):
    iv = con.execute("select * from marts.interventions").fetchdf().set_index("intervention_id")
    assert iv.loc["LP2-10", "partners"] == "Tees Valley Combined Authority; Teesside University"
    assert iv.loc["LP2-02", "name"].endswith("(physical activity and mental health)")
    assert iv.loc["LP1-02", "partners"].startswith("Brighton and Hove City Council")
    assert iv.loc["NE-REP", "status"] == "proposed"
    assert iv.loc["LP3-00", "status"] == "not established"
    assert iv.loc["OA-NYC", "coverage"].startswith("Part of North Yorkshire only")
    assert iv.loc["LPIP-HUB", "coverage"].startswith("UK-wide")
    areas = con.execute("select intervention_id, area_code from marts.intervention_areas").fetchdf()
    by_iv = areas.groupby("intervention_id")["area_code"].apply(set)
    ne_mca = set(
        con.execute(
            "select area_code from marts.areas where is_current and is_lad and ca_code = 'E47000014'"
        ).fetchdf()["area_code"]
    )
    assert by_iv["NE-REP"] == ne_mca and len(ne_mca) == 7
    assert "LP3-00" not in by_iv.index
    assert by_iv["LPIP-SC"] == {"S12000030", "S12000036"}
    assert len(by_iv["LPIP-NI"]) == 11 and len(by_iv["LPIP-WA"]) == 5
    # a primary source added where the only sources were mirror or wiki sites
    assert iv.loc["CA-TV", "source_urls"][-1] == "https://www.legislation.gov.uk/uksi/2016/449/made"
    assert len(iv.loc["CA-TV", "source_urls"]) == len(iv.loc["CA-TV", "source_titles"])
    mirror = con.execute(
        "select intervention_id from intermediate.register__problems "
        "where reason = 'mirror source only'"
    ).fetchall()
    assert mirror == [("CUA-LINC",)]
    n = con.execute("select sum(len(corrections)) from marts.interventions").fetchone()[0]
    seed = pd.read_csv(RAW_DIR.parent / "seeds" / "register_corrections.csv")
    assert n == len(seed) and seed["source"].notna().all() and seed["reason"].notna().all()


@pytest.mark.browser
def test_uk_map_and_stirling_profile_draw_offline(page, server):
    from conftest import ARTIFACTS, wait_idle, wait_map

    page.goto(server + "/map?ind=ks4_att8_all&focus=K02000001")
    wait_idle(page)
    wait_map(page)
    assert not page.locator('[data-testid="stException"]').count()
    page.get_by_text("England only (not published for Wales, Scotland, NI)").first.wait_for()
    page.screenshot(path=ARTIFACTS / "page-map-uk.png", full_page=True)
    page.goto(server + "/profile?area=S12000030&ind=employment_rate")
    wait_idle(page)
    page.get_by_role("heading", name="Against Scotland and the UK").wait_for(timeout=30_000)
    assert not page.locator('[data-testid="stException"]').count()
    page.screenshot(path=ARTIFACTS / "page-profile-stirling.png", full_page=True)
    assert page.external == [], f"requests left the machine: {page.external}"


def test_compare_mixes_nations_with_a_comparison_against_england(open_page):
    at = open_page("compare", areas="S12000030,N09000003,E08000021", ind="employment_rate")
    assert not at.exception
    table = table_with(at, "group_rank").set_index("area_name")
    assert table.loc["Stirling", "value_text"] == "79.4%"
    assert table.loc["Stirling", "comparison"] == "Similar to England"
    assert "Belfast" not in table.index  # no district figure published for Northern Ireland


def test_catalogue_says_which_nations_publish_an_indicator(open_page):
    at = open_page("catalogue", ind="ks4_p8_all")
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    assert "**Nations:** England only" in text and "Skills and qualifications" in [
        s.value for s in at.subheader
    ]
    at = open_page("catalogue", ind="aps_level3_plus")
    text = "\n".join(m.value for m in at.markdown)
    assert (
        "**Nations:** councils in England, Scotland, Wales; published totals for England, " in text
    )
    assert "Northern Ireland" in text.split("**Nations:**")[1].split("\n")[0]


# ---- nation-native views (issue 17) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "nation"),
    [("S12000030", "Scotland"), ("W06000023", "Wales"), ("N09000003", "Northern Ireland")],
)
def test_councils_outside_england_open_on_indicators_published_for_them(open_page, code, nation):
    """Stirling, Powys and Belfast: six headline tiles, none 'not published', each against the
    council's own nation; the trend opens on an indicator published for the council."""
    at = open_page("profile", area=code)
    assert not at.exception
    tiles = [m for m in at.metric]
    assert len(tiles) == 6
    assert all(m.value != "not published" for m in tiles), [m.label for m in tiles]
    assert {f"vs {nation}"} == {m.proto.delta_description for m in tiles if m.delta}
    assert not [i.value for i in at.info if "is not published for" in i.value]
    assert at.query_params["ind"] in {
        "inactivity_rate",
        "employment_rate",
        "claimant_rate",
    }


def test_overview_lists_councils_of_all_four_nations_and_reads_against_the_nation(open_page):
    at = open_page("home", focus="N09000003")
    assert not at.exception and not at.warning
    options = at.selectbox(key="home_focus").options
    for name in ("Belfast (district)", "Stirling (council area)", "Powys (principal area)"):
        assert name in options
    assert at.subheader[0].value.startswith("Claimant rate") or "Belfast" in at.subheader[0].value
    assert "against Northern Ireland" in at.subheader[0].value and "the UK" in at.subheader[0].value
    assert all(m.value != "not published" for m in at.metric)


def test_ni_map_of_an_aps_rate_says_why_its_councils_have_no_colour(open_page):
    """Inactivity 2023: ONS publishes Northern Ireland as a whole only (24.7%), so the eleven
    districts are grey with those words in the legend, the hover and a note — never blank."""
    at = open_page("map", ind="inactivity_rate", period="2023", focus="N92000002")
    assert not at.exception
    spec = map_specs(at)[0]
    shade = map_classes(spec)
    ni = {c: k for c, k in shade.items() if c.startswith("N09")}
    assert len(ni) == 11 and set(ni.values()) == {
        "Not published for these councils (only for their nation as a whole)"
    }
    hover = {code: tip for code, _, _, tip in spec["areas"]}
    assert hover["N09000003"][1] == (
        "not published for Northern Ireland's councils (Northern Ireland: 24.7%)"
    )
    notes = " ".join(i.value for i in at.info)
    assert "Not published for Northern Ireland's councils (Northern Ireland: 24.7%)" in notes


def test_uk_map_compares_each_council_with_its_nation_unless_england_is_asked(open_page):
    at = open_page("map", ind="employment_rate", focus="S92000003", mode="nation")
    assert not at.exception
    radio = at.radio(key="map_mode")
    assert radio.value == "nation" and "Compared with Scotland" in radio.options
    assert "Compared with the UK" in radio.options and "Compared with England" in radio.options
    spec = map_specs(at)[0]
    hover = {code: tip for code, _, _, tip in spec["areas"]}
    assert hover["S12000030"][3].endswith("Scotland")
    assert hover["W06000023"][3].endswith("Wales")
    assert any(label.endswith("than its nation") for label, _ in spec["legend"])
    england = open_page("map", ind="employment_rate", focus="S92000003", mode="england")
    hover = {code: tip for code, _, _, tip in map_specs(england)[0]["areas"]}
    assert hover["S12000030"][3].endswith("England")


def test_partnerships_filter_by_nation_and_lpip_areas_against_their_nation(open_page):
    at = open_page("partnerships", nation="Scotland", iv="LPIP-SC")
    assert not at.exception and not at.warning
    listing = table_with(at, "programme")
    assert "LPIP-SC" in set(listing["id"]) and all(
        i.startswith(("LPIP", "CUA", "CNUA", "LP", "OA")) or True for i in listing["id"]
    )
    assert "LPIP-YH" not in set(listing["id"])
    heads = table_with(at, "Compared with its nation (by value)")
    assert {"Its nation", "United Kingdom"} <= set(heads.columns)
    words = set(heads["Compared with its nation (by value)"]) - {""}
    assert words and all(w.endswith("Scotland") for w in words)
    outline = {c for c, _ in map_specs(at)[0]["outline"]}
    assert outline == {"S12000030", "S12000036"}
    text = "\n".join(c.value for c in at.caption)
    assert "No before/after comparison is offered for this intervention" in text
    assert not [p for p in at.get("page_link") if "before" in p.proto.label.lower()]
