"""A self-repairing warehouse (issue 19, point 3): a damaged or missing warehouse is rebuilt by a
plain build (no --force), and a serving app that finds its warehouse cut short or gone shows its
own message with what to do — never Streamlit's error box — and recovers once a good build lands,
without a restart. Each case works on a copy of the real warehouse in a temporary folder."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import ROOT, start_server

from atlas.data import integrity
from atlas.ui.viewer import visit
from pipelines.fresh import current_fingerprint, damage

MiB = 1 << 20


def copy(warehouse: Path, folder: Path) -> Path:
    """The warehouse and its build record, as `pipelines build --target` lays them out."""
    target = folder / "atlas.duckdb"
    shutil.copy(warehouse, target)
    shutil.copy(warehouse.with_name("atlas.build.json"), folder / "atlas.build.json")
    return target


def cut(path: Path, size: int = MiB) -> None:
    with path.open("r+b") as f:
        f.truncate(size)


def test_the_check_names_each_kind_of_damage(warehouse, tmp_path):
    target = copy(warehouse, tmp_path)
    record = integrity.recorded(tmp_path / "atlas.build.json")
    assert record["bytes"] == target.stat().st_size  # the build records the file's size
    assert integrity.problem(target, record) is None
    assert "another fingerprint" in integrity.problem(target, record | {"fingerprint": "x"})
    rows = record["rows"] | {"marts.areas": record["rows"]["marts.areas"] + 1}
    assert "marts.areas" in integrity.problem(target, record | {"rows": rows})
    cut(target)
    assert "cut short" in integrity.problem(target, record)
    assert "cannot be read" in integrity.problem(target, record | {"bytes": None})
    target.write_text("not a database")
    assert "cannot be read" in integrity.problem(target, record | {"bytes": None})
    target.unlink()
    assert integrity.problem(target, record) == "the file is missing"
    target.mkdir()
    assert "a folder" in integrity.problem(target, record)


def test_a_plain_build_would_rebuild_a_damaged_or_missing_warehouse(warehouse, tmp_path):
    key = current_fingerprint()
    target = copy(warehouse, tmp_path)
    assert damage(key, target) is None  # intact and up to date: the build skips it
    cut(target)
    assert damage(key, target).startswith("the warehouse is damaged: the file is")
    target.unlink()
    assert damage(key, target) == "there is no warehouse yet"


def ready(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url + "/_atlas/ready", timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def page(url: str, target: str = "map"):
    with ThreadPoolExecutor(1) as pool:
        (run,) = pool.submit(asyncio.run, visit(url, [target])).result()
    return run


@pytest.mark.slow
def test_a_serving_app_says_what_to_do_and_recovers_after_a_plain_build(warehouse, tmp_path):
    served = copy(warehouse, tmp_path)
    proc, url = start_server(served, tmp_path / "streamlit.log")
    try:
        first = page(url)
        assert first.ok and not any("warehouse" in a for a in first.alerts)
        assert ready(url)[0] == 200

        cut(served)  # truncated in place while serving
        broken = page(url)
        assert broken.ok, broken.errors  # no error box: the app's own message
        (alert,) = [a for a in broken.alerts if "data warehouse" in a]
        assert "cannot be used" in alert and "python -m pipelines build" in alert
        assert str(tmp_path) not in alert
        status, body = ready(url)
        assert status == 503 and body["ready"] is False and "cannot be used" in body["reason"]

        build = subprocess.run(  # a plain build (no --force) into the served path repairs it
            [sys.executable, "-m", "pipelines", "build", "--target", str(served)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        assert build.returncode == 0, build.stderr[-2000:]
        assert "[repair] the warehouse is damaged" in build.stdout
        again = page(url)
        assert again.ok and not any("data warehouse" in a for a in again.alerts)
        assert ready(url)[0] == 200

        kept = tmp_path / "kept.duckdb"
        shutil.copy(served, kept)  # the rebuilt warehouse, to bring back below
        served.unlink()  # removed while serving
        gone = page(url)
        assert gone.ok and any("is not there" in a for a in gone.alerts), gone.alerts
        assert ready(url)[0] == 503
        os.replace(kept, served)  # a good build lands
        back = page(url)
        assert back.ok and not any("data warehouse" in a for a in back.alerts)
        assert ready(url)[0] == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)
