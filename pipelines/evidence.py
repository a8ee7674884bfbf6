"""Precomputed before/after results: every register intervention x its programme's outcomes
(data/seeds/evidence_outcomes.csv) and every before/after slide of the presentation stories,
estimated at build time into ``evidence.results`` so the page and the slides open from a table.

Runs on the new warehouse after its data tests pass, with exactly the page's code path
(``atlas.evidence.engine.evaluate``, default pool); editing the pool on the page recomputes live.
Each row keeps the engine's ``method_version``: the app recomputes a row whose version is stale.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pandas as pd
import yaml

from atlas.data.sql import run
from atlas.evidence.engine import METHOD_VERSION, StudyError, evaluate
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


def precompute(con: duckdb.DuckDBPyConnection, log=print) -> int:
    from atlas.evidence.staggered import PROGRAMMES, pooled

    t0 = time.perf_counter()
    read = lambda name, **params: run(name, con, **params)  # noqa: E731
    memo: dict = {}
    rows = [
        _row(iv, ind, lambda iv=iv, ind=ind: evaluate(read, outcome=ind, iv=iv, memo=memo))
        for iv, ind in pairs(con)
    ]
    fam = run("evidence_families", con).set_index("programme_group")["outcomes"]
    for name, groups in PROGRAMMES.items():
        for ind in sorted({i for g in groups for i in fam.get(g, [])}):
            rows.append(
                _row(
                    f"programme:{name}",
                    ind,
                    lambda name=name, ind=ind: pooled(read, programme=name, outcome=ind, memo=memo),
                )
            )
    con.execute("create schema if not exists evidence")
    con.execute(
        "create or replace table evidence.results (intervention_id varchar, indicator_id varchar, "
        "method_version varchar, verdict varchar, estimate double, level double, result_json varchar, "
        "primary key (intervention_id, indicator_id))"
    )
    con.executemany("insert into evidence.results values (?, ?, ?, ?, ?, ?, ?)", rows)
    log(f"[evidence] evidence.results {len(rows):>8,} studies {time.perf_counter() - t0:5.2f}s")
    return len(rows)
