"""Education values (DfE LAIT and ONS Explore Local Statistics).

Fast tier: the staging and values SQL run on hand-made rows in an in-memory DuckDB (LAIT '-' and
ELS status codes, period labels, areas created or abolished 2019-2023, the derived HE-by-19 gap).
Pipeline tier: a partial build on the real raw files, spot-checked against published figures, and
every value traced back to the raw row named by its source_file + source_measure.
"""

from __future__ import annotations

import csv
import functools
import gzip
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines import MANIFEST, RAW_DIR, SEEDS_DIR, SQL_DIR
from pipelines.build import build

LAIT_FILES = {
    "staging.dfe_lait__early_years_ks1": "education/dfe_lait_early_years_ks1_by_la.csv.gz",
    "staging.dfe_lait__ks2": "education/dfe_lait_ks2_by_la.csv.gz",
    "staging.dfe_lait__ks4_ks5": "education/dfe_lait_ks4_ks5_by_la.csv.gz",
    "staging.dfe_lait__post16_age19_he_neet": "education/dfe_lait_post16_age19_he_neet_by_la.csv.gz",
}
ELS_FILES = {
    "staging.ons_els_education__ks2_expected_standard": "education/ons_els_pupils-at-expected-standards-by-end-of-primary-school.csv",
    "staging.ons_els_education__gcse_english_maths_19": "education/ons_els_gcses-in-english-and-maths.csv",
    "staging.ons_els_education__persistent_absence": "education/ons_els_persistent-absences-for-all-pupils.csv",
}
VALUES = ["intermediate.values__education_lait", "intermediate.values__education_els"]
LAIT_HEADER = (
    "topic measure_code time_period_label geographic_level old_la_code new_la_code la_name "
    "region_name value value_note"
).split()
ELS_HEADER = (
    "areacd areanm geography indicator period observation measure unit lci_95 uci_95 status notes"
).split()
KS2_ELS = "Pupils meeting the expected standard in reading, writing and maths"
EDUCATION_IDS = set(
    """ks4_att8_all ks4_att8_disadv ks4_att8_nondisadv ks4_em95_all ks2_rwm_all ks2_rwm_disadv
    ks2_rwm_nondisadv eyfs_gld_all eyfs_gld_fsm eyfs_gld_nonfsm ks2_rwm_lad gcse_em_19_lad
    he19_all he19_fsm he19_nonfsm he19_fsm_gap neet_16_17 ks2_rwm_disadv_gap absence_persistent""".split()
)
# skills indicators from the same LAIT file (catalogued in data/seeds/indicators_skills.csv)
SKILLS_LAIT_IDS = {"ks4_p8_all", "ks4_p8_disadv", "ks4_dest_apprenticeship", "ks4_dest_fe_college"}
# LAs created or abolished 2019-2023 (the lifetimes in values__education_lait.sql)
LIFETIME_AREAS = set(
    """E06000028 E06000029 E10000009 E10000021 E10000006
    E06000058 E06000059 E06000061 E06000062 E06000063 E06000064""".split()
)


# ---------------------------------------------------------------- fast tier: hand-made rows


def lait(
    measure: str, label: str, code: str, value: str, level: str = "Local authority"
) -> list[str]:
    """One LAIT row; value '-' is LAIT's not-published mark (value empty, value_note '-')."""
    dash = value == "-"
    shown = ("", "-") if dash else (value, "")
    return ["Topic", measure, label, level, "999", code, "Name", "Region", *shown]


def els(
    code: str, period: str, value: str, status: str = "", notes: str = "", indicator: str = KS2_ELS
) -> list[str]:
    district = "Local Authority District"
    meta = ["Percentage", "%", "", ""]
    return [code, "Name", district, indicator, period, value, *meta, status, notes]


def write_csv(path: Path, header: list[str], rows: list[list[str]], bom: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", newline="", encoding="utf-8-sig" if bom else "utf-8") as fh:
        csv.writer(fh).writerows([header, *rows])


def run(raw: Path, models: list[str]) -> duckdb.DuckDBPyConnection:
    """Run the given SQL models in order in an in-memory DuckDB reading from ``raw``."""
    con = duckdb.connect()
    con.execute(f"set file_search_path = '{raw.as_posix()}'")
    con.execute("create schema staging; create schema intermediate")
    for name in models:
        layer, stem = name.split(".")
        con.execute(f"create table {name} as " + (SQL_DIR / layer / f"{stem}.sql").read_text())
    return con


@pytest.fixture()
def lait_values(tmp_path) -> pd.DataFrame:
    rows = {
        "staging.dfe_lait__ks4_ks5": [
            lait("AVG_Attain8_Score", "2024", "E08000021", "43.2"),
            lait("AVG_Attain8_Score", "2024", "E92000001", "45.9", level="National"),
            lait("AVG_Attain8_Score", "2024", "E13000001", "50.0", level="Inner/Outer London"),
            lait("AVG_Attain8_Score", "2024", "E09000001", "-"),  # City of London
            lait("AVG_Attain8_Score", "2020", "E10000021", "45.0"),  # Northamptonshire
            lait("AVG_Attain8_Score", "2021", "E10000021", "-"),  # ... abolished April 2021
            lait("AVG_Attain8_Score", "2020", "E06000061", "-"),  # North Northants, not yet
            lait("AVG_Attain8_Score", "2021", "E06000061", "44.0"),
            lait("A3A", "2024", "E08000021", "30.0"),  # a measure we do not use
        ],
        "staging.dfe_lait__ks2": [
            lait("KS2RWM_Expected_STD", "2020", "E08000021", "-"),  # no assessments
            lait("KS2RWM_Expected_STD", "2025", "E08000021", "66.0"),
        ],
        "staging.dfe_lait__early_years_ks1": [
            lait("FSP_Gooddev_FSM", "2018", "E06000059", "52.0"),  # Dorset before April 2019
        ],
        "staging.dfe_lait__post16_age19_he_neet": [
            lait("HE_19_FSM", "2023-24", "E08000021", "26.7"),
            lait("HE_19_Non_FSM", "2023-24", "E08000021", "54.1"),
            lait("HE_19_FSM", "2022-23", "E08000021", "-"),
            lait("HE_19_Non_FSM", "2022-23", "E08000021", "50.0"),
            lait("HE_19_All", "2023-24", "E10000021", "40.0"),  # pupils aged 15 in 2019/20
            lait("HE_19_All", "2023-24", "E06000061", "-"),  # ... before the split
            lait("16-17 NEET", "2025", "E08000021", "6.9"),
            lait("16-17 NEET", "2019", "E06000028", "3.0"),  # Bournemouth, Dec 2018-Feb 2019
            lait("16-17 NEET", "2020", "E06000028", "-"),
        ],
    }
    for model, rel in LAIT_FILES.items():
        write_csv(tmp_path / rel, LAIT_HEADER, rows[model])
    con = run(tmp_path, [*LAIT_FILES, "intermediate.values__education_lait"])
    return con.sql("select * from intermediate.values__education_lait").df()


def pick(values: pd.DataFrame, indicator: str, area: str, period: str) -> pd.Series:
    hit = values[
        (values.indicator_id == indicator) & (values.area_code == area) & (values.period == period)
    ]
    assert len(hit) == 1, f"{indicator} {area} {period}: {len(hit)} rows"
    return hit.iloc[0]


def test_lait_year_label_becomes_academic_period_and_end_year(lait_values):
    r = pick(lait_values, "ks4_att8_all", "E08000021", "2023/24")
    assert (r.year, r.value, r.status) == (2024, 43.2, "ok")
    assert (r.source_file, r.source_measure) == (
        "education/dfe_lait_ks4_ks5_by_la.csv.gz",
        "AVG_Attain8_Score",
    )
    assert pick(lait_values, "ks4_att8_all", "E92000001", "2023/24").value == 45.9
    assert pick(lait_values, "ks2_rwm_all", "E08000021", "2024/25").year == 2025
    assert pick(lait_values, "he19_fsm", "E08000021", "2023/24").year == 2024
    neet = pick(lait_values, "neet_16_17", "E08000021", "2024/25")
    assert (neet.year, neet.value) == (2025, 6.9)


def test_lait_dash_is_not_available_with_null_value(lait_values):
    for indicator, area, period in [
        ("ks2_rwm_all", "E08000021", "2019/20"),
        ("ks4_att8_all", "E09000001", "2023/24"),
    ]:
        r = pick(lait_values, indicator, area, period)
        assert r.status == "not_available" and pd.isna(r.value)


def test_lait_drops_london_halves_and_unused_measures(lait_values):
    assert not lait_values.area_code.str.startswith("E13").any()
    assert "A3A" not in set(lait_values.source_measure)


def test_lait_reorganised_areas_keep_data_and_drop_years_they_did_not_exist(lait_values):
    old = pick(lait_values, "ks4_att8_all", "E10000021", "2019/20")
    assert (old.value, old.note) == (45.0, "historic area (ceased 2021)")
    new = pick(lait_values, "ks4_att8_all", "E06000061", "2020/21")
    assert new.value == 44.0 and pd.isna(new.note)
    got = set(zip(lait_values.indicator_id, lait_values.area_code, lait_values.period, strict=True))
    assert ("ks4_att8_all", "E10000021", "2020/21") not in got  # '-' after abolition
    assert ("ks4_att8_all", "E06000061", "2019/20") not in got  # '-' before creation
    # HE by 19 follows the LA at age 15 (four years earlier); NEET is Dec-Feb, before April
    assert pick(lait_values, "he19_all", "E10000021", "2023/24").value == 40.0
    assert ("he19_all", "E06000061", "2023/24") not in got
    assert (
        pick(lait_values, "neet_16_17", "E06000028", "2018/19").note
        == "historic area (ceased 2019)"
    )
    assert ("neet_16_17", "E06000028", "2019/20") not in got
    # a published value is never dropped, even for a year before the area existed
    early = pick(lait_values, "eyfs_gld_fsm", "E06000059", "2017/18")
    assert (early.value, early.note) == (52.0, "published for a year before this area existed")


def test_he19_gap_is_derived_non_fsm_minus_fsm(lait_values):
    gap = pick(lait_values, "he19_fsm_gap", "E08000021", "2023/24")
    assert gap.value == pytest.approx(27.4, abs=1e-9)
    assert (gap.status, gap.note, gap.source_measure) == (
        "ok",
        "derived",
        "HE_19_Non_FSM - HE_19_FSM",
    )
    missing = pick(lait_values, "he19_fsm_gap", "E08000021", "2022/23")
    assert missing.status == "not_available" and pd.isna(missing.value)


def test_els_status_codes_periods_and_codes(tmp_path):
    p = "2024-09-01/P1Y"
    write_csv(
        tmp_path / ELS_FILES["staging.ons_els_education__ks2_expected_standard"],
        ELS_HEADER,
        [
            els("E08000021", p, "66"),
            els("E09000001", p, "", status="x"),
            els("E06000053", p, "12", status="u"),
            els("E07000001", p, "", status="c"),
            els("E13000001", p, "70"),
            els(
                "E08000016",
                p,
                "65",
                notes="Obsolete code since 2025 (replaced by E08000038 Barnsley)",
            ),
            els("E08000038", p, "65"),
            els(
                "E07000026",
                "2018-09-01/P1Y",
                "60",
                notes="Obsolete code since 2023 (replaced by E06000063 Cumberland)",
            ),
        ],
        bom=True,
    )
    write_csv(
        tmp_path / ELS_FILES["staging.ons_els_education__gcse_english_maths_19"],
        ELS_HEADER,
        [els("E08000021", p, "66.973", indicator="GCSEs in English and Maths")],
        bom=True,
    )
    write_csv(  # absence dates its academic years from 1 August
        tmp_path / ELS_FILES["staging.ons_els_education__persistent_absence"],
        ELS_HEADER,
        [els("E08000021", "2023-08-01/P1Y", "22.43614", indicator="Persistent absences")],
        bom=True,
    )
    con = run(tmp_path, [*ELS_FILES, "intermediate.values__education_els"])
    v = con.sql("select * from intermediate.values__education_els").df()

    r = pick(v, "ks2_rwm_lad", "E08000021", "2024/25")
    assert (r.year, r.value, r.status, r.source_measure) == (2025, 66.0, "ok", KS2_ELS)
    assert pick(v, "gcse_em_19_lad", "E08000021", "2024/25").value == 66.973
    a = pick(v, "absence_persistent", "E08000021", "2023/24")
    assert (a.year, a.value, a.status) == (2024, 22.43614, "ok")
    for area, status in [
        ("E09000001", "not_available"),
        ("E06000053", "unreliable"),
        ("E07000001", "suppressed"),
    ]:
        r = pick(v, "ks2_rwm_lad", area, "2024/25")
        assert r.status == status and pd.isna(r.value)
    assert not v.area_code.isin(["E13000001", "E08000038"]).any()
    assert pd.isna(pick(v, "ks2_rwm_lad", "E08000016", "2024/25").note)  # current in 2024
    assert pick(v, "ks2_rwm_lad", "E07000026", "2018/19").note == "historic area (ceased 2023)"


# ---------------------------------------------------------------- pipeline tier: real files


@pytest.fixture(scope="module")
def values(tmp_path_factory) -> pd.DataFrame:
    path = tmp_path_factory.mktemp("edu") / "w.duckdb"
    build(warehouse=path, patterns=VALUES)
    con = duckdb.connect(str(path), read_only=True)
    frame = con.sql(" union all ".join(f"select * from {v}" for v in VALUES)).df()
    con.close()
    return frame


@pytest.mark.parametrize(
    "indicator, area, period, value",
    [
        ("ks4_att8_all", "E08000021", "2023/24", 43.2),
        ("ks4_att8_all", "E08000021", "2024/25", 43.9),
        ("ks4_att8_all", "E92000001", "2023/24", 45.9),
        ("ks4_att8_disadv", "E08000021", "2024/25", 33.3),
        ("ks4_att8_nondisadv", "E08000021", "2024/25", 53.2),
        ("ks4_em95_all", "E08000021", "2024/25", 45.5),
        ("he19_all", "E08000021", "2023/24", 45.7),
        ("he19_fsm", "E08000021", "2023/24", 26.7),
        ("he19_nonfsm", "E08000021", "2023/24", 54.1),
        ("he19_fsm_gap", "E08000021", "2023/24", 27.4),
        ("ks2_rwm_all", "E08000021", "2024/25", 66),
        ("ks2_rwm_disadv", "E08000021", "2024/25", 54),
        ("ks2_rwm_disadv_gap", "E08000021", "2024/25", 23),  # derived: 77 - 54
        ("eyfs_gld_all", "E08000021", "2024/25", 66.4),
        ("eyfs_gld_fsm", "E08000021", "2024/25", 51.5),
        ("neet_16_17", "E08000021", "2024/25", 6.9),
        ("ks2_rwm_lad", "E08000021", "2024/25", 66),
        ("gcse_em_19_lad", "E08000021", "2016/17", 72.1),
    ],
)
def test_published_figures(values, indicator, area, period, value):
    r = pick(values, indicator, area, period)
    assert r.status == "ok"
    assert r.value == pytest.approx(value, abs=0.051)


def test_every_indicator_and_key_once(values):
    assert set(values.indicator_id) == EDUCATION_IDS | SKILLS_LAIT_IDS
    assert not values.duplicated(["indicator_id", "area_code", "period"]).any()
    assert (values.value.isna() == (values.status != "ok")).all()


@functools.cache
def _read_lait() -> pd.DataFrame:
    frames = []
    for rel in LAIT_FILES.values():
        f = pd.read_csv(RAW_DIR / rel, dtype={"old_la_code": str, "time_period_label": str})
        frames.append(f.assign(source_file=rel))
    return pd.concat(frames).rename(
        columns={"measure_code": "source_measure", "new_la_code": "area_code"}
    )


def read_lait() -> pd.DataFrame:
    """The four LAIT extracts as one frame (read once per session)."""
    return _read_lait().copy()


def read_els() -> pd.DataFrame:
    frames = []
    for rel in ELS_FILES.values():
        f = pd.read_csv(RAW_DIR / rel, encoding="utf-8-sig", dtype={"status": str, "notes": str})
        frames.append(f.assign(source_file=rel))
    return pd.concat(frames).rename(columns={"indicator": "source_measure", "areacd": "area_code"})


def test_every_value_equals_its_raw_row(values):
    """source_file + source_measure + area + period name exactly one raw row with the same value."""
    lait_v = values[
        values.source_file.isin(LAIT_FILES.values())
        & ~values.note.fillna("").str.startswith("derived")
    ].copy()
    he = lait_v.source_measure.str.startswith("HE_19")
    lait_v["time_period_label"] = lait_v.period.str.replace("/", "-").where(
        he, lait_v.year.astype(str)
    )
    m = lait_v.merge(
        read_lait(),
        how="left",
        on=["source_file", "source_measure", "area_code", "time_period_label"],
        suffixes=("", "_raw"),
        validate="one_to_one",
        indicator=True,
    )
    assert (m._merge == "both").all(), m[m._merge != "both"].head()
    ok = m.status == "ok"
    assert (m.value[ok] == m.value_raw[ok]).all()
    assert (m.value_note[~ok] == "-").all() and m.value_raw[~ok].isna().all()

    els_v = values[values.source_file.isin(ELS_FILES.values())].copy()
    august = els_v.indicator_id == "absence_persistent"  # dated from 1 August
    els_v["period_raw"] = (els_v.year - 1).astype(str) + august.map(
        {True: "-08-01/P1Y", False: "-09-01/P1Y"}
    )
    m = els_v.merge(
        read_els().rename(columns={"period": "period_raw"}),
        how="left",
        on=["source_file", "source_measure", "area_code", "period_raw"],
        suffixes=("", "_raw"),
        validate="one_to_one",
        indicator=True,
    )
    assert (m._merge == "both").all()
    ok = m.status == "ok"
    assert (m.value[ok] == m.observation[ok]).all()
    assert m.status_raw[~ok].eq("x").all() and m.observation[~ok].isna().all()


def test_gap_equals_difference_of_published_rates(values):
    wide = values[values.indicator_id.isin(["he19_fsm", "he19_nonfsm", "he19_fsm_gap"])].pivot(
        index=["area_code", "period"], columns="indicator_id", values="value"
    )
    diff = (wide.he19_nonfsm - wide.he19_fsm).round(4)
    assert ((wide.he19_fsm_gap - diff).abs().fillna(0) < 1e-9).all()
    assert (wide.he19_fsm_gap.isna() == diff.isna()).all()


def test_no_published_value_is_dropped(values):
    """Rows are dropped only where LAIT shows '-' for an area outside its 2019-2023 lifetime, or for
    London halves / 2025 codes (Barnsley, Sheffield, four new combined authorities); every
    published number arrives."""
    used = values[["source_file", "source_measure"]].drop_duplicates()
    raw = read_lait().merge(used, on=["source_file", "source_measure"])
    raw = raw[~raw.area_code.str.startswith("E13")]
    got = values[
        values.source_file.isin(LAIT_FILES.values())
        & ~values.note.fillna("").str.startswith("derived")
    ]
    assert raw.value.notna().sum() == (got.status == "ok").sum()
    # 18 measures (14 education, 4 skills) x the 11 areas x the years they did not exist
    assert len(raw) - len(got) == 989
    e = read_els()
    gone = ["E08000038", "E08000039", "E47000015", "E47000016", "E47000017", "E47000018"]
    e = e[~e.area_code.str.startswith("E13") & ~e.area_code.isin(gone)]
    assert len(e) == values.source_file.isin(ELS_FILES.values()).sum()


def test_dropped_lait_rows_belong_to_reorganised_areas_only(values):
    used = values[["source_file", "source_measure"]].drop_duplicates()
    raw = read_lait().merge(used, on=["source_file", "source_measure"])
    raw = raw[~raw.area_code.str.startswith("E13")]
    got = values[~values.note.fillna("").str.startswith("derived")]
    he = raw.source_measure.str.startswith("HE_19")
    raw["period"] = raw.time_period_label.str.replace("-", "/").where(
        he,
        (raw.time_period_label.str[:4].astype(int) - 1).astype(str)
        + "/"
        + raw.time_period_label.str[-2:],
    )
    m = raw.merge(
        got, how="left", on=["source_file", "source_measure", "area_code", "period"], indicator=True
    )
    dropped = m[m._merge == "left_only"]
    assert set(dropped.area_code) <= LIFETIME_AREAS
    assert dropped.value_note.eq("-").all()


CATALOGUE_COLUMNS = (
    "indicator_id family family_title title short_title domain subgroup unit decimals polarity "
    "geography definition publisher source_title source_url licence attribution caveats "
    "source_file period_type release release_schedule next_release"
).split()
POLARITY = {"High": "higher_better", "Low": "lower_better"}


def test_catalogue_seed_matches_contract_and_lait_dictionary(values):
    seed = pd.read_csv(SEEDS_DIR / "indicators_education.csv", dtype=str)
    assert list(seed.columns) == CATALOGUE_COLUMNS
    assert set(seed.indicator_id) == EDUCATION_IDS and seed.notna().all().all()
    assert set(seed.source_file) <= set(pd.read_csv(MANIFEST, dtype=str).file)
    # polarity and source link agree with LAIT's dictionary for every LAIT measure used
    lait_v = values[
        values.source_file.isin(LAIT_FILES.values())
        & ~values.indicator_id.isin(["he19_fsm_gap", "ks2_rwm_disadv_gap"])
    ]
    used = lait_v[["indicator_id", "source_measure"]].drop_duplicates()
    assert len(used) == 18  # 14 education + Progress 8 (2) and KS4 destinations (2) in skills
    rel = "education/dfe_lait_education_measures_dictionary.csv"
    d = pd.read_csv(RAW_DIR / rel).set_index("measure_code")
    skills = pd.read_csv(SEEDS_DIR / "indicators_skills.csv", dtype=str)
    s = pd.concat([seed, skills]).set_index("indicator_id")
    for indicator, code in used.itertuples(index=False):
        assert s.loc[indicator, "polarity"] == POLARITY[d.loc[code, "Polarity"]], indicator
        assert s.loc[indicator, "source_url"] == d.loc[code, "Hyperlink(s)"].strip(), indicator
    assert s.loc["he19_fsm_gap", "polarity"] == "lower_better"
    assert s.loc["ks2_rwm_disadv_gap", "polarity"] == "lower_better"
    breaks = pd.read_csv(SEEDS_DIR / "series_breaks.csv", dtype=str)
    education = breaks[~breaks.indicator_family.isin(["claimant_rate", "ks4_p8"])]
    assert set(education.indicator_family) <= set(seed.family)
