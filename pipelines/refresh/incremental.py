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


def REF_NAMES(text: str) -> list[str]:  # noqa: N802 (reads like the build's REF)
    return [f"{s}.{t}" for s, t in REF.findall(text)]


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


def downstream(files: list[str], seeds: list[str] = (), sql_dir: Path = SQL_DIR) -> list[str]:
    """The models that read ``files`` or the seed tables ``seeds`` and every model that depends
    on them, in build order."""
    found = models(sql_dir)
    texts = {n: p.read_text() for n, p in found.items()}
    dirty = {n for n, t in texts.items() if set(files) & set(READ_CSV.findall(t))}
    dirty |= {n for n, t in texts.items() if {f"seeds.{s}" for s in seeds} & set(REF_NAMES(t))}
    deps = {n: {f"{s}.{t}" for s, t in REF.findall(text)} for n, text in texts.items()}
    grew = True
    while grew:
        more = {n for n in found if deps[n] & dirty} - dirty
        dirty |= more
        grew = bool(more)
    return [n for n in order(found) if n in dirty]


def build(st, files: list[str], previous: Path, key: str, log) -> None:  # noqa: ANN001 (a Stage)
    """Fill the stage's warehouse (see the module docstring)."""
    from pipelines.build import build_into

    seeds = [Path(name).stem for name in st.seed_files]
    steps = downstream(files, seeds) if _fresh(previous, key) else []
    if not steps:
        build_into(st.warehouse, st.raw, seeds_dir=st.seeds, patterns=["*"])  # all models, tests
        return
    shutil.copyfile(previous, st.warehouse)
    found = models()
    con = duckdb.connect(str(st.warehouse))
    try:
        con.execute(f"set file_search_path = '{st.raw.as_posix()}'")  # noqa: S608 (a setting)
        for name in seeds:
            con.execute(
                f"create or replace table {ident('seeds.' + name)} as "  # noqa: S608
                "select * from read_csv($p, header=true, all_varchar=true)",
                {"p": str(st.seeds / f"{name}.csv")},
            )
        for i, name in enumerate(steps, 1):
            sql = found[name].read_text()
            t0 = time.perf_counter()
            if name.startswith("staging."):
                preflight(name, sql, st.raw)
            try:
                con.execute(f"create or replace table {ident(name)} as\n{sql}")
            except duckdb.Error as exc:
                raise explain(exc, name, sql, st.raw) from None
            n = con.execute(f"select count(*) from {ident(name)}").fetchone()[0]  # noqa: S608
            log(f"[{i:>2}/{len(steps)}] {name:<48} {n:>8,} rows {time.perf_counter() - t0:5.2f}s")
        run_tests(con, SQL_DIR, set(found))
    finally:
        con.close()
