"""The whole warehouse for researchers (issue 21): ``pipelines export --all`` writes every mart as a
file plus a Frictionless datapackage.json, and reading the Parquet back gives the warehouse's rows
exactly."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import duckdb
import pytest
from test_exports import cli

from atlas.exports import warehouse as W
from atlas.exports.datapackage_schema import validate_datapackage


@pytest.fixture(scope="module")
def parquet_dir(warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("all") / "parquet"
    run = cli(warehouse, "--all", "--format", "parquet", "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert "tables" in run.stdout and "datapackage.json" in run.stdout
    return out


def test_every_mart_is_written_and_described(warehouse, parquet_dir):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = {
            f"{s}.{t}"
            for s, t in con.execute(
                "select schema_name, table_name from duckdb_tables() "
                "where schema_name in ('marts', 'evidence')"
            ).fetchall()
        }
    package = json.loads((parquet_dir / "datapackage.json").read_text())
    assert validate_datapackage(package) == []
    assert {r["title"] for r in package["resources"]} == tables
    assert "marts.university_rankings" in tables and "marts.area_clusters" in tables
    assert package["data_version"]["warehouse_fingerprint"] not in ("", "unknown")
    assert any(
        s["path"].endswith("smc_2026_university-rankings--full-dataset.csv")
        for s in package["sources"]
    )
    for res in package["resources"]:
        data = (parquet_dir / res["path"]).read_bytes()
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), res["path"]
        assert res["bytes"] == len(data)
    values = next(r for r in package["resources"] if r["title"] == "marts.indicator_values")
    assert values["schema"]["primaryKey"] == ["indicator_id", "area_code", "period"]
    assert "indicator's unit" in values["description"]
    types = {f["name"]: f["type"] for f in values["schema"]["fields"]}
    assert types["value"] == "number" and types["year"] == "integer"


def test_parquet_round_trips_every_row_exactly(warehouse, parquet_dir):
    """Each file read back holds the table's rows exactly: same count, and nothing in either that is
    not in the other (EXCEPT ALL both ways, so duplicates count; lists and structs compared too)."""
    package = json.loads((parquet_dir / "datapackage.json").read_text())
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for res in package["resources"]:
            path = str(parquet_dir / res["path"])
            table = res["title"]
            n = con.execute("select count(*) from query_table($t)", {"t": table}).fetchone()[0]
            back = con.execute("select count(*) from read_parquet($p)", {"p": path}).fetchone()[0]
            assert back == n == res["rows"], table
            for first, second in (
                ("select * from query_table($t)", "select * from read_parquet($p)"),
                ("select * from read_parquet($p)", "select * from query_table($t)"),
            ):
                extra = con.execute(
                    f"select count(*) from ({first} except all {second})",  # noqa: S608 (fixed text)
                    {"t": table, "p": path},
                ).fetchone()[0]
                assert extra == 0, f"{table}: {extra} rows differ"
            got = con.execute("describe select * from read_parquet($p)", {"p": path}).fetchall()
            want = con.execute("describe select * from query_table($t)", {"t": table}).fetchall()
            assert [r[:2] for r in got] == [r[:2] for r in want], table


def test_csv_bundle_has_every_row_and_a_header(warehouse, tmp_path):
    out = tmp_path / "csv"
    run = cli(warehouse, "--all", "--format", "csv", "--out", str(out))
    assert run.returncode == 0, run.stderr
    package = json.loads((out / "datapackage.json").read_text())
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rankings = next(
            r for r in package["resources"] if r["title"] == "marts.university_rankings"
        )
        back = con.execute(
            "select count(*), count(distinct provider_name) from read_csv($p, header=true)",
            {"p": str(out / rankings["path"])},
        ).fetchone()
    assert back == (282, 94)  # 94 universities x 3 measures
    assert rankings["format"] == "csv" and rankings["dialect"]["header"] is True


@pytest.mark.parametrize(
    ("args", "says"),
    [(["--format", "xlsx"], "unknown format 'xlsx'"), ([], "is a file")],
    ids=["xlsx", "out-is-a-file"],
)
def test_bad_input_is_one_line_and_exit_2(warehouse, tmp_path, args, says):
    out = tmp_path / "x"
    if not args:
        out.write_text("already here")
    run = cli(warehouse, "--all", *args, "--out", str(out))
    assert run.returncode == 2 and says in run.stderr and "Traceback" not in run.stderr


def test_zip_is_the_same_bundle_and_stable(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        first = W.zip_all(con)
        assert W.zip_all(con) == first  # the same warehouse gives the same bytes
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert "datapackage.json" in names and "marts.indicator_values.parquet" in names
