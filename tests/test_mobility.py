"""The Social Mobility Commission's State of the Nation 2025 indices (issue 8, point 1).

Fast tier: the crosswalk seed's shape; an unknown SMC area name stops the build naming the file
and line (the real staging and values models on a copy of the raw files); the crosswalk data test
catches a district put in the wrong SMC area.
Pipeline tier: every name resolves, known groupings, one SMC area per district, every value and
category equal to the raw CSVs, the before/after reading.
App tier: the UK map has 205 areas coloured by their published category; Newcastle's profile
shows Promising Prospects for 2018-20 and 2021-24 beside the CNUA marker.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import map_classes, map_specs

from pipelines import RAW_DIR, SEEDS_DIR, SQL_DIR

NEWCASTLE, GATESHEAD = "E08000021", "E08000037"
CSVS = {
    "smc_childhood": "mobility/smc_son_CI1-2.0-conditions-of-childhood--full-dataset.csv",
    "smc_labour_young": "mobility/smc_son_CI2-2.0-labour-market-opportunities-for-young-people--full-dataset.csv",
    "smc_innovation": "mobility/smc_son_CI3-2.0-innovation-and-growth--full-dataset.csv",
    "smc_prospects": "mobility/smc_son_CI4-3.0-promising-prospects--full-dataset.csv",
}


def raw_rows() -> list[dict]:
    """Every row of the four raw CSVs, read with the csv module (independently of DuckDB)."""
    out = []
    for ind, rel in CSVS.items():
        with open(RAW_DIR / rel, encoding="utf-8", newline="") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                out.append({**row, "indicator_id": ind, "source_file": rel, "line": line})
    return out


def seed() -> pd.DataFrame:
    return pd.read_csv(SEEDS_DIR / "smc_area_lad.csv", dtype=str)


def model(name: str) -> str:
    layer, stem = name.split(".")
    return (SQL_DIR / layer / f"{stem}.sql").read_text()


# ---------------------------------------------------------------------------------- fast tier


def test_crosswalk_seed_shape():
    xw = seed()
    assert len(xw) == 361 and xw["lad24_code"].is_unique  # every UK 2024 district, once
    assert xw["smc_area"].nunique() == xw["smc_code"].nunique() == 205
    assert xw["smc_code"].str.fullmatch(r"[EWSN]98\d{6}").all()
    assert xw["evidence"].str.strip().str.len().gt(20).all()


def test_an_unknown_smc_area_name_stops_the_build_naming_file_and_line(tmp_path):
    for rel in CSVS.values():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(RAW_DIR / rel, tmp_path / rel)
    bad = tmp_path / CSVS["smc_prospects"]
    lines = bad.read_text(encoding="utf-8").splitlines(keepends=True)
    assert '"Angus"' in lines[3]
    lines[3] = lines[3].replace('"Angus"', '"Atlantis"')  # line 4 of the file
    bad.write_text("".join(lines), encoding="utf-8")
    con = duckdb.connect()
    con.execute(f"set file_search_path = '{tmp_path.as_posix()}'")
    for schema in ("seeds", "staging", "intermediate"):
        con.execute(f"create schema {schema}")
    con.execute(
        "create table seeds.smc_area_lad as select * from read_csv($p, all_varchar=true)",
        {"p": str(SEEDS_DIR / "smc_area_lad.csv")},
    )
    name = "staging.smc__son_composite_indices"
    con.execute(f"create table {name} as {model(name)}")
    with pytest.raises(duckdb.Error) as err:
        con.execute(
            f"create table intermediate.values__mobility as {model('intermediate.values__mobility')}"
        )
    message = str(err.value)
    assert '"Atlantis"' in message
    assert f"data/raw/{CSVS['smc_prospects']} line 4" in message


@pytest.fixture(scope="module")
def wh(warehouse: Path):
    con = duckdb.connect(str(warehouse), read_only=True)
    yield con
    con.close()


def test_crosswalk_test_catches_a_district_in_the_wrong_smc_area(wh):
    con = duckdb.connect()
    for schema in ("staging", "marts"):
        con.execute(f"create schema {schema}")
    for name in ("staging.smc__lad_map_check", "marts.smc_area_lads"):
        frame = wh.execute(f"select * from {name}").fetchdf()  # noqa: S608 (fixed names)
        con.register("_f", frame)
        con.execute(f"create table {name} as select * from _f")
        con.unregister("_f")
    check = (SQL_DIR / "tests" / "smc_crosswalk_valid.sql").read_text()
    assert con.execute(check).fetchdf().empty
    con.execute(
        "update marts.smc_area_lads set smc_area = 'Newcastle upon Tyne', smc_code = 'E98080021', "
        "lead_code = 'E08000021' where lad24_code = ?",
        [GATESHEAD],
    )
    problems = con.execute(check).fetchdf()
    assert GATESHEAD in set(problems["item"])
    assert problems["problem"].str.contains('mostly in the SMC map polygon "Gateshead"').any()


# ---------------------------------------------------------------------------------- pipeline tier


def test_every_smc_area_in_the_files_resolves(wh):
    names = {r["area_name"] for r in raw_rows()}
    resolved = set(wh.execute("select smc_area from marts.smc_areas").fetchdf()["smc_area"])
    assert len(names) == 205 and names == resolved
    nations = wh.execute("select nation, count(*) from marts.smc_areas group by 1").fetchall()
    assert dict(nations) == {"England": 150, "Scotland": 32, "Wales": 22, "Northern Ireland": 1}


@pytest.mark.parametrize(
    ("smc_area", "districts"),
    [
        ("Camden and City of London", {"E09000007", "E09000001"}),
        ("Cornwall and Isles of Scilly", {"E06000052", "E06000053"}),
        ("Cumbria", {"E06000063", "E06000064"}),
        ("North Ayrshire mainland", {"S12000021"}),
        ("Argyll and Bute Islands", {"S12000035"}),
        ("Durham", {"E06000047"}),
        ("Newcastle upon Tyne", {NEWCASTLE}),
    ],
)
def test_known_groupings(wh, smc_area, districts):
    got = wh.execute(
        "select lad24_code from marts.smc_area_lads where smc_area = ?", [smc_area]
    ).fetchdf()
    assert set(got["lad24_code"]) == districts


def test_county_and_country_groupings(wh):
    def lads(name: str) -> set[str]:
        q = "select lad24_code from marts.smc_area_lads where smc_area = ?"
        return set(wh.execute(q, [name]).fetchdf()["lad24_code"])

    norfolk = lads("Norwich and Norfolk")
    assert len(norfolk) == 7 and "E07000148" in norfolk  # Norwich
    cambs = lads("Cambridgeshire CC")
    assert len(cambs) == 5 and "E06000031" not in cambs  # Peterborough is its own SMC area
    ni = lads("Northern Ireland")
    assert len(ni) == 11 and all(c.startswith("N09") for c in ni)


def test_no_district_in_two_smc_areas_of_one_period(wh):
    counts = wh.execute(
        """
        select v.indicator_id, v.period, x.lad24_code, count(distinct v.smc_code) as n
        from marts.smc_index_values as v
        join marts.smc_area_lads as x using (smc_code)
        group by all
        """
    ).fetchdf()
    assert len(counts) == 361 * 14  # 3 indices x 4 periods + 2 periods: every district each time
    assert (counts["n"] == 1).all()


def test_values_and_categories_equal_the_raw_files(wh):
    codes = dict(zip(seed()["smc_area"], seed()["smc_code"], strict=False))
    got = wh.execute(
        """
        select v.indicator_id, v.area_code, v.period, v.year, v.value, v.source_file,
               c.category, c.category_rank, c.line
        from marts.indicator_values as v
        join marts.smc_index_values as c
            on c.indicator_id = v.indicator_id and c.smc_code = v.area_code and c.period = v.period
        """
    ).fetchdf()
    raw = raw_rows()
    assert len(got) == len(raw) == 2870
    got = got.set_index(["indicator_id", "area_code", "period"])
    for r in raw:
        first, last = re.fullmatch(r"(\d{4}) to (\d{4})", r["time_period"]).groups()
        row = got.loc[(r["indicator_id"], codes[r["area_name"]], f"{first}-{last[2:]}")]
        assert row["value"] == float(r["value"]), r
        assert row["year"] == int(last)
        assert row["category"] == r["secondary_split_value"]
        assert row["category_rank"] == int(r["group_number"])
        assert (row["source_file"], row["line"]) == (r["source_file"], r["line"])


def test_smc_areas_are_drawn_from_their_districts(wh):
    geo = wh.execute(
        "select area_code, geojson from marts.area_geometry where geo_level = 'smc'"
    ).fetchdf()
    assert len(geo) == 205
    fit = wh.execute(
        "select min(smc_map_iou), min(smc_map_covered) from marts.smc_areas"
    ).fetchone()
    assert fit[0] >= 0.80 and fit[1] >= 0.85  # against the Commission's own (generalised) map
    assert sum(len(t) for t in geo["geojson"]) < 800_000  # the map's size budget
    assert all(json.loads(t)["type"] in ("Polygon", "MultiPolygon") for t in geo["geojson"])


def test_before_after_reading_for_the_cnua(warehouse):
    from atlas.data import mobility

    out = mobility.before_after([NEWCASTLE], 2021)
    assert out["usable"]
    assert dict(zip(out["periods"]["period"], out["periods"]["position"], strict=True)) == {
        "2018-20": "before",
        "2021-24": "after",
    }
    row = out["areas"].iloc[0]
    assert (row["earlier_zscore"], row["later_zscore"]) == (-1.705, -0.191)
    assert (row["earlier_category"], row["later_category"]) == ("Least Favourable", "Middling")
    assert "up 1.51 standard deviations" in out["readings"][0]
    assert "not a controlled comparison" in out["caveat"]
    # a start inside the earlier period: nothing ends before it, so no reading
    assert not mobility.before_after([NEWCASTLE], 2019)["usable"]
    # a four-period index whose latest period straddles the start says so
    straddle = mobility.before_after([NEWCASTLE, GATESHEAD], 2021, "smc_childhood")
    assert straddle["usable"] and len(straddle["areas"]) == 2
    assert all("straddles the start" in s for s in straddle["readings"])
    # a district that is a small part of its SMC area is told so
    norwich = mobility.before_after(["E07000148"], 2021)
    assert "covers 1 of its 7 districts" in norwich["readings"][0]


# ---------------------------------------------------------------------------------- app tier


def test_uk_map_of_promising_prospects_colours_all_205_areas(open_page):
    at = open_page("map", ind="smc_prospects", period="2021-24", focus="E92000001")
    assert not at.exception, [e.message for e in at.exception]
    shown = map_classes(map_specs(at)[0])
    assert len(shown) == 205
    assert not any(v.startswith("No data") for v in shown.values())
    codes = dict(zip(seed()["smc_area"], seed()["smc_code"], strict=False))
    published = {
        codes[r["area_name"]]: r["secondary_split_value"]
        for r in raw_rows()
        if r["indicator_id"] == "smc_prospects" and r["time_period"] == "2021 to 2024"
    }
    assert {k: v.removesuffix(" (SMC)") for k, v in shown.items()} == published
    assert any(c.startswith(("S", "W", "N")) for c in shown)  # all four nations coloured
    text = "\n".join(m.value for m in at.markdown)
    assert "the whole UK" in text and "205 have a published value" in text


def test_newcastle_profile_shows_promising_prospects_beside_the_cnua(open_page):
    at = open_page("profile", area=NEWCASTLE, ind="smc_prospects")
    assert not at.exception, [e.message for e in at.exception]
    trend = json.loads(at.get("plotly_chart")[0].proto.spec)
    line = next(t for t in trend["data"] if t.get("name") == "Newcastle upon Tyne")
    points = dict(zip((c[0] for c in line["customdata"]), line["y"], strict=True))
    assert points == {"2018-20": -1.705, "2021-24": -0.191}
    labels = [a["text"] for a in trend["layout"]["annotations"]]
    assert any(t.startswith("CNUA (2021") for t in labels), labels
    text = "\n".join(str(e.value) for e in [*at.markdown, *at.caption])
    assert "Social Mobility Commission's area **Newcastle upon Tyne** (the same place)" in text
    panel = next(d.value for d in at.dataframe if "Category (as published)" in d.value)
    pp = panel[panel["Index"] == "Promising Prospects (SMC)"]
    assert list(pp["Period"]) == ["2018-20", "2021-24"]
    assert list(pp["Category (as published)"]) == ["Least Favourable", "Middling"]


def test_district_profile_names_its_smc_area(open_page):
    at = open_page("profile", area="E09000001", ind="smc_childhood")  # City of London
    assert not at.exception
    text = "\n".join(str(e.value) for e in [*at.markdown, *at.caption])
    assert "shown for Camden and City of London" in text


def test_map_export_keeps_the_published_category(open_page):
    from atlas.exports import views

    at = open_page("map", ind="smc_prospects", period="2018-20", focus="E12000001")
    assert not at.exception
    table = at.dataframe[0].value.set_index("area_name")
    assert len(table) == 12  # the North East's SMC areas
    assert table.loc["Newcastle upon Tyne", "comparison"] == "Least Favourable"
    from atlas.data import areas as A

    frame, _ = A.map_data("smc_prospects", "2018-20")
    meta = A.indicators().loc["smc_prospects"]
    out = views.map_export(frame, meta, "2018-20", None)
    newcastle = out[out["area_name"] == "Newcastle upon Tyne"].iloc[0]
    assert (newcastle["value"], newcastle["smc_category"]) == (-1.705, "Least Favourable")
    assert newcastle["note"] == "SMC category: Least Favourable (1 of 7)"


def test_the_spine_leaves_out_the_smc_indices(open_page):
    """The spine compares with England's range of local authorities; the SMC indices have neither
    an England value nor local-authority values, so they are shown in their own panel instead."""
    at = open_page("profile", area=NEWCASTLE)
    spine = next(
        json.loads(e.proto.spec)
        for e in at.get("plotly_chart")
        if json.loads(e.proto.spec)["layout"].get("barmode") == "overlay"
    )
    hover = "\n".join(
        "\n".join(t.get("hovertext") or []) for t in spine["data"] if t.get("hovertext")
    )
    assert "Attainment 8" in hover and "(SMC)" not in hover


def test_an_smc_area_opens_a_profile_that_exists(warehouse):
    from atlas.data import areas as A
    from atlas.data import mobility

    places = A.areas()
    assert mobility.profile_target(places, "E98100003") == "E10000003"  # Cambridgeshire CC
    assert mobility.profile_target(places, "E98090007") == "E09000007"  # Camden and City of London
    assert mobility.profile_target(places, "E98100006") == "E06000063"  # Cumbria -> Cumberland
    assert mobility.profile_target(places, NEWCASTLE) == NEWCASTLE  # not an SMC code: unchanged


def test_smc_map_focus_selects_areas(warehouse):
    from atlas.data import areas as A

    places = A.areas()
    assert len(A.members(places, "E92000001", "smc")) == 205  # England focus: the whole UK map
    assert len(A.members(places, "E12000001", "smc")) == 12  # North East
    assert len(A.members(places, "W92000004", "smc")) == 22  # Wales (once nations are areas)
    assert A.members(places, "N92000002", "smc") == ["N98920002"]
