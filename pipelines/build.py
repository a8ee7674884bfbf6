"""The build: verify raw files -> extracts -> seeds -> SQL models in dependency order -> data tests
-> atomic swap of data/atlas.duckdb. Write, audit, publish: a failed build leaves the old warehouse."""

from __future__ import annotations

import csv
import json
import os
import re
import time
from fnmatch import fnmatch
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import duckdb

from pipelines import MANIFEST, RAW_DIR, SEEDS_DIR, SQL_DIR, WAREHOUSE, diagnose
from pipelines.extracts import discover
from pipelines.fresh import current_fingerprint, damage, info_path
from pipelines.manifest import BuildError

LAYERS = ("staging", "intermediate", "marts")
REF = re.compile(r"\b(raw|seeds|staging|intermediate|marts)\.([a-z0-9_]+)\b")
READ_CSV = re.compile(r"read_csv\(\s*'([^']+)'")
DECLARED = re.compile(r"columns\s*=\s*\{(.*?)\}", re.S)
COLUMN_NAME = re.compile(r"'([^']+)'\s*:")


IDENT = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")
DETAIL = re.compile(r"Expected Number of Columns|Invalid unicode|does not match|not utf-8", re.I)


def ident(name: str) -> str:
    """Table names come from file names; only plain identifiers may reach SQL text (values never do)."""
    if not IDENT.match(name):
        raise BuildError(f"'{name}' is not a valid model name (use lower-case letters, digits, _)")
    return name


def log(msg: str) -> None:
    print(msg, flush=True)


def models(sql_dir: Path = SQL_DIR) -> dict[str, Path]:
    found = {}
    for layer in LAYERS:
        for path in sorted((sql_dir / layer).glob("*.sql")):
            found[f"{layer}.{path.stem}"] = path
    return found


def order(found: dict[str, Path]) -> list[str]:
    graph = {}
    for name, path in found.items():
        deps = {f"{s}.{t}" for s, t in REF.findall(path.read_text())}
        graph[name] = {d for d in deps if d in found and d != name}
    try:
        return list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise BuildError(f"SQL models depend on each other in a cycle: {exc.args[1]}") from exc


def preflight(name: str, sql: str, raw_dir: Path) -> None:
    """Check each CSV a staging model reads, before DuckDB sees it: compression as named, UTF-8,
    a header with the columns the model declares, and at least one data row."""
    for rel in READ_CSV.findall(sql):
        lines = diagnose.head(raw_dir / rel, rel, name)
        if not lines or not lines[0].strip():
            raise BuildError("file is empty (no header row)", file=rel, step=name)
        header = next(csv.reader([lines[0]]))
        if len(lines) < 2 or not lines[1].strip():
            raise BuildError("file has a header but no data rows", file=rel, step=name)
        declared = (
            COLUMN_NAME.findall(DECLARED.search(sql).group(1)) if DECLARED.search(sql) else []
        )
        missing = [c for c in declared if c not in header]
        if missing:
            raise BuildError(
                f"missing column(s) {missing}; the header has {header}", file=rel, step=name
            )


def explain(exc: duckdb.Error, name: str, sql: str, raw_dir: Path = RAW_DIR) -> BuildError:
    """Turn a DuckDB error into file / row / reason."""
    text = str(exc)
    files = READ_CSV.findall(sql)
    file_m = re.search(r"file = (\S+)", text)
    rel = None
    if file_m:
        full = Path(file_m.group(1))
        rel = full.relative_to(raw_dir).as_posix() if full.is_relative_to(raw_dir) else full.name
    elif len(files) == 1:
        rel = files[0]
    if rel and "csv" in text.lower() and (raw_dir / rel).exists():
        found = diagnose.csv_problem(raw_dir / rel, rel, name)
        if found is not None:  # DuckDB's message lost the line or the reason: say both
            return found
    line = re.search(r"CSV Error on Line: (\d+)", text)
    conv = re.search(
        r'Error when converting column "([^"]+)"\. (Could not convert string "[^"]*" to \'\w+\')',
        text,
    )
    if conv:
        reason = f"column '{conv.group(1)}': {conv.group(2)} (a non-numeric value where a number is expected)"
    else:  # the headline, plus DuckDB's explanation where it gives one on a later line
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        detail = [ln for ln in lines[1:] if DETAIL.search(ln)]
        reason = " — ".join(lines[:1] + detail[:2])
    return BuildError(reason, file=rel, step=name, row=int(line.group(1)) if line else None)


def select(found: dict[str, Path], patterns: list[str]) -> dict[str, Path]:
    """The models matching any glob pattern, plus everything upstream of them."""
    wanted = {n for n in found if any(fnmatch(n, p) for p in patterns)}
    todo = list(wanted)
    while todo:
        deps = {f"{s}.{t}" for s, t in REF.findall(found[todo.pop()].read_text())}
        for dep in deps & found.keys() - wanted:
            wanted.add(dep)
            todo.append(dep)
    return {n: p for n, p in found.items() if n in wanted}


def run_tests(
    con: duckdb.DuckDBPyConnection, sql_dir: Path = SQL_DIR, built: set[str] | None = None
) -> None:
    """Run every data test; with a partial build (``built``), only tests whose tables were built."""
    failures = []
    tests = sorted((sql_dir / "tests").glob("*.sql"))
    for path in tests:
        if built is not None:
            refs = {
                f"{s}.{t}" for s, t in REF.findall(path.read_text()) if s != "seeds" and s != "raw"
            }
            if not refs <= built:
                continue
        rows = con.execute(path.read_text()).fetchdf()
        status = "ok" if rows.empty else f"FAILED ({len(rows)} offending rows)"
        log(f"  test {path.stem:<45} {status}")
        if not rows.empty:
            failures.append(f"{path.stem}:\n{rows.head(5).to_string(index=False)}")
    if failures:
        raise BuildError("data tests failed:\n" + "\n".join(failures), step="tests")


def build_into(
    target: Path,
    raw_dir: Path = RAW_DIR,
    sql_dir: Path = SQL_DIR,
    seeds_dir: Path = SEEDS_DIR,
    patterns: list[str] | None = None,
) -> dict[str, int]:
    con = duckdb.connect(str(target))
    try:
        con.execute(f"set file_search_path = '{raw_dir.as_posix()}'")  # noqa: S608 (a setting, not a value)
        for schema in ("raw", "seeds", *LAYERS, "meta"):
            con.execute(f"create schema if not exists {schema}")
        found = models(sql_dir)
        if patterns:
            found = select(found, patterns)
        wanted = {
            t for path in found.values() for s, t in REF.findall(path.read_text()) if s == "raw"
        }
        extracts = {t: e for t, e in discover().items() if t in wanted}
        for i, (table, (rel, loader)) in enumerate(sorted(extracts.items()), 1):
            t0 = time.perf_counter()
            try:
                frame = loader(raw_dir / rel)
            except BuildError as exc:  # the loader named the file it could not read
                raise BuildError(
                    exc.reason, file=exc.file or rel, step=f"raw.{table}", row=exc.row
                ) from exc
            except Exception as exc:  # a loader failing on a malformed file
                found = (
                    diagnose.csv_problem(raw_dir / rel, rel, f"raw.{table}")
                    if ".csv" in rel
                    else None
                )
                raise found or BuildError(
                    f"{type(exc).__name__}: {exc}", file=rel, step=f"raw.{table}"
                ) from exc
            con.register("_frame", frame)
            con.execute(f"create or replace table {ident('raw.' + table)} as select * from _frame")  # noqa: S608
            con.unregister("_frame")
            log(
                f"[extract {i}/{len(extracts)}] raw.{table:<40} {len(frame):>8,} rows {time.perf_counter() - t0:5.2f}s"
            )
        for path in sorted(seeds_dir.glob("*.csv")):
            rel, step = f"data/seeds/{path.name}", f"seeds.{path.stem}"
            try:
                con.execute(
                    f"create or replace table {ident(step)} as "  # noqa: S608
                    "select * from read_csv($p, header=true, all_varchar=true)",
                    {"p": str(path)},
                )
            except duckdb.Error as exc:
                raise diagnose.csv_problem(path, rel, step) or BuildError(
                    str(exc).splitlines()[0], file=rel, step=step
                ) from None
        counts = {}
        steps = order(found)
        for i, name in enumerate(steps, 1):
            sql = found[name].read_text()
            t0 = time.perf_counter()
            if name.startswith("staging."):
                preflight(name, sql, raw_dir)
            try:
                con.execute(f"create or replace table {ident(name)} as\n{sql}")
            except duckdb.Error as exc:
                raise explain(exc, name, sql, raw_dir) from None
            counts[name] = con.execute(f"select count(*) from {ident(name)}").fetchone()[0]  # noqa: S608
            log(
                f"[{i:>2}/{len(steps)}] {name:<48} {counts[name]:>8,} rows {time.perf_counter() - t0:5.2f}s"
            )
        run_tests(con, sql_dir, set(found) if patterns else None)
        if not patterns:  # a full build also precomputes every register before/after study
            from pipelines.evidence import precompute

            counts["evidence.results"] = precompute(con, log)
        return counts
    finally:
        con.close()


def build(
    force: bool = False,
    warehouse: Path = WAREHOUSE,
    raw_dir: Path = RAW_DIR,
    patterns: list[str] | None = None,
    manifest: Path = MANIFEST,
    seeds_dir: Path = SEEDS_DIR,
) -> bool:
    """Build the warehouse; return False when skipped because nothing changed.

    ``patterns`` (globs such as ``marts.areas`` or ``staging.dfe_*``) builds only those models and
    their upstream models — for development; such a build is never recorded as fresh."""
    t0 = time.perf_counter()
    log("[verify] checking data/raw against data/sources.csv")
    key = current_fingerprint(raw_dir, manifest, seeds_dir)
    why = None if force or patterns else damage(key, warehouse)
    if not force and not patterns and why is None:
        log(f"[skip] warehouse is up to date with its inputs ({time.perf_counter() - t0:.2f}s)")
        return False
    if why and why.startswith("the warehouse is damaged"):
        log(f"[repair] {why}: rebuilding it")
    tmp = warehouse.with_name(f".{warehouse.stem}.{os.getpid()}.tmp.duckdb")
    tmp.unlink(missing_ok=True)
    try:
        counts = build_into(tmp, raw_dir, seeds_dir=seeds_dir, patterns=patterns)
        con = duckdb.connect(str(tmp))
        con.execute(
            "create or replace table meta.build as select $fp as fingerprint, now() as built_at",
            {"fp": key},
        )
        con.close()
        os.replace(tmp, warehouse)
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
    record = {"fingerprint": "" if patterns else key, "rows": counts}
    record["bytes"] = warehouse.stat().st_size  # a copy cut short is caught by its size
    info = info_path(warehouse)
    part = info.with_name(f".{info.name}.{os.getpid()}.tmp")
    part.write_text(json.dumps(record, indent=1))
    os.replace(part, info)  # readers (the app, its readiness check) never see half a record
    log(
        f"[done] {warehouse.name} {warehouse.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - t0:.1f}s"
    )
    return True
