"""One way into the warehouse: one read-only connection and named, parameterised queries.

Pages call ``query("name", area=..., indicator=...)``: the SQL lives in ``sql/queries/<name>.sql`` and
values are bound as ``$named`` parameters — never formatted into the SQL text.

Fresh data without a restart: the connection and every cached result are keyed on the warehouse's
build fingerprint. When a rebuild changes it, the old connection is closed *before* the new one is
opened — DuckDB keeps a cache of open databases by path, so a connection opened while the old one
is still open would be handed the old (replaced, deleted) file. A query from another session that
was running on the old connection when it closed is retried once on the new one.
"""

from __future__ import annotations

import json
import threading

import duckdb
import pandas as pd
import streamlit as st

from atlas.data.sql import BUILD_INFO, WAREHOUSE, run

__all__ = [
    "BUILD_INFO",
    "WAREHOUSE",
    "WarehouseMissing",
    "connection",
    "query",
    "read",
    "run",
    "version",
]


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


_LOCK = threading.Lock()
_OPEN: dict[str, duckdb.DuckDBPyConnection] = {}  # at most one entry: build fingerprint -> con


def connection(build: str | None = None) -> duckdb.DuckDBPyConnection:
    """The read-only connection to the warehouse of ``build`` (default: the one on disk now)."""
    build = build or version()
    with _LOCK:
        con = _OPEN.get(build)
        if con is None:
            for old in _OPEN.values():
                old.close()  # first: also closes its cursors, so DuckDB lets go of the old file
            _OPEN.clear()
            con = _OPEN[build] = duckdb.connect(str(WAREHOUSE), read_only=True)
        return con


def read(name: str, **params: object) -> tuple[str, pd.DataFrame]:
    """Run a named query on the current warehouse: (build fingerprint, rows), uncached.

    If another session swapped in a rebuilt warehouse while this query ran on the old connection
    (now closed), it is run once more on the new one."""
    build = version()
    try:
        return build, run(name, connection(build), **params)
    except duckdb.ConnectionException:
        build = version()
        return build, run(name, connection(build), **params)


@st.cache_data(max_entries=2000, show_spinner=False)
def _cached(build: str, name: str, params: tuple) -> pd.DataFrame:
    return read(name, **dict(params))[1]


def query(name: str, **params: object) -> pd.DataFrame:
    """A cached, parameterised query by name. Lists/tuples are passed through as DuckDB lists."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    frame = _cached(version(), name, frozen)
    return frame.copy()
