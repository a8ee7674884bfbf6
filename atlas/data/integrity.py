"""Is the warehouse on disk the one the build wrote? Streamlit-free; used by the build (to skip
only an intact warehouse), the app (to say so, in its own words, when it is not) and the
readiness endpoint (``atlas.ready``).

The build records in ``<warehouse>.build.json`` the fingerprint of its inputs, the row count of
every table it made and the file's size. A warehouse is intact when the file has that size, opens,
carries the same fingerprint in ``meta.build`` and has those row counts. A copy truncated in
place, a file that is not a database, a folder or a missing file each get one sentence.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

ROW_COUNTS = "row_counts"  # sql/queries/row_counts.sql: every table's stored row count


def recorded(info: Path) -> dict | None:
    """What the build recorded (fingerprint, rows, bytes), or None if there is no readable record."""
    try:
        found = json.loads(info.read_text())
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def problem(
    warehouse: Path, record: dict | None, con: duckdb.DuckDBPyConnection | None = None
) -> str | None:
    """Why ``warehouse`` is not the warehouse ``record`` describes, in words; None if it is.

    ``con``: an open read-only connection to it (the app's own); else one is opened and closed."""
    if not warehouse.exists():
        return "the file is missing"
    if warehouse.is_dir():
        return "a folder stands where the file should be"
    record = record or {}
    size, want = warehouse.stat().st_size, record.get("bytes")
    if want is not None and size != want:
        return f"the file is {size:,} bytes, the build wrote {want:,} (cut short or changed)"
    own = con is None
    try:
        con = con or duckdb.connect(str(warehouse), read_only=True)
        return _contents(con, record)
    except duckdb.Error as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        first = first.replace(f' "{warehouse}"', "").removeprefix("IO Error: ")
        return f"it cannot be read ({first[:160]})"
    finally:
        if own and con is not None:
            con.close()


def _contents(con: duckdb.DuckDBPyConnection, record: dict) -> str | None:
    from atlas.data.sql import sql_text  # rows as tuples: no pandas, so a no-op build stays quick

    stamp = con.cursor().execute(sql_text("build_stamp")).fetchall()
    if not stamp:
        return "it has no build record (meta.build)"
    fingerprint = record.get("fingerprint")
    if fingerprint and stamp[0][0] != fingerprint:
        return "it is not the build recorded beside it (another fingerprint)"
    counts = dict(con.cursor().execute(sql_text(ROW_COUNTS)).fetchall())
    wrong = [
        t for t, n in (record.get("rows") or {}).items() if "." in t and counts.get(t) != int(n)
    ]
    if wrong:
        return f"{len(wrong)} table(s) are missing or have other row counts than the build wrote ({', '.join(wrong[:3])})"
    return None
