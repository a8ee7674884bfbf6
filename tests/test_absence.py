"""Persistent absence (ONS Explore Local Statistics, from DfE): the indicator added by following
docs/CONTRIBUTING.md once. Values are checked against the raw file's own rows."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

RAW = Path(__file__).resolve().parents[1] / "data" / "raw" / "education"
FILE = RAW / "ons_els_persistent-absences-for-all-pupils.csv"


@pytest.fixture(scope="module")
def con(warehouse: Path):
    with duckdb.connect(str(warehouse), read_only=True) as c:
        yield c


def _raw(code: str, start: str) -> float:
    with FILE.open(encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if row["areacd"] == code and row["period"] == f"{start}-08-01/P1Y":
                return float(row["observation"])
    raise KeyError((code, start))


@pytest.mark.parametrize(
    ("code", "period", "start", "shown"),
    [
        ("E08000021", "2022/23", "2022", 24.9),  # Newcastle upon Tyne
        ("E92000001", "2023/24", "2023", 20.0),  # England
        ("E12000001", "2023/24", "2023", 22.1),  # North East
    ],
)
def test_values_are_the_published_ones(con, code, period, start, shown):
    value, status, source = con.execute(
        "select value, status, source_file from marts.indicator_values "
        "where indicator_id = 'absence_persistent' and area_code = ? and period = ?",
        [code, period],
    ).fetchone()
    assert value == pytest.approx(_raw(code, start)) and round(value, 1) == shown
    assert status == "ok" and source == "education/ons_els_persistent-absences-for-all-pupils.csv"


def test_catalogue_entry_and_coverage(con):
    title, polarity, geography = con.execute(
        "select title, polarity, geography from marts.indicators where indicator_id = 'absence_persistent'"
    ).fetchone()
    assert (polarity, geography) == ("lower_better", "utla")
    assert "persistently absent" in title
    periods = [
        p
        for (p,) in con.execute(
            "select distinct period from marts.indicator_values "
            "where indicator_id = 'absence_persistent' order by 1"
        ).fetchall()
    ]
    assert periods[0] == "2006/07" and periods[-1] == "2024/25" and "2019/20" not in periods
    uppers = con.execute(
        "select count(distinct v.area_code) from marts.indicator_values v join marts.areas a "
        "using (area_code) where indicator_id = 'absence_persistent' and a.is_utla and a.is_current "
        "and v.period = '2024/25'"
    ).fetchone()[0]
    assert uppers >= 150  # every English upper-tier authority but the smallest
