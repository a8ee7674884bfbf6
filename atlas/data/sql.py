"""Streamlit-free access to the warehouse: where it is, and named, parameterised queries.

Shared by the app (``atlas.db`` adds the caches), the export CLI, the warm-up and the benchmarks.
The SQL lives in ``sql/queries/<name>.sql``; values are bound as ``$named`` parameters, never
formatted into the SQL text.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas loads with the first query's result, not with this module
    import duckdb
    import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
# CIVIC_ATLAS_WAREHOUSE points everything at another build (development, tests); its build info
# sits beside it as <stem>.build.json, as `python -m pipelines build --target` writes it.
_OVERRIDE = os.environ.get("CIVIC_ATLAS_WAREHOUSE")
WAREHOUSE = Path(_OVERRIDE).resolve() if _OVERRIDE else ROOT / "data" / "atlas.duckdb"
BUILD_INFO = (
    WAREHOUSE.with_name(WAREHOUSE.stem + ".build.json")
    if _OVERRIDE
    else ROOT / "data" / "atlas.build.json"
)
QUERIES = ROOT / "sql" / "queries"
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


def sql_text(name: str) -> str:
    """The text of ``sql/queries/<name>.sql``; only plain names are accepted."""
    path = QUERIES / f"{name}.sql"
    if not NAME.match(name) or not path.exists():
        raise ValueError(f"unknown query {name!r}")
    return path.read_text()


def run(name: str, con: duckdb.DuckDBPyConnection, **params: object) -> pd.DataFrame:
    """Run a named query, binding exactly the ``$parameters`` it uses (tuples become lists)."""
    sql = sql_text(name)
    used = set(PARAM.findall(sql))
    missing = used - params.keys()
    if missing:
        raise ValueError(f"query {name!r} needs parameters {sorted(missing)}")
    bound = {k: list(v) if isinstance(v, tuple) else v for k, v in params.items() if k in used}
    return con.cursor().execute(sql, bound).fetchdf()
