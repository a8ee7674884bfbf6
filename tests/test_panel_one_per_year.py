"""The data test the before/after panel relies on (``sql/tests/indicator_values_one_per_year.sql``:
``atlas.evidence.frames.build_frame`` places each value in its area's year directly), on hand-made
rows in an in-memory DuckDB (SYNTHETIC codes)."""

from __future__ import annotations

import duckdb

from pipelines import ROOT

TEST = (ROOT / "sql" / "tests" / "indicator_values_one_per_year.sql").read_text()


def test_two_periods_in_one_year_of_one_area_are_caught():
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute(
        "create table marts.indicator_values (indicator_id varchar, area_code varchar, "
        "period varchar, year integer, value double)"
    )
    con.executemany(
        "insert into marts.indicator_values values (?, ?, ?, ?, ?)",
        [
            ("syn_rate", "SYN0001", "2019", 2019, 50.0),
            ("syn_rate", "SYN0001", "2019/20", 2019, 51.0),  # a second value for 2019
            ("syn_rate", "SYN0001", "2020", 2020, 52.0),
            ("syn_rate", "SYN0002", "2019", 2019, 40.0),
            ("syn_other", "SYN0001", "2019", 2019, 9.0),  # another indicator: fine
        ],
    )
    assert con.execute(TEST).fetchall() == [("syn_rate", "SYN0001", 2019, 2)]
