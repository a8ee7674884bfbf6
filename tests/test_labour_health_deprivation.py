"""Labour, health and deprivation values.

Fast tier: the SQL models run on hand-made rows in an in-memory DuckDB (status and period decoding,
geography filter, Barnsley/Sheffield codes, the IoD2019 rebuild, the data tests themselves, the
xlsx loader's error). Pipeline tier: a partial build of the three values models on the real raw
files, spot-checked against published figures and compared row by row with the raw files.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines import RAW_DIR, SQL_DIR
from pipelines.build import build
from pipelines.extracts.deprivation import HEADERS, load_iod2019_lad_imd
from pipelines.manifest import BuildError

VALUES = [
    "intermediate.values__labour",
    "intermediate.values__health",
    "intermediate.values__deprivation",
]
ELS_COLUMNS = (
    "area_code VARCHAR, area_name VARCHAR, geography VARCHAR, indicator VARCHAR, period VARCHAR, "
    "measure VARCHAR, unit VARCHAR, value DOUBLE, lower_ci DOUBLE, upper_ci DOUBLE, "
    "status VARCHAR, notes VARCHAR"
)
ELS_TABLES = [
    "ons_els_labour__employment_rate",
    "ons_els_labour__claimant_count",
    "ons_els_labour__gross_median_weekly_pay",
    "ons_els_labour__gdhi_per_head",
    "ons_els_labour__modelled_unemployment",
    "ons_els_labour__inactive_lts_sick",
    "ons_els_health__healthy_life_expectancy",
    "dwp__children_in_relative_poverty",
    "ons_els_education__qualifications_level3_plus",
    "ons_els_education__qualifications_none",
]
VALUE_COLUMNS = (
    "indicator_id VARCHAR, area_code VARCHAR, period VARCHAR, year INTEGER, value DOUBLE, "
    "lower_ci DOUBLE, upper_ci DOUBLE, status VARCHAR, source_file VARCHAR, "
    "source_measure VARCHAR, note VARCHAR"
)


def model(name: str) -> str:
    layer, stem = name.split(".")
    return (SQL_DIR / layer / f"{stem}.sql").read_text()


def els_con(
    rows: list[tuple], table: str = "ons_els_labour__employment_rate"
) -> duckdb.DuckDBPyConnection:
    """In-memory DuckDB with empty ELS staging tables; ``rows`` go into ``table``."""
    con = duckdb.connect()
    con.execute("create schema staging; create schema intermediate")
    for name in ELS_TABLES:
        con.execute(f"create table staging.{name} ({ELS_COLUMNS})")
    if rows:
        con.executemany(
            f"insert into staging.{table} values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
        )
    return con


def els(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(model("intermediate.lhd__els_observations")).fetchdf()


def row(
    code: str,
    period: str,
    value: float | None,
    status: str | None = None,
    geography: str = "Local Authority District",
    indicator: str = "Economically inactive",
    ci: tuple = (None, None),
) -> tuple:
    return (
        code,
        "Somewhere",
        geography,
        indicator,
        period,
        "Percentage",
        "%",
        value,
        *ci,
        status,
        None,
    )


# ---------------------------------------------------------------- fast tier: hand-made rows


def test_els_status_maps_to_contract_and_value_is_null_unless_ok():
    con = els_con(
        [
            row("E08000021", "2023-01-01/P1Y", 24.0, ci=(19.6, 28.4)),
            row("E08000022", "2023-01-01/P1Y", None, "x"),
            row(
                "E08000023", "2023-01-01/P1Y", 12.0, "u", ci=(1.0, 30.0)
            ),  # 'u' value must not leak
        ]
    )
    out = els(con).set_index("area_code")
    assert out.loc["E08000021", ["status", "value", "lower_ci", "upper_ci"]].tolist() == [
        "ok",
        24.0,
        19.6,
        28.4,
    ]
    assert out.loc["E08000022", "status"] == "not_available" and pd.isna(
        out.loc["E08000022", "value"]
    )
    assert out.loc["E08000023", "status"] == "unreliable"
    assert out.loc["E08000023", ["value", "lower_ci", "upper_ci"]].isna().all()


@pytest.mark.parametrize(
    ("raw", "label", "year"),
    [
        ("2023-01-01/P1Y", "2023", 2023),  # APS calendar year
        ("2020-01-01/P3Y", "2020-22", 2022),  # three calendar years, end year
        ("2021-04-01/P1Y", "2021/22", 2022),  # financial year ending 2022
        ("2025-04-30", "2025", 2025),  # ASHE reference date
        ("2022", "2022", 2022),  # older ELS layout
    ],
)
def test_els_period_string_becomes_label_and_end_year(raw, label, year):
    out = els(els_con([row("E08000021", raw, 1.0)]))
    assert out[["period", "year"]].values.tolist() == [[label, year]]


def test_els_unknown_period_stops_the_build():
    with pytest.raises(duckdb.Error, match="unrecognised ELS period '2023-Q1'"):
        els(els_con([row("E08000021", "2023-Q1", 1.0)]))


def test_els_keeps_published_levels_and_prefers_district_rows():
    con = els_con(
        [
            row("E06000002", "2023-01-01/P1Y", 29.2, geography="Local Authority District"),
            row(
                "E06000002", "2023-01-01/P1Y", 99.0, geography="County or Unitary Authority"
            ),  # duplicate
            row(
                "E06000047", "2023-01-01/P1Y", 25.0, geography="County or Unitary Authority"
            ),  # only here
            row("E10000002", "2023-01-01/P1Y", 20.0, geography="County or Unitary Authority"),
            row("E12000001", "2023-01-01/P1Y", 24.2, geography="Region"),
            row("E47000014", "2023-01-01/P1Y", 24.1, geography="Combined Authority or City Region"),
            row("E92000001", "2023-01-01/P1Y", 21.0, geography="Nation"),
            row("K02000001", "2023-01-01/P1Y", 21.5, geography="Country"),
            row("W06000001", "2023-01-01/P1Y", 22.0),
            row("E13000001", "2023-01-01/P1Y", 22.0, geography="Combined Authority or City Region"),
        ]
    )
    out = els(con).set_index("area_code")["value"].to_dict()
    assert out == {
        "E06000002": 29.2,
        "E06000047": 25.0,
        "E10000002": 20.0,
        "E12000001": 24.2,
        "E47000014": 24.1,
        "E92000001": 21.0,
        "K02000001": 21.5,  # the UK and Welsh councils as published (not E13 London halves)
        "W06000001": 22.0,
    }


def test_barnsley_sheffield_2025_codes_dropped_or_recoded():
    con = els_con(
        [
            row("E08000016", "2024-01-01/P1Y", 3.2),
            row("E08000038", "2024-01-01/P1Y", 3.2),  # duplicate under the 2025 code: dropped
            row("E08000039", "2024-01-01/P1Y", 4.1),  # only the 2025 code: shown under E08000019
        ]
    )
    out = els(con).set_index("area_code")
    assert sorted(out.index) == ["E08000016", "E08000019"]
    assert pd.isna(out.loc["E08000016", "note"])
    assert "2025 code E08000039" in out.loc["E08000019", "note"]


@pytest.fixture()
def iod_con() -> duckdb.DuckDBPyConnection:
    """Two 2019 districts merged into E06000099, one unchanged district; 4 + 2 LSOAs."""
    con = els_con([])
    con.execute(
        f"create table intermediate.lhd__els_observations as select * from ({model('intermediate.lhd__els_observations')})"
    )
    con.execute("""
        create table intermediate.lad_successors as select * from (values
            ('E07000901', 'Old A', 'E06000099', 'New', 2023, 'merged'),
            ('E07000902', 'Old B', 'E06000099', 'New', 2023, 'merged'),
            ('E06000002', 'Middlesbrough', 'E06000002', 'Middlesbrough', null, 'unchanged'),
            ('E06000099', 'New', 'E06000099', 'New', null, 'unchanged')
        ) as t (old_code, old_name, lad24_code, lad24_name, change_year, change_type);
        create table staging.mhclg_iod__2019_lad_imd as select * from (values
            ('E07000901', 'Old A', 30.0, 0.5), ('E07000902', 'Old B', 10.0, 0.0),
            ('E06000002', 'Middlesbrough', 40.46, 0.4884)
        ) as t (lad19_code, lad19_name, imd_average_score, imd_prop_lsoas_most_deprived_10pc);
        create table staging.mhclg_iod__2019_lsoa_domains as select * from (values
            ('L1', 'E07000901', 1), ('L2', 'E07000901', 5), ('L3', 'E07000902', 9), ('L4', 'E07000902', 7),
            ('L5', 'E07000902', 1), ('L6', 'E06000002', 1)
        ) as t (lsoa11_code, lad19_code, imd_decile);
        create table staging.mhclg_iod__2025_lad_summaries as select * from (values
            ('E06000002', 'Middlesbrough', 40.037, 0.5)
        ) as t (lad24_code, lad24_name, imd_average_score, imd_prop_lsoas_most_deprived_10pc);
    """)
    return con


def test_imd2019_share_rebuilt_for_successor_and_no_score_invented(iod_con):
    out = iod_con.execute(model("intermediate.values__deprivation")).fetchdf()
    out["note"] = out.note.astype(object).where(out.note.notna(), None)
    got = {(r.indicator_id, r.area_code): (r.value, r.note) for r in out.itertuples()}
    # successor: 2 of its 5 LSOAs in decile 1 -> 40%
    assert got[("imd2019_pct_most_deprived", "E06000099")] == (
        40.0,
        "rebuilt from LSOA deciles (IoD2019 File 2) for 2024 boundaries",
    )
    assert ("imd2019_avg_score", "E06000099") not in got
    assert got[("imd2019_avg_score", "E07000901")] == (
        30.0,
        "historic area: merged into New (E06000099) in 2023",
    )
    assert got[("imd2019_pct_most_deprived", "E06000002")] == (48.84, None)
    assert got[("imd2025_pct_most_deprived", "E06000002")] == (50.0, None)
    assert set(out["period"]) == {"2019", "2025"}


def test_values_data_test_returns_offending_rows():
    con = duckdb.connect()
    con.execute("create schema intermediate; create schema seeds")
    for name in VALUES:
        con.execute(f"create table {name} ({VALUE_COLUMNS})")
    for dom in ("labour", "health", "deprivation"):
        con.execute(f"create table seeds.indicators_{dom} (indicator_id VARCHAR, unit VARCHAR)")
    con.execute("insert into seeds.indicators_labour values ('inactivity_rate', '%')")
    con.execute("""insert into intermediate.values__labour values
        ('inactivity_rate', 'E08000021', '2023', 2023, 24.0, 19.6, 28.4, 'ok', 'f', 'm', null),
        ('inactivity_rate', 'E08000022', '2023', 2023, 24.0, null, null, 'not_available', 'f', 'm', null),
        ('inactivity_rate', 'E08000023', '2021/22', 2022, 124.0, null, null, 'ok', 'f', 'm', null)""")
    sql = (SQL_DIR / "tests" / "labour_health_deprivation_values_valid.sql").read_text()
    problems = con.execute(sql).fetchdf()
    assert set(problems["area_code"]) == {"E08000022", "E08000023"}
    assert problems["problem"].str.contains("value must be NULL").any()
    assert problems["problem"].str.contains("percentage outside 0-100").any()


def test_iod2019_loader_names_missing_headers_and_the_trailing_space(tmp_path):
    book = tmp_path / "deprivation" / "File_10.xlsx"
    book.parent.mkdir()
    pd.DataFrame(
        [["E06000002", "Middlesbrough", *range(10)]], columns=[h.strip() for h in HEADERS]
    ).to_excel(book, sheet_name="IMD", index=False)
    with pytest.raises(BuildError, match="trailing space") as err:
        load_iod2019_lad_imd(book)
    assert "deprivation/File_10.xlsx" in str(err.value) and "'IMD - Average score '" in str(
        err.value
    )


# ---------------------------------------------------------------- pipeline tier: the real files


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("lhd") / "w.duckdb"
    build(warehouse=path, patterns=VALUES)
    return path


@pytest.fixture(scope="module")
def values(warehouse) -> pd.DataFrame:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(" union all ".join(f"select * from {v}" for v in VALUES)).fetchdf()


def one(values: pd.DataFrame, indicator: str, area: str, period: str) -> pd.Series:
    hit = values[
        (values.indicator_id == indicator) & (values.area_code == area) & (values.period == period)
    ]
    assert len(hit) == 1, f"{indicator} {area} {period}: {len(hit)} rows"
    return hit.iloc[0]


@pytest.mark.parametrize(
    ("indicator", "area", "period", "value", "ci"),
    [
        ("inactivity_rate", "E12000001", "2023", 24.2, None),  # North East
        ("inactivity_rate", "E92000001", "2023", 21.0, None),  # England
        ("inactivity_rate", "E08000021", "2023", 24.0, (19.6, 28.4)),  # Newcastle
        ("gdhi_per_head", "E06000002", "2023", 17872, None),  # Middlesbrough
        ("pay_weekly_median", "E08000021", "2025", 576.1, None),
        ("le_male", "E92000001", "2022-24", 79.5, None),
        ("le_sii_male", "E06000002", "2022-24", 17.4, None),
        ("hle_male", "E06000002", "2022-24", 53.9, (50.6, 57.2)),
        ("imd2019_avg_score", "E08000021", "2019", 29.79, None),
        ("imd2019_pct_most_deprived", "E06000002", "2019", 48.84, None),
        ("imd2025_avg_score", "E06000002", "2025", 40.037, None),
        ("child_poverty_bhc", "E06000002", "2024/25", 34.4, None),
        ("child_poverty_ahc", "E06000002", "2024/25", 38.7, None),
    ],
)
def test_published_figures(values, indicator, area, period, value, ci):
    got = one(values, indicator, area, period)
    assert got.status == "ok"
    assert got.value == pytest.approx(value, abs=0.05)
    if ci:
        assert (got.lower_ci, got.upper_ci) == pytest.approx(ci, abs=0.05)


def test_merged_area_has_rebuilt_share_and_historic_districts(values):
    north_yorks = one(values, "imd2019_pct_most_deprived", "E06000065", "2019")
    assert north_yorks.note == "rebuilt from LSOA deciles (IoD2019 File 2) for 2024 boundaries"
    assert 0 < north_yorks.value < 10
    assert values[
        (values.indicator_id == "imd2019_avg_score") & (values.area_code == "E06000065")
    ].empty
    craven = one(values, "imd2019_avg_score", "E07000163", "2019")
    assert craven.note == "historic area: merged into North Yorkshire (E06000065) in 2023"
    le_craven = one(values, "le_male", "E07000163", "2019-21")
    assert le_craven.note == "historic area (pre-2023 district)"


def test_barnsley_uses_2024_code(values):
    assert not values.area_code.isin(["E08000038", "E08000039"]).any()
    hle = one(values, "hle_male", "E08000016", "2022-24")
    assert "2025 code E08000038" in hle.note


def test_lacking_england_values_are_exactly_the_known_ones(values):
    with_england = set(values.loc[values.area_code == "E92000001", "indicator_id"])
    assert set(values.indicator_id) - with_england == {
        "imd2019_avg_score",
        "imd2019_pct_most_deprived",
        "imd2025_avg_score",
        "imd2025_pct_most_deprived",
        "child_poverty_bhc",
        "child_poverty_ahc",
    }


# ---- every value equals the raw file row named by source_file / source_measure


def els_label(period: str) -> str:
    if m := re.fullmatch(r"(\d{4})-01-01/P1Y|(\d{4})-\d\d-\d\d|(\d{4})", period):
        return next(g for g in m.groups() if g)
    if m := re.fullmatch(r"(\d{4})-04-01/P1Y", period):
        return f"{m[1]}/{(int(m[1]) + 1) % 100:02d}"
    if m := re.fullmatch(r"(\d{4})-01-01/P3Y", period):
        return f"{m[1]}-{(int(m[1]) + 2) % 100:02d}"
    raise ValueError(period)


def raw_els(rel: str) -> pd.DataFrame:
    df = pd.read_csv(RAW_DIR / rel, dtype=str, encoding="utf-8-sig")
    df.columns = [c.lower() for c in df.columns]
    if "observation status" in df.columns:  # older layout (long-term sickness)
        df = df.rename(
            columns={
                "observation status": "status",
                "lower confidence interval (95%)": "lci_95",
                "upper confidence interval (95%)": "uci_95",
            }
        )
    df = df.rename(columns={"areacd": "area_code", "indicator": "source_measure"})
    has_2024 = set(df.area_code)
    recode = {"E08000038": "E08000016", "E08000039": "E08000019"}
    df = df[~df.area_code.isin([k for k, v in recode.items() if v in has_2024])]
    df["area_code"] = df.area_code.replace(recode)
    df["rank"] = (df.geography != "Local Authority District").astype(int)
    df = df.sort_values("rank").drop_duplicates(["area_code", "source_measure", "period"])
    df["period"] = df.period.map(els_label)
    for col in ("observation", "lci_95", "uci_95"):
        df[col] = pd.to_numeric(df[col])
    return df[["area_code", "source_measure", "period", "observation", "lci_95", "uci_95"]]


def raw_fingertips(rel: str) -> pd.DataFrame:
    df = pd.read_csv(RAW_DIR / rel, dtype={"value": float}, na_values=["NA"])
    return pd.DataFrame(
        {
            "area_code": df.area_code,
            "source_measure": df.indicator + "|" + df.inequality,
            "period": df.period.str.replace(" - ", "-"),
            "observation": df.value,
            "lci_95": float("nan"),
            "uci_95": float("nan"),
        }
    )


def test_every_value_matches_its_raw_file_row(values):
    ok = values[values.status == "ok"].copy()
    sex = ok.indicator_id.str.extract(r"_(male|female)$")[0].str.capitalize()
    ft = ok.source_file.str.startswith("health/ohid_fingertips")
    ok.loc[ft, "source_measure"] = ok.loc[ft, "source_measure"] + "|" + sex[ft]
    checked = 0
    for rel, group in ok.groupby("source_file"):
        if rel.startswith("health/ohid_fingertips"):
            raw = raw_fingertips(rel)
        elif "/ons_els_" in rel or "/dwp_els_" in rel:
            raw = raw_els(rel)
        else:
            continue  # IoD files: checked below
        merged = group.merge(
            raw, on=["area_code", "source_measure", "period"], how="left", validate="1:1"
        )
        assert merged.observation.notna().all(), merged[merged.observation.isna()].head()
        assert (merged.value - merged.observation).abs().max() < 1e-9, rel
        for ours, theirs in (("lower_ci", "lci_95"), ("upper_ci", "uci_95")):
            same = (merged[ours] - merged[theirs]).abs() < 1e-9
            assert (same | (merged[ours].isna() & merged[theirs].isna())).all(), (rel, ours)
        checked += len(group)
    assert checked > 50_000


def test_iod_values_match_their_raw_files(values):
    f10 = pd.read_excel(
        RAW_DIR
        / "deprivation/File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx",
        sheet_name="IMD",
    ).set_index("Local Authority District code (2019)")
    f10_rows = values[values.source_file.str.contains("File_10_-_IoD2019")]
    assert len(f10_rows) == 2 * 317
    scale = {
        "IMD - Average score ": 1,
        "IMD - Proportion of LSOAs in most deprived 10% nationally ": 100,
    }
    for r in f10_rows.itertuples():
        assert r.value == pytest.approx(
            f10.loc[r.area_code, r.source_measure] * scale[r.source_measure], abs=1e-9
        )
    f25 = pd.read_csv(
        RAW_DIR / "deprivation/mhclg_iod2025_file10_lad_summaries_ltla24_from_humaniverse_IMD.csv",
        index_col="ltla24_code",
    )
    f25_rows = values[values.source_file.str.contains("iod2025")]
    assert len(f25_rows) == 2 * 296
    for r in f25_rows.itertuples():
        expected = f25.loc[r.area_code, r.source_measure] * (
            100 if "proportion" in r.source_measure else 1
        )
        assert r.value == pytest.approx(expected, abs=1e-9)
