"""The raw-data manifest (data/sources.csv): what each file is, where it came from, its sha256."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipelines import MANIFEST, RAW_DIR

COLUMNS = [
    "file",
    "domain",
    "publisher",
    "title",
    "period",
    "licence",
    "attribution",
    "origin_repo",
    "origin_path",
    "origin_commit",
    "source_sha256",
    "sha256",
    "used_by",
    "notes",
]


class BuildError(Exception):
    """A build failure a person can act on: which file, which row or step, and why."""

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        step: str | None = None,
        row: int | None = None,
    ) -> None:
        self.reason, self.file, self.step, self.row = reason, file, step, row
        super().__init__(self.message())

    def message(self) -> str:
        parts = []
        if self.step:
            parts.append(f"step {self.step}")
        if self.file:  # paths under data/raw are given relative to it; others from the repo root
            shown = self.file if self.file.startswith("data/") else f"data/raw/{self.file}"
            parts.append(f"file {shown}")
        if self.row is not None:
            parts.append(f"line {self.row} (the header is line 1)")
        where = ", ".join(parts)
        return f"{where}: {self.reason}" if where else self.reason


@dataclass(frozen=True)
class Source:
    file: str
    sha256: str
    row: dict

    @property
    def path(self) -> Path:
        return RAW_DIR / self.file


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(path: Path = MANIFEST) -> list[Source]:
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    missing = [c for c in COLUMNS if rows and c not in rows[0]]
    if missing:
        raise BuildError(f"manifest {path.name} lacks columns {missing}")
    return [Source(r["file"], r["sha256"], r) for r in rows]


def verify(sources: list[Source], raw_dir: Path = RAW_DIR) -> dict[str, str]:
    """Check every listed file exists with its recorded hash, and nothing unlisted sits in data/raw."""
    hashes: dict[str, str] = {}
    for src in sources:
        path = raw_dir / src.file
        if not path.exists():
            raise BuildError(
                "file listed in data/sources.csv is missing", file=src.file, step="verify"
            )
        actual = sha256_of(path)
        if actual != src.sha256:
            raise BuildError(
                f"sha256 {actual[:12]}… does not match the manifest ({src.sha256[:12]}…); "
                "the file was changed or corrupted — restore it or record the new version in data/sources.csv",
                file=src.file,
                step="verify",
            )
        hashes[src.file] = actual
    listed = {s.file for s in sources}
    for path in sorted(raw_dir.rglob("*")):
        rel = path.relative_to(raw_dir).as_posix()
        if path.is_file() and not path.name.endswith(".md") and rel not in listed:
            raise BuildError(
                "file is in data/raw but not in data/sources.csv", file=rel, step="verify"
            )
    return hashes
