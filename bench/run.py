"""One benchmark: build, no-op build, page script times, map figure size, browser map draw, export.

    python bench/run.py            # everything (about a minute); `make bench`
    python bench/run.py --quick    # skip the full build and the browser

Prints a table with each figure beside its target and writes bench/results.json (gitignored).
Uses the warehouse the app uses (data/atlas.duckdb, or CIVIC_ATLAS_WAREHOUSE); the full build
goes to a temporary file, so the live warehouse is never touched.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
PAGES = [
    "pages/home.py",
    "pages/map.py",
    "pages/profile.py",
    "pages/compare.py",
    "pages/partnerships.py",
    "pages/before_after.py",
    "pages/catalogue.py",
    "pages/present.py",
]
TARGETS = {"full build": 20.0, "no-op build": 1.0, "warm page": 0.25, "map figure lad": 1.0}

results: list[dict] = []


def record(
    name: str, value: float | None, unit: str, target: float | None = None, note: str = ""
) -> None:
    ok = None if value is None or target is None else value <= target
    results.append(
        {"name": name, "value": value, "unit": unit, "target": target, "ok": ok, "note": note}
    )
    shown = (
        "—" if value is None else f"{value:.3f}" if unit in ("s", "MB", "x") else f"{value:,.0f}"
    )
    print(f"  {name:<34} {shown:>9} {unit:<3} {note}", flush=True)


def timed(cmd: list[str], **kw) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False, **kw)
    return time.perf_counter() - t0, run


# ---------------------------------------------------------------------------------- build
def bench_build(tmp: Path) -> None:
    seconds, run = timed(
        [PY, "-m", "pipelines", "build", "--force", "--target", str(tmp / "atlas.duckdb")]
    )
    record(
        "full build",
        seconds if run.returncode == 0 else None,
        "s",
        TARGETS["full build"],
        "" if run.returncode == 0 else "FAILED: " + run.stderr.strip().splitlines()[-1][:80],
    )


def bench_noop() -> None:
    seconds, run = timed([PY, "-m", "pipelines", "build"])
    note = ""
    if "[skip]" not in run.stdout:
        note = "(warehouse was stale: built first)"
        seconds, run = timed([PY, "-m", "pipelines", "build"])
    record(
        "no-op build",
        seconds if "[skip]" in run.stdout else None,
        "s",
        TARGETS["no-op build"],
        note,
    )


def bench_warehouse() -> None:
    """Warehouse file size and rows per table (what the build produced)."""
    import duckdb

    from atlas.data.sql import WAREHOUSE as path

    record("warehouse size", path.stat().st_size / 1e6, "MB", None, str(path.name))
    con = duckdb.connect(str(path), read_only=True)
    tables = con.execute(
        "select schema_name, table_name, estimated_size from duckdb_tables() "
        "where schema_name in ('marts', 'intermediate', 'staging', 'raw') order by 1, 2"
    ).fetchall()
    for schema, table, _ in tables:
        rows = con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()[0]  # noqa: S608 (catalogue names)
        if schema == "marts":
            record(f"rows {schema}.{table}", rows, "rows")
    total = 0
    for s, t, _ in tables:
        total += con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0]  # noqa: S608
    record("rows, all tables", total, "rows", None, f"{len(tables)} tables")
    con.close()


# ---------------------------------------------------------------------------------- pages
def bench_pages() -> None:
    """Cold / warm script time of every page, with bench/pages.py's measure (same definitions)."""
    from bench import pages as page_bench

    page_bench.quiet()
    for page in PAGES:
        name = Path(page).stem
        try:
            cold, warm, _cpu, error = page_bench.page_times(name, {}, runs=5)
        except Exception as exc:  # one page failing should not hide the others
            record(f"page {name}", None, "s", note=f"FAILED: {type(exc).__name__}: {exc}"[:100])
            continue
        note = f"EXCEPTION: {error.splitlines()[0][:60]}" if error else ""
        record(f"page {name} cold", cold / 1000, "s", None, note)
        record(f"page {name} warm", warm / 1000, "s", TARGETS["warm page"], note)


def bench_map_figure() -> None:
    from bench import pages as page_bench

    for ind in ("inactivity_rate", "ks4_att8_all"):
        try:
            level, size, _ = page_bench.map_size(ind, "E92000001")
        except Exception as exc:  # the map module is another helper's; report rather than crash
            record(
                f"map figure {ind}", None, "MB", note=f"FAILED: {type(exc).__name__}: {exc}"[:100]
            )
            continue
        record(
            f"map figure {level}",
            size / 1e6,
            "MB",
            TARGETS.get(f"map figure {level}"),
            f"England, {ind}",
        )


# ---------------------------------------------------------------------------------- browser
def bench_browser() -> None:
    """The atlas against a naive page and the floors, in one run (bench/browser.py)."""
    from bench import browser

    try:
        table = browser.compare(runs=3)
    except Exception as exc:
        record("browser comparison", None, "s", note=f"FAILED: {type(exc).__name__}: {exc}"[:100])
        return
    new_tab = table["new tab, warm server, map drawn"]
    record(
        "new tab, warm server: atlas", new_tab["atlas"], "s", 1.2, "open /map -> districts drawn"
    )
    record("new tab, warm server: naive page", new_tab["naive"], "s", None, "bench/fixtures")
    record("new tab: atlas / naive", new_tab["atlas"] / new_tab["naive"], "x", 0.4)
    record("new tab: empty Streamlit page", new_tab["empty"], "s", None, "the shell's floor")
    partnerships = table["new tab, partnerships map drawn"]["atlas"]
    record("new tab: partnerships map", partnerships, "s", None, "open /partnerships -> map")
    record("new tab: plotly.js floor", new_tab["floor"], "s", None, "no Streamlit")
    record("new tab: atlas with a plotly map", new_tab["plotly"], "s", None, "the renderer before")
    first = table["first visitor after a server start"]
    record("first visitor after a start: atlas", first["atlas"], "s", 5.0, "warm-up running")
    record("first visitor after a start: naive", first["naive"], "s")
    record("same tab again: atlas", table["same tab, open the map again"]["atlas"], "s")
    wire = table["websocket KB per map view after the first"]
    record("websocket KB per map view: atlas", wire["atlas"], "KB", 100.0, "compressed")
    record("websocket KB per map view: naive", wire["naive"], "KB")


# ---------------------------------------------------------------------------------- export
def bench_export(tmp: Path) -> None:
    for fmt in ("csv", "parquet"):
        out = tmp / f"all.{fmt}"
        seconds, run = timed([PY, "-m", "pipelines", "export", "--out", str(out)])
        note = (
            f"{out.stat().st_size / 1e6:.1f} MB"
            if run.returncode == 0
            else "FAILED: " + run.stderr[-80:]
        )
        record(
            f"export whole warehouse {fmt}",
            seconds if run.returncode == 0 else None,
            "s",
            None,
            note,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/run.py")
    parser.add_argument("--quick", action="store_true", help="skip the full build and the browser")
    args = parser.parse_args(argv)
    print(
        f"Civic Atlas benchmark — {time.strftime('%Y-%m-%d %H:%M')}, "
        f"warehouse {os.environ.get('CIVIC_ATLAS_WAREHOUSE', 'data/atlas.duckdb')}"
    )
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        if not args.quick:
            bench_build(Path(tmp))
        bench_noop()
        bench_warehouse()
        bench_pages()
        bench_map_figure()
        if not args.quick:
            bench_browser()
        bench_export(Path(tmp))
    print()
    print(f"{'measure':<34} {'figure':>10}  {'target':>9}  result")
    for r in results:
        fig = (
            "—"
            if r["value"] is None
            else f"{int(r['value']):,}"
            if r["unit"] == "rows"
            else (
                f"{r['value'] * 1000:.0f} ms"
                if r["unit"] == "s" and r["value"] < 1
                else f"{r['value']:.2f} {r['unit']}"
            )
        )
        tgt = (
            ""
            if r["target"] is None
            else (
                f"≤ {r['target'] * 1000:.0f} ms"
                if r["unit"] == "s" and r["target"] < 1
                else f"≤ {r['target']:g} {r['unit']}"
            )
        )
        verdict = {True: "ok", False: "MISSED", None: ""}[r["ok"]]
        if r["value"] is None:
            verdict = "FAILED"
        print(
            f"{r['name']:<34} {fig:>10}  {tgt:>9}  {verdict} {r['note'] if r['value'] is None else ''}".rstrip()
        )
    (ROOT / "bench" / "results.json").write_text(
        json.dumps({"when": time.strftime("%Y-%m-%dT%H:%M:%S"), "results": results}, indent=1)
    )
    missed = [r["name"] for r in results if r["ok"] is False or r["value"] is None]
    print(
        f"\n{len(missed)} target(s) missed or failed: {', '.join(missed)}"
        if missed
        else "\nall targets met"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
