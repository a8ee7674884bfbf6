"""Geography: district successors, the areas mart, map geometry, comparators and context values.

Fast tier: the SQL models run on hand-made rows in an in-memory DuckDB (successor chains through
interim codes, historic areas, county combined-authority rule, Census rebuild of merged districts).
Pipeline tier: a partial build of the geography marts on the real raw files, checked against
known codes and recomputed independently from the raw CSVs.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import shapely

import pipelines.build as runner
from pipelines import RAW_DIR, SQL_DIR
from pipelines.extracts import geo, smc

MAP_BUDGET_BYTES = 800_000


def model(name: str) -> str:
    layer, stem = name.split(".")
    return (SQL_DIR / layer / f"{stem}.sql").read_text()


def run(con: duckdb.DuckDBPyConnection, *names: str) -> None:
    for name in names:
        con.execute(f"create or replace table {name} as\n{model(name)}")


def table(con: duckdb.DuckDBPyConnection, name: str, columns: str, rows: list[tuple]) -> None:
    con.execute(f"create table {name} ({columns})")
    if rows:
        marks = ", ".join("?" * len(rows[0]))
        con.executemany(f"insert into {name} values ({marks})", rows)


SQUARE = '{"type":"Polygon","coordinates":[[[-1,52],[-1,53],[0,53],[0,52],[-1,52]]]}'
BOUNDARY_COLUMNS = (
    "area_code VARCHAR, area_name VARCHAR, geo_level VARCHAR, geojson VARCHAR, "
    "lon DOUBLE, lat DOUBLE, boundary VARCHAR"
)


@pytest.fixture
def fake() -> duckdb.DuckDBPyConnection:
    """A toy England: Somerset (via Somerset West and Taunton), North Yorkshire + York in a CA,
    two Hertfordshire districts (one recoded in 2013), BCP and Dorset."""
    con = duckdb.connect()
    for schema in ("staging", "intermediate", "marts"):
        con.execute(f"create schema {schema}")
    sw, yh, ee = (
        ("E12000009", "South West"),
        ("E12000003", "Yorkshire and The Humber"),
        ("E12000006", "East of England"),
    )
    lads = [
        ("E06000066", "Somerset", *sw),
        ("E06000065", "North Yorkshire", *yh),
        ("E06000014", "York", *yh),
        ("E07000240", "St Albans", *ee),
        ("E07000095", "Broxbourne", *ee),
        ("E06000058", "Bournemouth, Christchurch and Poole", *sw),
        ("E06000059", "Dorset", *sw),
    ]
    table(
        con,
        "staging.ons_geo__lad23_rgn23",
        "lad_code VARCHAR, lad_name VARCHAR, region_code VARCHAR, region_name VARCHAR",
        lads,
    )
    table(
        con,
        "staging.ons_geo__lad23_ctyua23",
        "lad_code VARCHAR, lad_name VARCHAR, utla_code VARCHAR, utla_name VARCHAR",
        [(c, n, c, n) for c, n, *_ in lads if not c.startswith("E07")]
        + [
            ("E07000240", "St Albans", "E10000015", "Hertfordshire"),
            ("E07000095", "Broxbourne", "E10000015", "Hertfordshire"),
        ],
    )
    table(
        con,
        "staging.ons_geo__lad24_cauth24",
        "lad_code VARCHAR, lad_name VARCHAR, ca_code VARCHAR, ca_name VARCHAR",
        [
            ("E06000014", "York", "E47000012", "York and North Yorkshire"),
            ("E06000065", "North Yorkshire", "E47000012", "York and North Yorkshire"),
            ("E07000240", "St Albans", "E47000099", "Imaginary CA"),
        ],
    )  # only one Herts district
    table(
        con,
        "staging.ons_geo__lad11_lad21",
        "lad11_code VARCHAR, lad11_name VARCHAR, lad21_code VARCHAR, lad21_name VARCHAR",
        [
            ("E07000100", "St Albans", "E07000240", "St Albans"),
            ("E07000190", "Taunton Deane", "E07000246", "Somerset West and Taunton"),
            ("E07000191", "West Somerset", "E07000246", "Somerset West and Taunton"),
            ("E07000163", "Craven", "E07000163", "Craven"),
            ("W06000001", "Isle of Anglesey", "W06000001", "Isle of Anglesey"),
        ],
    )
    table(
        con,
        "staging.ons_geo__changes",
        "old_code VARCHAR, old_name VARCHAR, new_code VARCHAR, new_name VARCHAR, "
        "change_type VARCHAR, start_year INTEGER",
        [
            (
                "E07000190",
                "Taunton Deane",
                "E07000246",
                "Somerset West and Taunton",
                "merger",
                2019,
            ),
            (
                "E07000191",
                "West Somerset",
                "E07000246",
                "Somerset West and Taunton",
                "merger",
                2019,
            ),
            ("E07000246", "Somerset West and Taunton", "E06000066", "Somerset", "merger", 2023),
            ("E07000187", "Mendip", "E06000066", "Somerset", "merger", 2023),
            ("E07000163", "Craven", "E06000065", "North Yorkshire", "merger", 2023),
            ("E07000164", "Hambleton", "E06000065", "North Yorkshire", "merger", 2023),
            ("E07000048", "Christchurch", "E06000058", "BCP", "merger", 2019),
            ("E06000028", "Bournemouth", "E06000058", "BCP", "merger", 2019),
            ("E10000027", "Somerset", None, None, "termination", 2023),
            ("E10000023", "North Yorkshire", None, None, "termination", 2023),
            ("E10000009", "Dorset", None, None, "termination", 2019),
            ("E08000016", "Barnsley", "E08000038", "Barnsley", "new_code", 2025),
        ],
    )
    for level in ("lad", "utla", "region", "ca"):
        table(
            con,
            f"staging.ons_geo__{level}_boundaries",
            BOUNDARY_COLUMNS,
            [("E06000065", "North Yorkshire", level, SQUARE, -1.5, 54.1, "test")],
        )
    # no SMC areas in the toy England (tests/test_mobility.py covers them)
    con.execute("create schema seeds")
    table(con, "seeds.smc_area_lad", "smc_area VARCHAR, smc_code VARCHAR, lad24_code VARCHAR", [])
    table(con, "staging.smc__boundaries", BOUNDARY_COLUMNS, [])
    run(
        con,
        "intermediate.lad_successors",
        "intermediate.utla_successors",
        "intermediate.areas__smc",
        "marts.areas",
    )
    return con


def one(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> dict:
    df = con.execute(sql, params or []).fetchdf()
    assert len(df) == 1, df
    return df.iloc[0].to_dict()


def test_successor_chain_through_interim_code(fake):
    # Taunton Deane -> Somerset West and Taunton (2019) -> Somerset (2023): ends at the 2024 code,
    # dated to the year the old code ceased
    row = one(fake, "select * from intermediate.lad_successors where old_code = 'E07000190'")
    assert (row["lad24_code"], row["change_year"], row["change_type"]) == (
        "E06000066",
        2019,
        "merged",
    )
    interim = one(fake, "select * from intermediate.lad_successors where old_code = 'E07000246'")
    assert (interim["lad24_code"], interim["change_year"]) == ("E06000066", 2023)
    recode = one(fake, "select * from intermediate.lad_successors where old_code = 'E07000100'")
    assert (recode["lad24_code"], recode["change_type"]) == ("E07000240", "renamed")
    # a 2025 recode of a district outside the 2024 set is not a 2024 successor; Wales is ignored
    codes = set(
        fake.execute("select old_code from intermediate.lad_successors").fetchdf()["old_code"]
    )
    assert "E08000016" not in codes and "W06000001" not in codes
    assert (
        fake.execute(
            "select count(*) from intermediate.lad_successors where change_type = 'unchanged'"
        ).fetchone()[0]
        == 7
    )


def test_merged_district_is_historic_area_pointing_at_successor(fake):
    craven = one(fake, "select * from marts.areas where area_code = 'E07000163'")
    assert not bool(craven["is_current"])
    assert (craven["successor_code"], craven["vintage"]) == ("E06000065", "2023")
    # a historic district carries the 2024 geography it now lies in
    assert (craven["region_code"], craven["ca_code"]) == ("E12000003", "E47000012")
    christchurch = one(fake, "select * from marts.areas where area_code = 'E07000048'")
    assert (christchurch["successor_code"], christchurch["vintage"]) == ("E06000058", "2019")


def test_ceased_counties_and_current_county_ca_rule(fake):
    dorset = one(fake, "select * from marts.areas where area_code = 'E10000009'")
    # Dorset county's whole successor is Dorset unitary; BCP only took Christchurch
    assert (dorset["level"], dorset["successor_code"], dorset["vintage"]) == (
        "county",
        "E06000059",
        "2019",
    )
    herts = one(fake, "select * from marts.areas where area_code = 'E10000015'")
    assert bool(herts["is_current"]) and bool(herts["is_utla"]) and not bool(herts["is_lad"])
    assert herts["region_code"] == "E12000006"
    # only one of its two districts is in a combined authority, so the county is in none
    assert herts["ca_code"] is None
    york_ca = one(fake, "select * from marts.areas where area_code = 'E47000012'")
    assert (york_ca["level"], york_ca["region_code"]) == ("ca", "E12000003")
    ny = one(fake, "select * from marts.areas where area_code = 'E06000065'")
    assert bool(ny["is_utla"]) and (ny["lon"], ny["lat"]) == (-1.5, 54.1)


def test_census_rebuilds_merged_district_from_counts(fake):
    table(
        fake,
        "staging.census__ts067_qualifications",
        "lad21_code VARCHAR, lad21_name VARCHAR, country VARCHAR, n_aged16plus BIGINT, "
        "n_no_qualifications BIGINT, n_level1_entry BIGINT, n_level2 BIGINT, n_apprenticeship BIGINT, "
        "n_level3 BIGINT, n_level4_plus BIGINT, n_other BIGINT, n_under16_does_not_apply BIGINT, "
        "pct_level4_plus DOUBLE, pct_no_qualifications DOUBLE",
        [
            ("E07000163", "Craven", "England", 1000, 100, 0, 0, 0, 0, 500, 0, 0, 50.0, 10.0),
            ("E07000164", "Hambleton", "England", 3000, 600, 0, 0, 0, 0, 600, 0, 0, 20.0, 20.0),
            ("E06000014", "York", "England", 2000, 200, 0, 0, 0, 0, 900, 0, 0, 45.0, 10.0),
            ("W06000001", "Isle of Anglesey", "Wales", 9, 9, 0, 0, 0, 0, 0, 0, 0, 0.0, 100.0),
        ],
    )
    table(
        fake,
        "staging.ons_population__mye_total",
        "area_code VARCHAR, area_name VARCHAR, ons_geography VARCHAR, year INTEGER, population BIGINT",
        [
            ("E92000001", "ENGLAND", "Country", 2023, 100),
            ("W92000004", "WALES", "Country", 2023, 5),
            ("E11000001", "Greater Manchester", "Metropolitan County", 2023, 7),
        ],
    )
    run(fake, "intermediate.values__context")
    v = (
        fake.execute("select * from intermediate.values__context")
        .fetchdf()
        .set_index(["indicator_id", "area_code"])
    )
    ny = v.loc[("census_level4_plus", "E06000065")]
    # (500 + 600) / (1000 + 3000), not the mean of 50% and 20%
    assert ny["value"] == 27.5 and ny["note"] == "rebuilt from 2021 districts"
    assert ny["source_measure"] == "n_level4_plus / n_aged16plus"
    york = v.loc[("census_level4_plus", "E06000014")]
    assert (
        york["value"] == 45.0
        and york["source_measure"] == "pct_level4_plus"
        and pd.isna(york["note"])
    )
    assert v.loc[("census_no_quals", "E92000001")]["value"] == round(100 * 900 / 6000, 2)
    assert v.loc[("census_no_quals", "E12000003")]["value"] == 15.0
    # Wales: its districts as published, Wales summed from their counts (never in England's sums)
    assert v.loc[("census_no_quals", "W06000001")]["value"] == 100.0
    assert v.loc[("census_no_quals", "W92000004")]["value"] == 100.0
    assert {a for _, a in v.index} == {
        "E06000065",
        "E06000014",
        "E12000003",
        "E92000001",
        "W06000001",
        "W92000004",
    }
    assert list(
        fake.execute("select * from intermediate.values__context limit 0").fetchdf().columns
    ) == [
        "indicator_id",
        "area_code",
        "period",
        "year",
        "value",
        "lower_ci",
        "upper_ci",
        "status",
        "source_file",
        "source_measure",
        "note",
    ]


def test_data_tests_catch_a_broken_areas_table(fake):
    fake.execute("insert into marts.areas select * from marts.areas where area_code = 'E06000014'")
    fake.execute("update marts.areas set area_code = 'E6000014' where area_code = 'E07000095'")
    for name, expected in [
        ("areas_key_unique", {"E06000014"}),
        ("areas_codes_valid", {"E6000014"}),
    ]:
        rows = fake.execute((SQL_DIR / "tests" / f"{name}.sql").read_text()).fetchdf()
        assert set(rows["area_code"]) == expected, name


# ---------------------------------------------------------------- pipeline tier (real raw files)

MODELS = [
    "marts.areas",
    "marts.area_geometry",
    "marts.statistical_neighbours",
    "intermediate.values__context",
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("geo") / "atlas.duckdb"
    mp = pytest.MonkeyPatch()
    mp.setattr(runner, "discover", lambda: {**geo.EXTRACTS, **smc.EXTRACTS})  # geography only
    try:
        runner.build(warehouse=target, patterns=MODELS)
    finally:
        mp.undo()
    return target


@pytest.fixture(scope="module")
def con(warehouse):
    c = duckdb.connect(str(warehouse), read_only=True)
    yield c
    c.close()


def test_key_areas_sit_in_the_right_region_and_ca(con):
    newcastle = one(con, "select * from marts.areas where area_code = 'E08000021'")
    assert (newcastle["region_code"], newcastle["ca_code"], newcastle["utla_code"]) == (
        "E12000001",
        "E47000014",
        "E08000021",
    )
    members = (
        con.execute(
            "select area_code from marts.areas where is_current and is_lad and "
            "ca_code = 'E47000014' order by 1"
        )
        .fetchdf()["area_code"]
        .tolist()
    )
    assert members == [
        "E06000047",
        "E06000057",
        "E08000021",
        "E08000022",
        "E08000023",
        "E08000024",
        "E08000037",
    ]
    tees = con.execute(
        "select count(*) from marts.areas where is_current and is_lad and ca_code = 'E47000006'"
    ).fetchone()[0]
    assert tees == 5
    craven = one(con, "select * from marts.areas where area_code = 'E07000163'")
    assert (craven["successor_code"], craven["vintage"], bool(craven["is_current"])) == (
        "E06000065",
        "2023",
        False,
    )
    counts = con.execute(
        "select count(*) filter (where is_lad), count(*) filter (where is_utla) "
        "from marts.areas where is_current and country_code = 'E92000001'"
    ).fetchone()
    assert counts == (296, 153)


def test_every_old_lad_code_in_the_2011_lookup_resolves(con):
    lookup = pd.read_csv(RAW_DIR / "geo" / "LAD11_LAD21_EW_LU.csv", encoding="utf-8-sig", dtype=str)
    old = set(lookup.loc[lookup["LAD11CD"].str.startswith("E"), "LAD11CD"])
    mapped = con.execute("select old_code, lad24_code from intermediate.lad_successors").fetchdf()
    assert old <= set(mapped["old_code"])
    assert mapped["old_code"].is_unique
    cumbria = mapped.set_index("old_code")["lad24_code"]
    assert (
        cumbria["E07000028"] == "E06000063" and cumbria["E07000031"] == "E06000064"
    )  # Carlisle, South Lakeland


def test_map_geometry_is_small_valid_and_clockwise(con):
    geoms = con.execute("select area_code, geo_level, geojson from marts.area_geometry").fetchdf()
    sizes = geoms.groupby("geo_level")["geojson"].apply(lambda s: s.str.len().sum()).to_dict()
    print(f"GeoJSON text bytes by level: {sizes}")
    assert sizes["lad"] <= MAP_BUDGET_BYTES and sizes["utla"] <= MAP_BUDGET_BYTES
    lads = geoms[geoms["geo_level"] == "lad"]
    current = con.execute("select area_code from marts.areas where is_current and is_lad").fetchdf()
    # 296 English districts + 22 Welsh, 32 Scottish and 11 Northern Irish councils
    assert set(lads["area_code"]) == set(current["area_code"]) and len(lads) == 361
    shapes = shapely.from_geojson(geoms["geojson"].tolist())
    assert shapely.is_valid(shapes).all() and not shapely.is_empty(shapes).any()
    rings = shapely.get_exterior_ring(shapely.get_parts(shapes))
    assert not shapely.is_ccw(rings).any()  # exterior rings clockwise (d3-geo and maplibre safe)
    first = json.loads(lads.iloc[0]["geojson"])
    assert first["type"] in ("Polygon", "MultiPolygon") and "properties" not in first


def test_geo_extract_is_fast():
    t0 = time.perf_counter()
    for rel, loader in geo.EXTRACTS.values():
        geo._lads.cache_clear()
        loader(RAW_DIR / rel)
    elapsed = time.perf_counter() - t0
    print(f"geo extract (uncached, all four tables): {elapsed:.2f}s")
    assert elapsed < 5


def test_census_rebuild_matches_raw_counts(con):
    raw = pd.read_csv(RAW_DIR / "population" / "census2021_ts067_highest_qualification_lad2021.csv")
    ny = raw[raw["lad_code"].isin([f"E0700016{i}" for i in range(3, 10)])]
    assert len(ny) == 7
    expected = round(100 * ny["n_level4_plus"].sum() / ny["n_aged16plus"].sum(), 2)
    value = con.execute(
        "select value from intermediate.values__context where indicator_id = "
        "'census_level4_plus' and area_code = 'E06000065'"
    ).fetchone()[0]
    assert value == expected
    england = con.execute(
        "select value from intermediate.values__context where indicator_id = "
        "'census_level4_plus' and area_code = 'E92000001'"
    ).fetchone()[0]
    assert england == pytest.approx(33.92, abs=0.005)  # ONS headline 33.9%
    n = con.execute(
        "select count(distinct area_code) from intermediate.values__context "
        "where indicator_id = 'census_no_quals'"
    ).fetchone()[0]
    assert n == 296 + 9 + 1 + 22 + 1  # England and Wales


def test_population_england_equals_sum_of_districts(con):
    df = con.execute(
        "select v.area_code, v.value, a.is_lad from intermediate.values__context v "
        "join marts.areas a using (area_code) where indicator_id = 'population' "
        "and year = 2023"
    ).fetchdf()
    assert df.loc[df["area_code"] == "E92000001", "value"].item() == 57_690_323
    assert df.loc[df["is_lad"], "value"].sum() == 57_690_323
    assert df.loc[df["area_code"] == "E08000021", "value"].item() == 311_976


def test_statistical_neighbours_spot_check(con):
    dfe = con.execute(
        "select neighbour_code from marts.statistical_neighbours where area_code = "
        "'E08000021' and neighbour_set = 'DfE 2025' order by rank"
    ).fetchdf()
    assert dfe["neighbour_code"].tolist()[:3] == [
        "E08000006",
        "E08000019",
        "E06000002",
    ]  # Salford, Sheffield, Middlesbrough
    ons = con.execute(
        "select count(*) from marts.statistical_neighbours where neighbour_set = "
        "'ONS global' and neighbour_code not like 'E%'"
    ).fetchone()[0]
    assert ons == 0
    # the ONS file uses Barnsley's 2025 code; it is mapped back to the 2024 one
    barnsley = con.execute(
        "select count(*) from marts.statistical_neighbours where neighbour_set = 'ONS global' "
        "and area_code = 'E08000016'"
    ).fetchone()[0]
    assert barnsley > 0
