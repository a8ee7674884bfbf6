"""One refresh: a new release (a file or an API response) -> drift checks -> staged build ->
changelog -> publish (or, with --dry-run, nothing)."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from pipelines import MANIFEST, RAW_DIR, ROOT, SEEDS_DIR, WAREHOUSE
from pipelines.refresh import changelog, convert, drift, publish, seeds
from pipelines.refresh.kinds import header, read_bytes, read_csv, tidy
from pipelines.refresh.recognise import RefreshError
from pipelines.refresh.sources import Source

LOG_DIR = ROOT / "data" / "refresh-log"


@dataclass
class Options:
    raw_dir: Path = RAW_DIR
    manifest: Path = MANIFEST
    warehouse: Path = WAREHOUSE
    seeds_dir: Path = SEEDS_DIR
    log_dir: Path = LOG_DIR
    dry_run: bool = False
    log: object = print
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


@dataclass
class Release:
    """What came from the publisher: the bytes as downloaded and where they came from."""

    data: bytes
    name: str  # the downloaded file's name (or the API call's)
    origin: str  # URL, or 'downloaded by hand: <name>'
    query: str = ""


def known_codes(warehouse: Path) -> set[str]:
    if not warehouse.exists():
        return set()
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {r[0] for r in con.execute("select area_code from marts.areas").fetchall()}
    except duckdb.Error:
        return set()
    finally:
        con.close()


def stored_bytes(file: str, frame: pd.DataFrame, original: bytes | None) -> bytes:
    """The file as kept in data/raw: the publisher's bytes when the layout is theirs, gzip when
    the name says so (no name or time in the header, so the same input gives the same bytes)."""
    text = original if original is not None else frame.to_csv(index=False).encode("utf-8")
    return gzip.compress(text, compresslevel=9, mtime=0) if file.endswith(".gz") else text


def period_range(new: pd.DataFrame) -> str:
    years = sorted({drift.period_key(p)[0] for p in new.loc[new["value"].notna(), "period"]})
    return f"{years[0]}-{years[-1]}" if years else ""


def manifest_row(
    row: dict, rel: Release, stored: bytes, new: pd.DataFrame, o: Options, withdrawn
) -> dict:
    day = o.now.strftime("%Y-%m-%d")
    note = f"refreshed {day} by `python -m pipelines refresh` from {rel.name}"
    if withdrawn:
        note += f"; withdrawn by the publisher, last good values kept: {', '.join(withdrawn)}"
    return row | {
        "period": period_range(new) or row["period"],
        "origin_repo": rel.origin,
        "origin_path": rel.query,
        "origin_commit": f"retrieved {o.now.strftime('%Y-%m-%dT%H:%MZ')}",
        "source_sha256": hashlib.sha256(rel.data).hexdigest(),
        "sha256": hashlib.sha256(stored).hexdigest(),
        "notes": note,
    }


def prepare(src: Source, rel: Release, o: Options) -> tuple:
    """Read the current and the new file, convert, run the drift checks. RefreshError on drift."""
    file, kind = src.file, src.kind
    old_frame = read_csv(read_bytes(o.raw_dir / file))
    data = gzip.decompress(rel.data) if rel.data[:2] == b"\x1f\x8b" else rel.data
    try:
        new_frame = convert.to_stored(kind.name, data, old_frame)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise RefreshError(f"{rel.name}: cannot be read as {kind.words}: {exc}") from None
    problems = drift.columns(file, kind, list(new_frame.columns))
    if problems:
        raise RefreshError("\n".join(problems))
    same_layout = list(new_frame.columns) == list(kind.columns)
    old_t, new_t = tidy(kind, old_frame), tidy(kind, new_frame)
    found = drift.check(file, old_t, new_t, known_codes(o.warehouse) | set(old_t["area_code"]))
    if found.problems:
        raise RefreshError("\n".join(found.problems))
    keep = tidy(kind, old_frame)["series"].isin(found.withdrawn).to_numpy()
    if keep.any():  # a withdrawn series keeps its last good values
        new_frame = pd.concat([new_frame[list(kind.columns)], old_frame[keep]], ignore_index=True)
    converted = convert.api_layout(header(data)) is not None
    original = data if same_layout and not converted and not keep.any() else None
    stored = stored_bytes(file, new_frame, original)
    return old_t, tidy(kind, new_frame), found, stored


def refresh(src: Source, rel: Release, o: Options) -> str:
    """Check, stage, build and (unless a dry run) publish one release; returns the changelog.
    RefreshError or BuildError when refused: then nothing in data/ has changed."""
    from pipelines.fresh import current_fingerprint

    rows = publish.read_rows(o.manifest)
    row = next((r for r in rows if r["file"] == src.file), None)
    if row is None:
        raise RefreshError(f"{src.file}: not in {o.manifest.name}; add its manifest row first")
    old_t, new_t, found, stored = prepare(src, rel, o)
    head = {"when": o.now.strftime("%Y-%m-%d %H:%M UTC"), "file": f"data/raw/{src.file}"}
    head |= {"from": rel.origin + (f"?{rel.query}" if rel.query else ""), "source": src.id}
    current = read_bytes(o.raw_dir / src.file)
    if (gzip.decompress(stored) if stored[:2] == b"\x1f\x8b" else stored) == current:
        return changelog.render(
            head | {"result": "no change: the release is the file already held"},
            found,
            changelog.data_changes(old_t, new_t),
            [],
            [],
        )
    new_row = manifest_row(row, rel, stored, new_t, o, found.withdrawn)
    rows = [new_row if r["file"] == src.file else r for r in rows]
    before = current_fingerprint(o.raw_dir, o.manifest, o.seeds_dir)
    st = None
    try:
        release = f"{rel.origin} ({new_row['period']}), retrieved {o.now.strftime('%Y-%m-%d')}"
        new_seeds = seeds.updated(o.seeds_dir, src.file, release, o.now.date())
        st = publish.stage(o.raw_dir, rows, {src.file: stored}, o.warehouse, o.seeds_dir, new_seeds)
        o.log(f"[refresh] building a staged warehouse with the new {src.file}")
        key = publish.build_stage(st, [src.file], o.warehouse, before, o.log)
        changes = changelog.data_changes(old_t, new_t)
        head |= {
            "sha256": f"{row['sha256'][:12]}… → {new_row['sha256'][:12]}…",
            "original sha256": new_row["source_sha256"],
            "result": "dry run: nothing changed" if o.dry_run else "published",
        }
        text = changelog.render(
            head,
            found,
            changes,
            changelog.studies(o.warehouse, st.warehouse),
            changelog.captions(o.warehouse, st.warehouse),
        )
        if not o.dry_run:
            publish.publish(st, o.raw_dir, [src.file], o.manifest, o.warehouse, key, o.seeds_dir)
            o.log_dir.mkdir(parents=True, exist_ok=True)
            name = f"{o.now.strftime('%Y%m%dT%H%M%SZ')}-{src.id}.md"
            (o.log_dir / name).write_text(text, encoding="utf-8")
            text += f"\n(kept in {(o.log_dir / name).as_posix()})\n"
        return text
    finally:
        publish.clean(st)
