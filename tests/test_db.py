"""The app's one way into the warehouse (atlas/data/db.py) across a rebuild (issue 9, defect 1).

The end-to-end check, a rebuild while a live server serves, is tests/test_live_rebuild.py."""

from __future__ import annotations

import duckdb
import pytest


def test_a_new_build_closes_the_old_connection_first(warehouse):
    from atlas.data import db

    old = db.connection("build-a")
    assert db.connection("build-a") is old
    new = db.connection("build-b")
    assert new is not old
    with pytest.raises(duckdb.ConnectionException):  # closed, so DuckDB lets go of the old file
        old.execute("select 1")


def test_a_query_caught_by_a_rebuild_is_retried_on_the_new_connection(warehouse, monkeypatch):
    """Another session notices the rebuild and closes the connection this query was given."""
    from atlas.data import db

    builds = iter(["build-old", "build-new"])
    monkeypatch.setattr(db, "version", lambda: next(builds))
    real = db.connection

    def overtaken(build: str | None = None) -> duckdb.DuckDBPyConnection:
        con = real(build)
        if build == "build-old":
            real("build-new")  # the other session opens the new build, closing this one
        return con

    monkeypatch.setattr(db, "connection", overtaken)
    build, frame = db.read("common_indicators")
    assert build == "build-new" and len(frame) >= 40
