"""Is the warehouse up to date? Kept free of heavy imports so a no-op build answers in well under 1 s."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipelines import BUILD_INFO, MANIFEST, RAW_DIR, ROOT, SEEDS_DIR, SQL_DIR, WAREHOUSE
from pipelines.manifest import read_manifest, verify


def fingerprint(raw_hashes: dict[str, str], seeds_dir: Path = SEEDS_DIR) -> str:
    """Hash of every input: raw file hashes, SQL, seeds and pipeline code."""
    digest = hashlib.sha256(json.dumps(raw_hashes, sort_keys=True).encode())
    runner = [
        ROOT / "pipelines" / f for f in ("__init__.py", "build.py", "manifest.py", "fresh.py")
    ]
    extracts = (ROOT / "pipelines" / "extracts").glob("*.py")
    models = [
        p for p in SQL_DIR.rglob("*.sql") if "queries" not in p.parts
    ]  # run-time queries don't shape the data
    runner.append(ROOT / "pipelines" / "evidence.py")
    evidence = [
        *(ROOT / "atlas" / "evidence").glob("*.py"),
        *(ROOT / "data" / "stories").glob("*.yaml"),
    ]
    seeds = {(SEEDS_DIR / p.relative_to(seeds_dir)): p for p in seeds_dir.rglob("*.csv")}
    code = {
        p: p for p in [*models, *runner, *extracts, *evidence]
    } | seeds  # named as if in data/seeds
    for name, path in sorted(code.items()):
        digest.update(name.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def info_path(warehouse: Path) -> Path:
    return (
        BUILD_INFO
        if warehouse == WAREHOUSE
        else warehouse.with_name(warehouse.stem + ".build.json")
    )


def current_fingerprint(
    raw_dir: Path = RAW_DIR, manifest: Path = MANIFEST, seeds_dir: Path = SEEDS_DIR
) -> str:
    return fingerprint(verify(read_manifest(manifest), raw_dir), seeds_dir)


def is_fresh(key: str, warehouse: Path = WAREHOUSE) -> bool:
    """Built from these inputs *and* intact (opens, same fingerprint, row counts and size)."""
    return damage(key, warehouse) is None


def damage(key: str, warehouse: Path = WAREHOUSE) -> str | None:
    """Why the warehouse must be (re)built, in words; None when it is up to date and intact."""
    from atlas.data import integrity

    record = integrity.recorded(info_path(warehouse))
    if not warehouse.exists():
        return "there is no warehouse yet"
    if record is None or record.get("fingerprint") != key:
        return "its inputs changed"
    found = integrity.problem(warehouse, record)
    return f"the warehouse is damaged: {found}" if found else None
