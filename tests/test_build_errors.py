"""Build errors a person can act on (issue 9, defect 6): every failure names the right file, the
line where there is one, and the reason — never a bare Python exception — and the last good
warehouse keeps serving (byte-identical)."""

from __future__ import annotations

import gzip
import hashlib
import subprocess
import sys

import pytest
from test_pipeline import VICTIM, rehash, sandbox, staging_model_for  # noqa: F401 (fixture)

from pipelines import ROOT


def build_cli(box: dict, model: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "pipelines", "build", "--raw", str(box["raw"])]
    cmd += ["--manifest", str(box["manifest"]), "--target", str(box["warehouse"])]
    cmd += ["--select", model]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


def corrupt(box: dict, rel: str, data: bytes, model: str | None = None) -> str:
    """Write ``data`` over raw file ``rel`` (recording its hash), build, and return the message."""
    (box["raw"] / rel).write_bytes(data)
    rehash(box["manifest"], box["raw"], rel)
    result = build_cli(box, model or staging_model_for(rel))
    assert result.returncode == 1, result.stdout[-1000:]
    assert "Traceback" not in result.stderr, result.stderr
    assert hashlib.sha256(box["warehouse"].read_bytes()).hexdigest() == box["good"]
    return result.stderr


def lines_of(box: dict, rel: str) -> list[bytes]:
    return (box["raw"] / rel).read_bytes().split(b"\n")


@pytest.mark.parametrize("line", [1, 2, 500])
def test_a_latin1_byte_names_file_line_and_encoding(sandbox, line):  # noqa: F811
    lines = lines_of(sandbox, VICTIM)
    lines[line - 1] = lines[line - 1].replace(b",", b",Ynys M\xf4n", 1)  # ô in Latin-1
    message = corrupt(sandbox, VICTIM, b"\n".join(lines))
    assert f"file data/raw/{VICTIM}, line {line} " in message
    assert "byte 0xf4 is not valid UTF-8" in message


def test_a_plain_csv_named_gz_says_it_is_not_compressed(sandbox):  # noqa: F811
    rel = "labour/ons_els_claimant-count.csv.gz"
    plain = gzip.decompress((sandbox["raw"] / rel).read_bytes())
    message = corrupt(sandbox, rel, plain)
    assert f"file data/raw/{rel}" in message and "not gzip-compressed" in message
    assert "BadGzipFile" not in message


def test_a_row_cut_short_names_line_and_column_counts(sandbox):  # noqa: F811
    lines = lines_of(sandbox, VICTIM)
    lines[500] = b",".join(lines[500].split(b",")[:3])
    message = corrupt(sandbox, VICTIM, b"\n".join(lines))
    assert f"file data/raw/{VICTIM}, line 501 " in message
    assert "expected 12 columns (as in the header), found 3" in message


def test_a_file_cut_off_midway_names_its_last_line(sandbox):  # noqa: F811
    data = (sandbox["raw"] / VICTIM).read_bytes()
    cut = data[: len(data) // 2]
    cut = cut[: cut.rindex(b",") + 1] + b"3.1"  # ends inside a row
    last = len(cut.split(b"\n"))
    message = corrupt(sandbox, VICTIM, cut)
    assert f"line {last} " in message and "expected 12 columns" in message


def test_a_truncated_geopackage_is_blamed_not_the_lookup(sandbox):  # noqa: F811
    rel = "geo/LAD_MAY_2024_UK_BUC.gpkg"
    data = (sandbox["raw"] / rel).read_bytes()
    message = corrupt(sandbox, rel, data[: len(data) // 2], model="staging.ons_geo__ca_boundaries")
    assert f"file data/raw/{rel}" in message, message
    assert "LAD24_CAUTH24_EN_LU.csv" not in message
    assert "truncated or damaged" in message
