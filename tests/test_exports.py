"""Exports a researcher can trust: what goes out reads back the same, cannot run as a formula in
a spreadsheet, and carries a valid Data Package descriptor naming its sources and build.

Fast tests use hand-made frames; the warehouse tests export real rows and compare them with a
direct query of the warehouse (``warehouse`` from tests/conftest.py).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import numpy as np
import openpyxl
import pandas as pd
import pytest

from atlas.exports import files as exports

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
INJECTIONS = ['=HYPERLINK("http://x")', "+1", "@SUM(A1)", "-2+3", "\tcmd", "\r=1"]


def frame() -> pd.DataFrame:
    """Three tidy rows: a value with a CI, a suppressed value, a negative number and a gap."""
    return exports.tidy(
        pd.DataFrame(
            {
                "indicator_id": ["he19_fsm", "he19_fsm", "le_sii_male"],
                "indicator_title": [
                    "HE by 19 (FSM)",
                    "HE by 19 (FSM)",
                    "Slope index of inequality",
                ],
                "area_code": ["E08000021", "E08000037", "E92000001"],
                "area_name": ["Newcastle upon Tyne", "Gateshead", "England"],
                "geography_level": ["lad", "lad", "nation"],
                "period": ["2023/24", "2023/24", "2021-23"],
                "year": [2024, 2024, 2023],
                "value": [26.7, None, -9.123456789012345],
                "unit": ["%", "%", "years"],
                "lower_ci": [24.1, None, -10.5],
                "upper_ci": [29.3, None, -7.75],
                "status": ["ok", "suppressed", "ok"],
                "source_file": ["education/dfe_lait_post16_age19_he_neet_by_la.csv.gz"] * 2
                + ["health/ohid_fingertips_92901_sii_life_expectancy_lad.csv"],
                "source_measure": ["HE_FSM", "HE_FSM", "92901"],
                "note": [None, None, "3-year pooled"],
            }
        )
    )


def read_back(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), dtype={"year": "Int64"})


# ---------------------------------------------------------------------------------- CSV
def test_csv_round_trip_keeps_values_cis_and_statuses():
    df = frame()
    back = read_back(exports.to_safe_csv(df))
    assert list(back.columns) == exports.EXPORT_COLUMNS
    for col in ("value", "lower_ci", "upper_ci"):
        assert back[col].dtype == np.float64
        np.testing.assert_array_equal(back[col].to_numpy(), df[col].to_numpy())  # exact, NaN = NaN
    assert back["status"].tolist() == ["ok", "suppressed", "ok"]
    assert back["year"].tolist() == [2024, 2024, 2023]
    assert back["source_measure"].astype(str).tolist() == ["HE_FSM", "HE_FSM", "92901"]


def test_csv_neutralises_formulas_but_not_numbers():
    df = pd.DataFrame(
        {
            "area_name": INJECTIONS,
            "value": [-2.5, 1.0, -3.0, 4.0, 5.0, 6.0],
            "year": [2020, 2021, 2022, 2023, 2024, 2025],
        }
    )
    data = exports.to_safe_csv(df)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))[1:]
    for (name, _value, _year), original in zip(rows, INJECTIONS, strict=True):
        assert name == "'" + original
        assert not name.startswith(("=", "+", "-", "@", "\t", "\r"))
    back = pd.read_csv(io.BytesIO(data))
    assert back["value"].tolist() == [-2.5, 1.0, -3.0, 4.0, 5.0, 6.0]
    assert pd.api.types.is_float_dtype(back["value"]) and pd.api.types.is_integer_dtype(
        back["year"]
    )


def test_plain_text_is_left_alone():
    df = pd.DataFrame({"area_name": ["Newcastle upon Tyne", "2021-23", "", None]})
    back = pd.read_csv(io.BytesIO(exports.to_safe_csv(df)), keep_default_na=False)
    assert back["area_name"].tolist() == ["Newcastle upon Tyne", "2021-23", "", ""]
    mixed = pd.DataFrame({"x": pd.Series(["=1", -2, None, "ok"], dtype=object)})
    assert exports.neutralise(mixed)["x"].tolist() == ["'=1", -2, None, "ok"]


# ---------------------------------------------------------------------------------- Excel
def test_xlsx_has_no_formulas_and_a_readme():
    df = frame()
    df.loc[0, "note"] = INJECTIONS[0]
    df.loc[1, "area_name"] = "@SUM(A1)"
    book = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(df, {"title": "t", "licence": "OGL"})))
    assert book.sheetnames == ["data", "README"]
    sheet = book["data"]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    header = [c.value for c in sheet[1]]
    assert header == exports.EXPORT_COLUMNS
    note = sheet.cell(row=2, column=header.index("note") + 1)
    assert note.value == INJECTIONS[0] and note.data_type == "s"
    value = sheet.cell(row=4, column=header.index("value") + 1)
    assert value.data_type == "n" and value.value == pytest.approx(-9.123456789012345)
    assert sheet.cell(row=3, column=header.index("value") + 1).value is None  # suppressed: blank
    readme = {r[0].value: r[1].value for r in book["README"].iter_rows() if r[0].value}
    assert readme["licence"] == "OGL" and readme["value"].startswith("Published value")


# ---------------------------------------------------------------------------------- data package
def descriptor(df: pd.DataFrame | None = None) -> tuple[bytes, dict]:
    df = frame() if df is None else df
    data = exports.to_safe_csv(df)
    sources = exports.sources_for(df["source_file"], exports.load_sources())
    return data, exports.datapackage(
        df, name="he19-test", title="Test", sources=sources, data_version="abc123", data_bytes=data
    )


def test_datapackage_is_valid_and_traceable():
    data, dp = descriptor()
    assert exports.validate_datapackage(dp) == []
    res = dp["resources"][0]
    assert dp["profile"] == "tabular-data-package"
    assert dp["licenses"] == [exports.OGL]
    assert res["schema"]["primaryKey"] == ["indicator_id", "area_code", "period"]
    types = {f["name"]: f["type"] for f in res["schema"]["fields"]}
    assert types["value"] == types["lower_ci"] == "number" and types["year"] == "integer"
    assert types["area_code"] == "string"
    digest = hashlib.sha256(data).hexdigest()
    assert res["hash"] == f"sha256:{digest}" and res["bytes"] == len(data)
    assert dp["data_version"] == {"warehouse_fingerprint": "abc123", "sha256": digest}
    paths = {s["path"] for s in dp["sources"]}
    assert paths == {
        "data/raw/education/dfe_lait_post16_age19_he_neet_by_la.csv.gz",
        "data/raw/health/ohid_fingertips_92901_sii_life_expectancy_lad.csv",
    }
    assert all(s["publisher"] and s["title"] for s in dp["sources"])
    assert "Open Government Licence" in dp["attribution"]
    json.dumps(dp)  # serialisable as is


def test_validator_names_what_is_wrong():
    _, dp = descriptor()
    bad = json.loads(json.dumps(dp))
    bad["resources"][0]["schema"]["fields"][0]["type"] = "text"
    bad["resources"][0]["schema"]["primaryKey"] = ["indicator_id", "nope"]
    del bad["licenses"]
    problems = exports.validate_datapackage(bad)
    assert any("'text' is not a Table Schema type" in p for p in problems)
    assert any("primaryKey field 'nope'" in p for p in problems)
    assert "missing 'licenses'" in problems
    assert exports.validate_datapackage(
        {
            "profile": "tabular-data-package",
            "name": "x",
            "licenses": [],
            "sources": [],
            "resources": [],
        }
    )


def test_zip_bundle_holds_the_csv_and_its_descriptor():
    data, dp = descriptor()
    with zipfile.ZipFile(io.BytesIO(exports.zip_bundle(data, dp))) as zf:
        assert sorted(zf.namelist()) == ["datapackage.json", "he19-test.csv"]
        assert zf.read("he19-test.csv") == data
        inner = json.loads(zf.read("datapackage.json"))
    assert inner["resources"][0]["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    assert exports.zip_bundle(data, dp) == exports.zip_bundle(data, dp)  # reproducible


def test_exports_and_cli_do_not_import_streamlit():
    code = "import sys, atlas.exports, pipelines.export; assert 'streamlit' not in sys.modules"
    subprocess.run([PY, "-c", code], cwd=ROOT, check=True)


# ---------------------------------------------------------------------------------- warehouse
def cli(warehouse: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CIVIC_ATLAS_WAREHOUSE": str(warehouse)}
    return subprocess.run(
        [PY, "-m", "pipelines", "export", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_view_frame_round_trips(warehouse):
    from pipelines.export import export_frame

    with duckdb.connect(str(warehouse), read_only=True) as con:
        df = export_frame(
            con, ["he19_fsm", "employment_rate"], ["E08000021", "E12000001", "E92000001"]
        )
    assert {"ok"} <= set(df["status"]) and df["lower_ci"].notna().any()
    back = read_back(exports.to_safe_csv(df))
    for col in ("value", "lower_ci", "upper_ci"):
        np.testing.assert_array_equal(back[col].to_numpy(), df[col].to_numpy())
    assert back["status"].tolist() == df["status"].tolist()
    assert back["period"].tolist() == df["period"].tolist()


def test_cli_export_matches_the_warehouse(warehouse, tmp_path):
    out = tmp_path / "he19_all_utla.csv"
    run = cli(warehouse, "--indicator", "he19_all", "--level", "utla", "--out", str(out))
    assert run.returncode == 0, run.stderr
    got = pd.read_csv(out, dtype={"period": str})
    with duckdb.connect(str(warehouse), read_only=True) as con:
        want = con.execute("""
            select v.area_code, v.period, v.year, v.value, v.lower_ci, v.upper_ci, v.status,
                   v.source_file, v.source_measure
            from marts.indicator_values v join marts.areas a using (area_code)
            where v.indicator_id = 'he19_all' and a.is_utla
            order by v.area_code, v.year, v.period""").fetchdf()
        fingerprint = con.execute("select fingerprint from meta.build").fetchone()[0]
    assert len(want) > 150 and (got["indicator_id"] == "he19_all").all()
    got = got[want.columns].sort_values(["area_code", "year", "period"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    dp = json.loads(out.with_name(out.name + ".datapackage.json").read_text())
    assert exports.validate_datapackage(dp) == []
    assert dp["resources"][0]["path"] == out.name
    assert dp["data_version"] == {
        "warehouse_fingerprint": fingerprint,
        "sha256": hashlib.sha256(out.read_bytes()).hexdigest(),
    }
    assert dp["resources"][0]["indicators"][0]["indicator_id"] == "he19_all"
    assert [s["path"] for s in dp["sources"]] == [
        "data/raw/education/dfe_lait_post16_age19_he_neet_by_la.csv.gz"
    ]


def test_cli_parquet_and_xlsx(warehouse, tmp_path):
    areas = ["E08000021", "E08000037", "E92000001"]
    assert (
        cli(
            warehouse,
            "--indicator",
            "ks4_att8_all",
            "inactivity_rate",
            "--areas",
            *areas,
            "--out",
            str(tmp_path / "ne.parquet"),
        ).returncode
        == 0
    )
    pq = pd.read_parquet(tmp_path / "ne.parquet")
    assert set(pq["area_code"]) == set(areas) and set(pq["indicator_id"]) == {
        "ks4_att8_all",
        "inactivity_rate",
    }
    assert (
        cli(
            warehouse,
            "--indicator",
            "ks4_att8_all",
            "--areas",
            *areas,
            "--format",
            "xlsx",
            "--out",
            str(tmp_path / "ne.xlsx"),
        ).returncode
        == 0
    )
    book = openpyxl.load_workbook(tmp_path / "ne.xlsx")
    rows = list(book["data"].iter_rows(values_only=True))
    assert len(rows) - 1 == (pq["indicator_id"] == "ks4_att8_all").sum()
    assert all(c.data_type != "f" for row in book["data"].iter_rows() for c in row)


def test_cli_rejects_an_unknown_indicator(warehouse, tmp_path):
    run = cli(warehouse, "--indicator", "no_such_thing", "--out", str(tmp_path / "x.csv"))
    assert run.returncode == 2 and "no_such_thing" in run.stderr
    assert not (tmp_path / "x.csv").exists()
