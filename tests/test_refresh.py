"""``python -m pipelines refresh --from FILE`` on the real employment-rate file, in a sandbox
(a temporary copy of data/raw, the manifest and the warehouse; the repo's data is never touched).

The sandbox holds the file without 2023 (held back, as if 2023 were not yet published); the
full published file is then the "new release"."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from pipelines import MANIFEST, RAW_DIR, SEEDS_DIR
from pipelines.__main__ import main

FILE = "labour/ons_els_employment-rate.csv.gz"
pytestmark = pytest.mark.slow


@dataclass
class Sandbox:
    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def manifest(self) -> Path:
        return self.root / "sources.csv"

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def warehouse(self) -> Path:
        return self.root / "atlas.duckdb"

    def args(self) -> list[str]:
        return ["--raw", str(self.raw), "--manifest", str(self.manifest),
                "--target", str(self.warehouse), "--log-dir", str(self.root / "log"),
                "--seeds", str(self.seeds)]  # fmt: skip

    def digest(self) -> dict[str, str]:
        """sha256 of every raw file, the manifest and the warehouse."""
        files = [
            *sorted(p for p in self.raw.rglob("*") if p.is_file()),
            self.manifest,
            self.warehouse,
        ]
        return {
            str(p.relative_to(self.root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files
        }

    def value(self, ind: str, area: str, period: str) -> float | None:
        con = duckdb.connect(str(self.warehouse), read_only=True)
        try:
            row = con.execute(
                "select value from marts.indicator_values where indicator_id = $i and "
                "area_code = $a and period = $p",
                {"i": ind, "a": area, "p": period},
            ).fetchone()
        finally:
            con.close()
        return row[0] if row else None


def install(sb: Sandbox, files: dict[str, bytes]) -> None:
    """Put each file in the sandbox as the release already held (set-up only: no drift checks)."""
    from pipelines.fresh import current_fingerprint
    from pipelines.refresh import publish

    stored = {f: gzip.compress(d, mtime=0) if f.endswith(".gz") else d for f, d in files.items()}
    sha = {f: hashlib.sha256(d).hexdigest() for f, d in stored.items()}
    rows = [
        r | {"sha256": sha[r["file"]]} if r["file"] in sha else r
        for r in publish.read_rows(sb.manifest)
    ]
    before = current_fingerprint(sb.raw, sb.manifest, sb.seeds)
    st = publish.stage(sb.raw, rows, stored, sb.warehouse, sb.seeds)
    try:
        key = publish.build_stage(st, list(stored), sb.warehouse, before, print)
        publish.publish(st, sb.raw, list(stored), sb.manifest, sb.warehouse, key, sb.seeds)
    finally:
        publish.clean(st)


def make_sandbox(root: Path, warehouse: Path) -> Sandbox:
    sb = Sandbox(root)
    shutil.copytree(RAW_DIR, sb.raw)
    shutil.copytree(SEEDS_DIR, sb.seeds)
    shutil.copy(MANIFEST, sb.manifest)
    shutil.copy(warehouse, sb.warehouse)
    shutil.copy(warehouse.with_name("atlas.build.json"), root / "atlas.build.json")
    return sb


def published() -> bytes:
    return gzip.decompress((RAW_DIR / FILE).read_bytes())


def without(data: bytes, marker: bytes) -> bytes:
    return b"".join(line for line in data.splitlines(keepends=True) if marker not in line)


@pytest.fixture(scope="module")
def held_back(tmp_path_factory: pytest.TempPathFactory, warehouse: Path) -> Sandbox:
    sb = make_sandbox(tmp_path_factory.mktemp("refresh"), warehouse)
    install(sb, {FILE: without(published(), b",2023-01-01/P1Y,")})
    assert sb.value("employment_rate", "E92000001", "2023") is None
    return sb


def write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def test_a_renamed_column_is_refused_naming_it_and_nothing_changes(held_back, tmp_path, capsys):
    before = held_back.digest()
    renamed = published().replace(b",observation,", b",obs_value,", 1)
    path = write(tmp_path, "employment-rate.csv", renamed)
    assert main(["refresh", "--from", str(path), *held_back.args()]) == 2
    err = capsys.readouterr().err
    assert "column 'observation' is missing" in err and "obs_value" in err
    assert "Nothing was changed" in err
    assert held_back.digest() == before


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (lambda d: d.replace(b"\nE06000047,", b"\nE60000047,"), "a new geography code scheme"),
        (lambda d: without(d, b"E08000021"), "area E08000021 (Newcastle upon Tyne) disappeared"),
        (
            lambda d: d.replace(b",72.5,Percentage", b",725.0,Percentage"),
            "outside the plausible range",
        ),
        (lambda d: without(d, b",2015-01-01/P1Y,"), "period(s) ['2015-01-01/P1Y'] vanished"),
    ],
)
def test_drift_checks_refuse_with_one_line_naming_the_code(
    held_back, tmp_path, capsys, edit, words
):
    before = held_back.digest()
    path = write(tmp_path, "employment-rate.csv", edit(published()))
    assert main(["refresh", "--from", str(path), *held_back.args()]) == 2
    err = capsys.readouterr().err
    assert words in err and "labour/ons_els_employment-rate.csv.gz" in err
    assert held_back.digest() == before


def test_values_times_100_are_a_change_of_scale(held_back, tmp_path, capsys):
    from pipelines.refresh.kinds import ELS, read_csv

    frame = read_csv(published())
    for col in ("observation", "lci_95", "uci_95"):
        num = frame[col].map(lambda v: f"{float(v) * 100:g}" if v else v)
        frame[col] = num
    path = write(
        tmp_path, "employment-rate.csv", frame[list(ELS.columns)].to_csv(index=False).encode()
    )
    assert main(["refresh", "--from", str(path), *held_back.args()]) == 2
    assert "×100 the current file's" in capsys.readouterr().err


def test_dry_run_prints_the_changelog_and_changes_nothing(held_back, tmp_path, capsys):
    before = held_back.digest()
    path = write(tmp_path, "employment-rate.csv", published())
    assert main(["refresh", "--from", str(path), "--dry-run", *held_back.args()]) == 0
    out = capsys.readouterr().out
    assert "Employment rate: 2023-01-01/P1Y" in out and "dry run: nothing changed" in out
    assert held_back.digest() == before
    assert not (held_back.root / "log").exists()


def test_refresh_from_the_full_file_gains_2023_and_a_rebuild_is_a_no_op(
    held_back, tmp_path, capsys
):
    from pipelines.build import build

    path = write(tmp_path, "employment-rate.csv", published())
    assert main(["refresh", "--from", str(path), *held_back.args()]) == 0
    out = capsys.readouterr().out
    # the warehouse gains 2023: England's published figure, as in the file
    england = [ln for ln in published().decode().splitlines() if ln.startswith("E92000001,England")]
    want = next(ln for ln in england if ",Employment rate,2023-01-01/P1Y," in ln).split(",")[5]
    assert held_back.value("employment_rate", "E92000001", "2023") == pytest.approx(float(want))
    # the manifest carries the stored file's sha256 and the original's
    stored = (held_back.raw / FILE).read_bytes()
    row = next(
        r for r in csv.DictReader(open(held_back.manifest, encoding="utf-8")) if r["file"] == FILE
    )
    assert row["sha256"] == hashlib.sha256(stored).hexdigest()
    assert row["source_sha256"] == hashlib.sha256(published()).hexdigest()
    assert gzip.decompress(stored) == published()
    # the changelog, printed and kept, lists the new period and the studies it changes
    (log,) = (held_back.root / "log").glob("*-employment-rate.md")
    text = log.read_text()
    assert (
        "Employment rate: 2023-01-01/P1Y" in text
        and "Economically inactive: 2023-01-01/P1Y" in text
    )
    studies = text.split("## Precomputed studies that change (")[1]
    assert int(studies.split(";")[0]) > 0 and "× inactivity_rate" in studies
    # the North East story's inactivity caption now has its 2023 figures
    assert "## Story captions that change (1)" in text
    assert "now: People neither in work nor looking for it: 24.2% in the North East in 2023" in text
    assert "Employment rate: 2023-01-01/P1Y" in out
    # "data as of" moved on: the release held and a next release date after today
    con = duckdb.connect(str(held_back.warehouse), read_only=True)
    release, due = con.execute(
        "select release, next_release from marts.indicators where indicator_id = 'employment_rate'"
    ).fetchone()
    con.close()
    assert release.startswith("downloaded by hand: employment-rate.csv (2004-2023), retrieved ")
    assert due > dt.date.today()
    # a rebuild with no change is a no-op
    assert (
        build(
            raw_dir=held_back.raw,
            manifest=held_back.manifest,
            warehouse=held_back.warehouse,
            seeds_dir=held_back.seeds,
        )
        is False
    )
