"""The build's before/after precompute on several processes writes the same rows, byte for byte,
as one process (pipelines/evidence.py), on the real warehouse."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from pipelines import evidence


@pytest.fixture
def writable(warehouse, tmp_path):
    """A read-write copy of the warehouse, as the build holds it while precomputing."""
    copy = tmp_path / "atlas.duckdb"
    shutil.copyfile(warehouse, copy)
    con = duckdb.connect(str(copy))
    yield con
    con.close()


def test_parallel_rows_equal_serial_rows(writable, monkeypatch):
    todo = [t for t in evidence.tasks(writable) if t[2] == "he19_fsm"]
    assert {t[0] for t in todo} == {"iv", "programme"} and len(todo) >= 10
    monkeypatch.setattr(evidence, "CHUNK", 4)  # one outcome's studies split over several tasks
    parallel = evidence.rows(writable, todo, workers=2)
    serial = evidence.rows(writable, todo, workers=1)
    assert parallel == serial
    assert [(r[0], r[1]) for r in parallel] == [
        (f"programme:{k}" if kind == "programme" else k, ind) for kind, k, ind in todo
    ]
    stored = dict(
        ((a, b), j)
        for a, b, j in writable.execute(
            "select intervention_id, indicator_id, result_json from evidence.results"
        ).fetchall()
    )
    assert all(stored[r[0], r[1]] == r[6] for r in parallel)  # what the build wrote, to the byte


def test_the_workers_default_to_the_cores_and_never_exceed_the_outcomes(monkeypatch):
    todo = [("iv", "A", "x"), ("iv", "B", "x"), ("iv", "C", "y")]
    monkeypatch.setattr(evidence.os, "cpu_count", lambda: 8)
    assert evidence._workers(None, todo) == 2
    assert evidence._workers(1, todo) == 1
    assert evidence._workers(None, []) == 1
