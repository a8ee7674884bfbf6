"""Precomputed before/after results: every register intervention x its programme's outcomes
(data/seeds/evidence_outcomes.csv) and every before/after slide of the presentation stories,
estimated at build time into ``evidence.results`` so the page and the slides open from a table.

Runs on the new warehouse after its data tests pass, with exactly the page's code path
(``atlas.evidence.engine.evaluate``, default pool); editing the pool on the page recomputes live.
Each row keeps the engine's ``method_version``: the app recomputes a row whose version is stale.

The studies run on every core (issue 19: the build stays under 20 s as the evidence work grows):
studies of one outcome go in chunks of up to 25 to a worker process (a chunk shares what was
read, ``memo``), each worker reads a snapshot of the new warehouse (DuckDB lets no other process
open a file that is open for writing), and the rows are put back in the serial order, so the
table is the same, byte for byte, as one process makes (``tests/test_evidence_parallel.py``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

import duckdb
import pandas as pd
import yaml

from atlas.data.sql import run
from atlas.evidence.engine import METHOD_VERSION, StudyError, duckdb_reader, evaluate
from atlas.evidence.grade import of as grade_of
from atlas.evidence.jsonable import to_json
from pipelines import ROOT

STORIES = ROOT / "data" / "stories"


def story_pairs(stories: Path = STORIES) -> set[tuple[str, str]]:
    pairs = set()
    for path in sorted(stories.glob("*.yaml")):
        for view in yaml.safe_load(path.read_text()) or []:
            params = view.get("params") or {}
            if view.get("page") == "before-after" and params.get("iv") and params.get("ind"):
                pairs.add((str(params["iv"]), str(params["ind"])))
    return pairs


def pairs(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    reg = run("partnerships_register", con)
    fam = run("evidence_families", con).set_index("programme_group")["outcomes"]
    found = set(story_pairs())
    for r in reg.itertuples():
        if pd.isna(r.start_year) or not r.n_areas:
            continue
        for ind in list(fam.get(r.programme_group, [])):
            found.add((r.intervention_id, ind))
    return sorted(found)


def _row(key: str, ind: str, study) -> tuple:
    """One ``evidence.results`` row: ``study()`` runs it; a refused study is stored with its reason."""
    try:
        result = study()
    except StudyError as exc:
        result = {"method_version": METHOD_VERSION, "problem": f"No comparison is possible: {exc}."}
    result.setdefault("grade", grade_of(result))  # a refused study is graded too
    did = result.get("did") or {}
    rule = (result.get("verdict") or {}).get("rule") or (
        "refused"
        if result.get("problem")
        else ("changed" if did.get("significant") else "no_change")
    )
    return (key, ind, METHOD_VERSION, rule, did.get("estimate"), did.get("level"), to_json(result))


Task = tuple[str, str, str]  # ("iv" | "programme", intervention id or programme name, outcome)
CHUNK = 25  # studies of one outcome per worker task: the reads shared, the cores kept busy


def tasks(con: duckdb.DuckDBPyConnection) -> list[Task]:
    """Every study of the table, in the table's (serial) order."""
    from atlas.evidence.staggered import PROGRAMMES

    found: list[Task] = [("iv", iv, ind) for iv, ind in pairs(con)]
    fam = run("evidence_families", con).set_index("programme_group")["outcomes"]
    for name, groups in PROGRAMMES.items():
        for ind in sorted({i for g in groups for i in fam.get(g, [])}):
            found.append(("programme", name, ind))
    return found


def _study(read, memo: dict, task: Task) -> tuple:
    from atlas.evidence.staggered import pooled

    kind, key, ind = task
    if kind == "iv":
        return _row(key, ind, lambda: evaluate(read, outcome=ind, iv=key, memo=memo))
    return _row(
        f"programme:{key}", ind, lambda: pooled(read, programme=key, outcome=ind, memo=memo)
    )


def _serial(read, todo: list[Task]) -> list[tuple]:
    memo: dict = {}
    return [_study(read, memo, t) for t in todo]


def _workers(workers: int | None, todo: list[Task]) -> int:
    """Processes to use: ``workers`` (default: every core), no more than there are outcomes."""
    return max(1, min(workers or os.cpu_count() or 1, len({t[2] for t in todo})))


_READERS: dict[str, object] = {}  # in a worker: the snapshot's reader, opened once


def _group(job: tuple[str, list[tuple[int, Task]]]) -> list[tuple[int, tuple]]:
    """In a worker: one outcome's studies with one memo, each row with its place in the order."""
    path, todo = job
    if path not in _READERS:
        _READERS[path] = duckdb_reader(path)
    memo: dict = {}
    return [(i, _study(_READERS[path], memo, t)) for i, t in todo]


def rows(con: duckdb.DuckDBPyConnection, todo: list[Task], workers: int | None = None) -> list:
    """The rows of ``todo`` in its order: in this process (``workers=1``) or on a pool of
    ``workers`` processes (default: every core) reading a snapshot of ``con``'s database."""
    workers = _workers(workers, todo)
    if workers <= 1:
        return _serial(lambda name, **params: run(name, con, **params), todo)
    groups: dict[str, list[tuple[int, Task]]] = {}
    for i, t in enumerate(todo):
        groups.setdefault(t[2], []).append((i, t))
    chunks = [g[c : c + CHUNK] for g in groups.values() for c in range(0, len(g), CHUNK)]
    path, readonly = con.execute(
        "select path, readonly from duckdb_databases() where database_name = current_database()"
    ).fetchone()
    if not readonly:
        con.execute("checkpoint")  # everything in the file, none in the write-ahead log
    out: list = [None] * len(todo)
    with tempfile.TemporaryDirectory(prefix="atlas-evidence-") as tmp:
        snap = str(Path(tmp) / "snapshot.duckdb")
        shutil.copyfile(path, snap)
        jobs = [(snap, g) for g in sorted(chunks, key=len, reverse=True)]
        with get_context("fork").Pool(workers) as pool:
            for done in pool.imap_unordered(_group, jobs):
                for i, row in done:
                    out[i] = row
    return out


def precompute(con: duckdb.DuckDBPyConnection, log=print, workers: int | None = None) -> int:
    t0 = time.perf_counter()
    todo = tasks(con)
    workers = _workers(workers, todo)
    found = rows(con, todo, workers)
    con.execute("create schema if not exists evidence")
    con.execute(
        "create or replace table evidence.results (intervention_id varchar, indicator_id varchar, "
        "method_version varchar, verdict varchar, estimate double, level double, result_json varchar, "
        "primary key (intervention_id, indicator_id))"
    )
    con.executemany("insert into evidence.results values (?, ?, ?, ?, ?, ?, ?)", found)
    log(
        f"[evidence] evidence.results {len(found):>8,} studies {time.perf_counter() - t0:5.2f}s"
        f" on {workers} processes"
    )
    return len(found)
