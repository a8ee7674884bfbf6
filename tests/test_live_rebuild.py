"""A rebuild while the app serves shows the new data without a restart (issue 9, defect 1).

DuckDB caches open databases by path: a connection opened while the old one is still open is
handed the old, already replaced file. The app serves a temporary copy of the warehouse; the test
changes a seed title, rebuilds into that same path while the server runs, and checks that the open
tab shows the new title and that a download carries the new fingerprint with the new data.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ARTIFACTS, ROOT, start_server, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow]
IND = "ks4_att8_all"
OLD, NEW = "Average Attainment 8 score per pupil", "Attainment 8 per pupil (rebuilt while serving)"


def download_datapackage(tab) -> dict:
    button = tab.get_by_role("button", name="datapackage.json").first
    button.scroll_into_view_if_needed()
    with tab.expect_download(timeout=60_000) as info:
        button.click()
    return json.loads(Path(info.value.path()).read_text())


def deleted_warehouse_fds(pid: int, warehouse: Path) -> list[str]:
    """Files the server holds open that are the warehouse's name but deleted (replaced)."""
    fds = Path(f"/proc/{pid}/fd")
    targets = []
    for fd in fds.iterdir():
        try:
            targets.append(os.readlink(fd))
        except OSError:
            continue
    return [t for t in targets if t.startswith(str(warehouse)) and t.endswith("(deleted)")]


def test_a_rebuild_is_served_without_a_restart(browser, warehouse, tmp_path):
    served = tmp_path / "atlas.duckdb"
    shutil.copy(warehouse, served)
    shutil.copy(warehouse.with_name("atlas.build.json"), tmp_path / "atlas.build.json")
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "data" / "seeds", seeds)
    before = json.loads((tmp_path / "atlas.build.json").read_text())["fingerprint"]

    proc, url = start_server(served, tmp_path / "streamlit.log")
    try:
        tab = browser.new_page()
        tab.goto(f"{url}/catalogue?ind={IND}")
        wait_idle(tab)
        tab.get_by_text(OLD).first.wait_for(timeout=30_000)
        first = download_datapackage(tab)
        assert first["data_version"]["warehouse_fingerprint"] == before

        edu = seeds / "indicators_education.csv"
        text = edu.read_text()
        assert text.count(f",{OLD},") == 1
        edu.write_text(text.replace(f",{OLD},", f",{NEW},"))
        done = subprocess.run(
            [sys.executable, "-m", "pipelines", "build", "--target", str(served)]
            + ["--seeds", str(seeds)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        after = json.loads((tmp_path / "atlas.build.json").read_text())["fingerprint"]
        assert after != before

        tab.reload()  # the same server, no restart
        wait_idle(tab)
        tab.get_by_text(NEW).first.wait_for(timeout=30_000)
        assert tab.get_by_text(OLD, exact=True).count() == 0  # the old title is gone
        second = download_datapackage(tab)
        assert second["data_version"]["warehouse_fingerprint"] == after
        assert NEW in json.dumps(second), "the download carries the new fingerprint on old data"
        assert deleted_warehouse_fds(proc.pid, served) == []
        tab.screenshot(path=ARTIFACTS / "live-rebuild.png", full_page=False)
        tab.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
