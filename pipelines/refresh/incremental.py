"""Build the staged warehouse from the previous one: copy it, rebuild only the models downstream
of the replaced file, then run every data test. Used when the previous warehouse was built from
exactly the current inputs (its fingerprint says so); otherwise the whole build runs, as
``python -m pipelines build`` would. Either way every data test runs on the staged warehouse."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import duckdb

from pipelines import SQL_DIR
from pipelines.build import READ_CSV, REF, explain, ident, models, order, preflight, run_tests


def _fresh(previous: Path, key: str) -> bool:
    if not previous.exists():
        return False
    con = duckdb.connect(str(previous), read_only=True)
    try:
        return con.execute("select fingerprint from meta.build").fetchone()[0] == key
    except duckdb.Error:
        return False
    finally:
        con.close()


def downstream(files: list[str], sql_dir: Path = SQL_DIR) -> list[str]:
    """The models that read ``files`` and every model that depends on them, in build order."""
    found = models(sql_dir)
    texts = {n: p.read_text() for n, p in found.items()}
    dirty = {n for n, t in texts.items() if set(files) & set(READ_CSV.findall(t))}
    deps = {n: {f"{s}.{t}" for s, t in REF.findall(text)} for n, text in texts.items()}
    grew = True
    while grew:
        more = {n for n in found if deps[n] & dirty} - dirty
        dirty |= more
        grew = bool(more)
    return [n for n in order(found) if n in dirty]


def build(
    target: Path, raw: Path, files: list[str], seeds_dir: Path, previous: Path, key: str, log
) -> None:
    """Fill ``target`` with a warehouse for the staged ``raw`` folder (see the module docstring)."""
    from pipelines.build import build_into

    steps = downstream(files) if _fresh(previous, key) else []
    if not steps:
        build_into(target, raw, seeds_dir=seeds_dir, patterns=["*"])  # every model and test
        return
    shutil.copyfile(previous, target)
    found = models()
    con = duckdb.connect(str(target))
    try:
        con.execute(f"set file_search_path = '{raw.as_posix()}'")  # noqa: S608 (a setting)
        for i, name in enumerate(steps, 1):
            sql = found[name].read_text()
            t0 = time.perf_counter()
            if name.startswith("staging."):
                preflight(name, sql, raw)
            try:
                con.execute(f"create or replace table {ident(name)} as\n{sql}")
            except duckdb.Error as exc:
                raise explain(exc, name, sql, raw) from None
            n = con.execute(f"select count(*) from {ident(name)}").fetchone()[0]  # noqa: S608
            log(f"[{i:>2}/{len(steps)}] {name:<48} {n:>8,} rows {time.perf_counter() - t0:5.2f}s")
        run_tests(con, SQL_DIR, set(found))
    finally:
        con.close()
