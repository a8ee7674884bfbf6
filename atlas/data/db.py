"""One way into the warehouse: one read-only connection and named, parameterised queries.

Pages call ``query("name", area=..., indicator=...)``: the SQL lives in ``sql/queries/<name>.sql`` and
values are bound as ``$named`` parameters — never formatted into the SQL text.

Fresh data without a restart: the connection and every cached result are keyed on the warehouse's
build fingerprint. When a rebuild changes it, the old connection is closed *before* the new one is
opened — DuckDB keeps a cache of open databases by path, so a connection opened while the old one
is still open would be handed the old (replaced, deleted) file. A query from another session that
was running on the old connection when it closed is retried once on the new one.

A warehouse removed or damaged while serving (issue 19): every page shows the app's own message
with what to do (``WarehouseMissing`` / ``WarehouseDamaged``, caught in app.py) instead of a
query error, and the app recovers by itself once a good build lands — no restart.
"""

from __future__ import annotations

import threading
import time

import duckdb
import pandas as pd
import streamlit as st
from streamlit.logger import get_logger

from atlas.data import integrity
from atlas.data.sql import BUILD_INFO, WAREHOUSE, run
from atlas.text.formatting import md

__all__ = [
    "BUILD_INFO",
    "WAREHOUSE",
    "WarehouseDamaged",
    "WarehouseMissing",
    "connection",
    "query",
    "read",
    "run",
    "version",
]


class WarehouseMissing(RuntimeError):
    """The warehouse has not been built yet (or was removed)."""


class WarehouseDamaged(WarehouseMissing):
    """The warehouse file is there but is not the one the build wrote (cut short, replaced)."""


MISSING = (
    "The data warehouse is not there: it has not been built, or it was removed. Run "
    "`python -m pipelines build` (or `make run`); this page comes back by itself once the build "
    "has finished."
)
DAMAGED = (
    "The data warehouse cannot be used: {why}. Run `python -m pipelines build` to rebuild it "
    "(no `--force` needed); this page comes back by itself once the build has finished."
)
_LOCK = threading.Lock()
_OPEN: dict[str, duckdb.DuckDBPyConnection] = {}  # at most one entry: build fingerprint -> con
_SEEN: dict[str, object] = {"files": None, "problem": None}  # the files last checked, and how
_RECORD: dict[object, dict | None] = {}  # at most one entry: the build record's stamp -> record


def _files() -> tuple[tuple, dict | None]:
    """(what identifies the warehouse and its build record on disk now, the record)."""
    try:
        w = WAREHOUSE.stat()
    except OSError:
        raise WarehouseMissing(MISSING) from None
    try:
        i = BUILD_INFO.stat()
        stamp = (i.st_ino, i.st_size, i.st_mtime_ns)
    except OSError:
        stamp = None
    key = (str(BUILD_INFO), stamp)  # the record is written atomically: a new one, a new stamp
    if stamp is None or key not in _RECORD:  # read (and parsed) once per record, not per call
        found = integrity.recorded(BUILD_INFO)
        _RECORD.clear()
        if stamp is not None:
            _RECORD[key] = found
        return (w.st_ino, w.st_size, w.st_mtime_ns, stamp), found
    return (w.st_ino, w.st_size, w.st_mtime_ns, stamp), _RECORD[key]


def version() -> str:
    """The build fingerprint of the warehouse on disk (changes on every successful rebuild).

    Whenever the file or its build record changes on disk, the warehouse is checked once
    (``atlas.data.integrity``: it opens, same fingerprint, row counts and size) through the
    connection the pages will use; one that is missing or damaged raises ``WarehouseMissing`` /
    ``WarehouseDamaged`` with what to do, until a good build lands."""
    files, record = _files()
    if files != _SEEN["files"]:
        files, record = _check(files, record)
    if _SEEN["problem"]:
        raise WarehouseDamaged(DAMAGED.format(why=md(_SEEN["problem"])))  # shown as typed
    return (record or {}).get("fingerprint") or str(files[2])


def _check(files: tuple, record: dict | None) -> tuple[tuple, dict | None]:
    """Check the warehouse now on disk through a fresh connection; a build that is swapping the
    file and its record in is given a moment (and two more looks) before a problem is kept."""
    for attempt in range(3):
        with _LOCK:
            if files != _SEEN["files"]:  # else: checked already (another session, or unchanged)
                _SEEN.update(files=files, problem=_open_checked(record or {}, files))
            problem = _SEEN["problem"]
        if problem is None:
            return files, record
        if attempt < 2:
            time.sleep(0.3)
            files, record = _files()
    # the detail for the server log (visitors get the DAMAGED message)
    get_logger(__name__).warning("warehouse %s cannot be used: %s", WAREHOUSE, problem)
    return files, record


def _open_checked(record: dict, files: tuple) -> str | None:
    """Open the warehouse as the pages' connection if it is intact; else why not (under _LOCK)."""
    _close_all()
    try:
        con = duckdb.connect(str(WAREHOUSE), read_only=True)
    except duckdb.Error as exc:
        return integrity.problem(WAREHOUSE, record) or str(exc)
    problem = integrity.problem(WAREHOUSE, record, con)
    if problem is None:
        _OPEN[record.get("fingerprint") or str(files[2])] = con
    else:
        con.close()
    return problem


def _close_all() -> None:
    for old in _OPEN.values():
        old.close()  # first: also closes its cursors, so DuckDB lets go of the old file
    _OPEN.clear()


def connection(build: str | None = None) -> duckdb.DuckDBPyConnection:
    """The read-only connection to the warehouse of ``build`` (default: the one on disk now)."""
    build = build or version()
    with _LOCK:
        con = _OPEN.get(build)
        if con is None:
            _close_all()
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


@st.cache_resource(max_entries=2000, show_spinner=False)
def _cached(build: str, name: str, params: tuple) -> pd.DataFrame:
    # one frame per build and query, shared by every session and only read: ``query`` hands out
    # copies (st.cache_data unpickled a new copy on every read, and ``query`` copied that again)
    return read(name, **dict(params))[1]


def query(name: str, **params: object) -> pd.DataFrame:
    """A cached, parameterised query by name. Lists/tuples are passed through as DuckDB lists."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    frame = _cached(version(), name, frozen)
    return frame.copy()
