"""Write, audit, publish: stage the new raw file beside links to every other one, build a new
warehouse from the stage (every data test runs), and only then move the file, the manifest row and
the warehouse into place. A failure anywhere leaves all three byte-identical."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.fresh import fingerprint, info_path
from pipelines.manifest import COLUMNS, read_manifest, verify


@dataclass
class Stage:
    root: Path
    raw: Path
    manifest: Path
    warehouse: Path
    seeds: Path
    seed_files: tuple[str, ...] = ()  # seed files the refresh changes


def manifest_bytes(rows: list[dict]) -> bytes:
    buf = io.StringIO(newline="")
    fields = list(rows[0]) if rows else COLUMNS
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def read_rows(manifest: Path) -> list[dict]:
    with open(manifest, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def stage(
    raw_dir: Path,
    rows: list[dict],
    files: dict[str, bytes],
    near: Path,
    seeds_dir: Path,
    seed_files: dict[str, bytes] | None = None,
) -> Stage:
    """A folder that looks like data/raw with the new files in it (links to every other file),
    the new manifest, and a copy of the seeds with ``seed_files`` replaced."""
    root = near.parent / f".refresh.{os.getpid()}"
    shutil.rmtree(root, ignore_errors=True)
    raw = root / "raw"
    for path in raw_dir.rglob("*"):
        rel = path.relative_to(raw_dir)
        if path.is_file() and rel.as_posix() not in files:
            (raw / rel).parent.mkdir(parents=True, exist_ok=True)
            (raw / rel).symlink_to(path.resolve())
    for file, stored in files.items():
        (raw / file).parent.mkdir(parents=True, exist_ok=True)
        (raw / file).write_bytes(stored)
    seeds = root / "seeds"
    shutil.copytree(seeds_dir, seeds)
    for name, data in (seed_files or {}).items():
        (seeds / name).write_bytes(data)
    manifest = root / "sources.csv"
    manifest.write_bytes(manifest_bytes(rows))
    return Stage(root, raw, manifest, root / "atlas.duckdb", seeds, tuple(seed_files or ()))


def build_stage(st: Stage, files: list[str], previous: Path, before: str, log) -> str:
    """Build the staged warehouse (every data test runs on it), then its studies; its fingerprint.
    ``previous`` built from the inputs ``before`` lets both reuse what the new file cannot change."""
    from pipelines.refresh import incremental, studies

    key = fingerprint(verify(read_manifest(st.manifest), st.raw), st.seeds)
    incremental.build(st, files, previous, before, log)
    con = duckdb.connect(str(st.warehouse))
    try:
        studies.precompute(con, previous, before, log)
        con.execute(
            "create or replace table meta.build as select $fp as fingerprint, now() as built_at",
            {"fp": key},
        )
    finally:
        con.close()
    size = st.warehouse.stat().st_size / 1e6
    log(f"[refresh] the staged warehouse passed every data test ({size:.1f} MB)")
    return key


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def publish(
    st: Stage, raw_dir: Path, files: list[str], manifest: Path, warehouse: Path, key: str,
    seeds_dir: Path,
) -> None:  # fmt: skip
    """Move the staged files, seeds, manifest and warehouse into place; on a failure put the
    files, seeds and manifest back (the warehouse moves last, in one step)."""
    moves = [(raw_dir / f, st.raw / f) for f in files]
    moves += [(seeds_dir / name, st.seeds / name) for name in st.seed_files]
    moves.append((manifest, st.manifest))
    old = {target: target.read_bytes() for target, _ in moves if target.exists()}
    try:
        for target, staged in moves:
            _atomic_write(target, staged.read_bytes())
        os.replace(st.warehouse, warehouse)
    except BaseException:
        for target, data in old.items():
            _atomic_write(target, data)
        raise
    counts = {"refreshed": files}
    info_path(warehouse).write_text(json.dumps({"fingerprint": key, "rows": counts}, indent=1))


def clean(st: Stage | None) -> None:
    if st is not None:
        shutil.rmtree(st.root, ignore_errors=True)
