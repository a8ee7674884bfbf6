"""The build on bad input: each corrupted raw file stops the build with file, row and reason,
and the last good warehouse keeps serving. Plus the manifest and no-op behaviour."""

from __future__ import annotations

import csv
import gzip
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipelines import MANIFEST, RAW_DIR, ROOT, SQL_DIR
from pipelines.build import build
from pipelines.manifest import BuildError, read_manifest

VICTIM = "labour/ons_els_modelled-unemployment.csv"  # a plain CSV read by one staging model


def staging_model_for(rel: str) -> str:
    hits = [p.stem for p in (SQL_DIR / "staging").glob("*.sql") if f"'{rel}'" in p.read_text()]
    assert len(hits) == 1, f"expected one staging model reading {rel}, found {hits}"
    return f"staging.{hits[0]}"


@pytest.fixture()
def sandbox(tmp_path: Path):
    """A private copy of data/raw and the manifest, and a good warehouse built from it."""
    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw)
    manifest = tmp_path / "sources.csv"
    shutil.copy(MANIFEST, manifest)
    warehouse = tmp_path / "atlas.duckdb"
    model = staging_model_for(VICTIM)
    assert build(warehouse=warehouse, raw_dir=raw, manifest=manifest, patterns=[model])
    good = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    return {"raw": raw, "manifest": manifest, "warehouse": warehouse, "model": model, "good": good}


def rehash(manifest: Path, raw: Path, rel: str) -> None:
    """Record the corrupted file's new hash, so the build gets past the hash check to the parser."""
    rows = list(csv.DictReader(open(manifest, encoding="utf-8")))
    for row in rows:
        if row["file"] == rel:
            row["sha256"] = hashlib.sha256((raw / rel).read_bytes()).hexdigest()
    with open(manifest, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def run_cli(box: dict) -> subprocess.CompletedProcess:
    cmd = [
        sys.executable,
        "-m",
        "pipelines",
        "build",
        "--raw",
        str(box["raw"]),
        "--manifest",
        str(box["manifest"]),
        "--target",
        str(box["warehouse"]),
        "--select",
        box["model"],
    ]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)


def assert_old_warehouse_serves(box: dict) -> None:
    assert hashlib.sha256(box["warehouse"].read_bytes()).hexdigest() == box["good"]
    con = duckdb.connect(str(box["warehouse"]), read_only=True)
    assert con.execute(f"select count(*) from {box['model']}").fetchone()[0] > 1000  # noqa: S608
    con.close()
    assert not list(box["warehouse"].parent.glob(".*.tmp.duckdb")), (
        "temporary build file left behind"
    )


def test_manifest_lists_every_raw_file_with_provenance():
    sources = read_manifest()
    files = {s.file for s in sources}
    on_disk = {
        p.relative_to(RAW_DIR).as_posix()
        for p in RAW_DIR.rglob("*")
        if p.is_file() and not p.name.endswith(".md")
    }
    assert files == on_disk
    for s in sources:
        assert s.row["publisher"] and s.row["title"] and s.row["licence"], s.file
        assert len(s.sha256) == 64


def test_wrong_hash_is_refused_naming_the_file(sandbox):
    path = sandbox["raw"] / VICTIM
    path.write_bytes(path.read_bytes().replace(b"North East", b"North Easy", 1))
    result = run_cli(sandbox)
    assert result.returncode == 1
    assert f"data/raw/{VICTIM}" in result.stderr and "sha256" in result.stderr
    assert_old_warehouse_serves(sandbox)


def test_missing_column_names_file_and_column(sandbox):
    path = sandbox["raw"] / VICTIM
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    drop = header.index("observation")
    cut = [",".join(c for i, c in enumerate(next(csv.reader([ln]))) if i != drop) for ln in lines]
    path.write_text("\n".join(cut) + "\n", encoding="utf-8")
    rehash(sandbox["manifest"], sandbox["raw"], VICTIM)
    result = run_cli(sandbox)
    assert result.returncode == 1
    assert f"data/raw/{VICTIM}" in result.stderr
    assert "missing column" in result.stderr and "'observation'" in result.stderr
    assert_old_warehouse_serves(sandbox)


def test_non_numeric_value_names_file_row_and_column(sandbox):
    path = sandbox["raw"] / VICTIM
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    col = lines[0].split(",").index("observation")
    row = 1234
    cells = next(csv.reader([lines[row - 1]]))
    cells[col] = "abc"
    lines[row - 1] = ",".join(f'"{c}"' if "," in c else c for c in cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rehash(sandbox["manifest"], sandbox["raw"], VICTIM)
    result = run_cli(sandbox)
    assert result.returncode == 1
    assert f"data/raw/{VICTIM}" in result.stderr
    assert (
        f"line {row} " in result.stderr
        and "observation" in result.stderr
        and '"abc"' in result.stderr
    )
    assert_old_warehouse_serves(sandbox)


def test_empty_file_is_refused(sandbox):
    (sandbox["raw"] / VICTIM).write_bytes(b"")
    rehash(sandbox["manifest"], sandbox["raw"], VICTIM)
    result = run_cli(sandbox)
    assert result.returncode == 1
    assert f"data/raw/{VICTIM}" in result.stderr and "empty" in result.stderr
    assert_old_warehouse_serves(sandbox)


def test_unlisted_file_in_raw_is_refused(sandbox):
    (sandbox["raw"] / "labour" / "stray.csv").write_text("a,b\n1,2\n")
    with pytest.raises(BuildError, match="labour/stray.csv.*not in data/sources.csv"):
        build(
            warehouse=sandbox["warehouse"],
            raw_dir=sandbox["raw"],
            manifest=sandbox["manifest"],
            patterns=[sandbox["model"]],
        )
    assert_old_warehouse_serves(sandbox)


def test_gzip_files_decompress_to_their_published_hash():
    for s in read_manifest():
        if s.file.endswith(".gz") and s.row["source_sha256"]:
            data = gzip.decompress((RAW_DIR / s.file).read_bytes())
            assert hashlib.sha256(data).hexdigest() == s.row["source_sha256"], s.file
