"""One way into the warehouse: a cached read-only connection and named, parameterised queries.

Pages call ``query("name", area=..., indicator=...)``: the SQL lives in ``sql/queries/<name>.sql`` and
values are bound as ``$named`` parameters — never formatted into the SQL text.
The caches are keyed on the warehouse's build fingerprint, so a rebuild is noticed on the next rerun
and the old connection is closed when its cache entry is released.
"""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import streamlit as st

from atlas.data.sql import BUILD_INFO, WAREHOUSE, run

__all__ = ["BUILD_INFO", "WAREHOUSE", "WarehouseMissing", "connection", "query", "run", "version"]


class WarehouseMissing(RuntimeError):
    """The warehouse has not been built yet."""


def version() -> str:
    """The build fingerprint of the warehouse on disk (changes on every successful rebuild)."""
    try:
        return json.loads(BUILD_INFO.read_text())["fingerprint"] or str(
            WAREHOUSE.stat().st_mtime_ns
        )
    except (OSError, ValueError, KeyError):
        if WAREHOUSE.exists():
            return str(WAREHOUSE.stat().st_mtime_ns)
        raise WarehouseMissing(
            "The data warehouse has not been built. Run `make run` (or `python -m pipelines build`)."
        ) from None


@st.cache_resource(max_entries=1, show_spinner=False, on_release=lambda con: con.close())
def _connection(build: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(WAREHOUSE), read_only=True)


def connection() -> duckdb.DuckDBPyConnection:
    return _connection(version())


@st.cache_data(max_entries=2000, show_spinner=False)
def _cached(build: str, name: str, params: tuple) -> pd.DataFrame:
    return run(name, connection(), **dict(params))


def query(name: str, **params: object) -> pd.DataFrame:
    """A cached, parameterised query by name. Lists/tuples are passed through as DuckDB lists."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    frame = _cached(version(), name, frozen)
    return frame.copy()
