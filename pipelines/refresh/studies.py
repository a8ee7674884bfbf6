"""Precomputed studies for a staged warehouse, recomputing only those a refresh can change.

A study reads its outcome indicator's values, IMD 2019 (to match comparison areas) and the
areas, register and neighbours, which a refresh of an indicator file does not touch. So the staged warehouse takes every
``evidence.results`` row of the previous warehouse whose indicator holds the same values, and
recomputes the rest with the build's own code path (``pipelines.evidence``). When the previous
warehouse was built from other code or inputs, everything is recomputed, as a build does.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pandas as pd


def digests(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    from atlas.data.sql import run

    return run("refresh_digests", con).set_index("indicator_id")


def _previous(previous: Path, key: str) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The previous warehouse's digests and studies, if it was built from the same inputs."""
    if not previous.exists():
        return None
    con = duckdb.connect(str(previous), read_only=True)
    try:
        if con.execute("select fingerprint from meta.build").fetchone()[0] != key:
            return None
        rows = con.execute("select * from evidence.results").fetchdf()
        return digests(con), rows
    except duckdb.Error:
        return None
    finally:
        con.close()


def changed_indicators(con: duckdb.DuckDBPyConnection, before: pd.DataFrame) -> set[str]:
    now = digests(con)
    both = now.join(before, how="outer", suffixes=("_new", "_old"))
    same = (both["n_values_new"] == both["n_values_old"]) & (
        both["digest_new"] == both["digest_old"]
    )
    return set(both.index[~same.fillna(False)])


def precompute(con: duckdb.DuckDBPyConnection, previous: Path, key: str, log) -> set[str]:
    """Fill ``evidence.results`` in ``con``; returns the indicators whose studies were recomputed
    (every indicator when nothing could be reused)."""
    from atlas.data.sql import run
    from atlas.evidence.engine import evaluate
    from atlas.evidence.staggered import PROGRAMMES, pooled
    from atlas.evidence.study import IMD
    from pipelines import evidence as E

    prev = _previous(previous, key)
    if prev is None:
        E.precompute(con, log)
        return set(digests(con).index)
    t0 = time.perf_counter()
    changed = changed_indicators(con, prev[0])
    if IMD in changed:  # every study ranks its comparison areas by IMD 2019
        changed = set(digests(con).index)
    read = lambda name, **params: run(name, con, **params)  # noqa: E731
    memo: dict = {}
    rows = [
        E._row(iv, ind, lambda iv=iv, ind=ind: evaluate(read, outcome=ind, iv=iv, memo=memo))
        for iv, ind in E.pairs(con)
        if ind in changed
    ]
    fam = run("evidence_families", con).set_index("programme_group")["outcomes"]
    for name, groups in PROGRAMMES.items():
        for ind in sorted({i for g in groups for i in fam.get(g, [])} & changed):
            rows.append(
                E._row(
                    f"programme:{name}",
                    ind,
                    lambda name=name, ind=ind: pooled(read, programme=name, outcome=ind, memo=memo),
                )
            )
    kept = prev[1][~prev[1]["indicator_id"].isin(changed)]
    con.execute("create schema if not exists evidence")
    con.execute(
        "create or replace table evidence.results (intervention_id varchar, indicator_id varchar, "
        "method_version varchar, verdict varchar, estimate double, level double, result_json varchar, "
        "primary key (intervention_id, indicator_id))"
    )
    con.executemany(
        "insert into evidence.results values (?, ?, ?, ?, ?, ?, ?)",
        [tuple(None if pd.isna(v) else v for v in r) for r in kept.itertuples(index=False)] + rows,
    )
    log(
        f"[evidence] {len(rows)} studies recomputed for {sorted(changed) or 'no indicator'}, "
        f"{len(kept)} kept ({time.perf_counter() - t0:.1f}s)"
    )
    return changed
