"""Serving many viewers: static boundaries, the start-up warm-up, the load tester, the replicas.

Timings are not asserted here (they are in `make bench` and `make load`); these tests check what a
viewer would notice: the map's boundaries arrive as a file that matches the warehouse and are not
re-sent with each page, the warm-up opens every story slide without an error, the load tester's
viewers get their pages, and the nginx layout keeps each viewer on one process.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import duckdb
import numpy as np
import pytest
from conftest import ARTIFACTS, ROOT, map_specs

from atlas import replicas
from atlas.ui import warm
from atlas.ui.viewer import Viewer, visit


def run_async(coro):
    """asyncio.run in a thread of its own: the browser tests' Playwright loop may be running."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


NEWCASTLE = "E08000021"


def fetch_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as resp:
        assert resp.status == 200
        return json.loads(resp.read())


# ---------------------------------------------------------------------------------- boundaries
def test_map_boundaries_are_a_static_file_that_matches_the_warehouse(open_page, server, warehouse):
    from atlas.charts.map_paths import project

    at = open_page("map", ind="inactivity_rate", focus="E92000001")  # districts
    spec = map_specs(at)[0]
    url = spec["url"]
    assert url.startswith("app/static/geo/lad-") and url.endswith(".paths.json"), url
    served = fetch_json(f"{server}/{url}")["areas"]
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute(
        "select area_code, geojson from marts.area_geometry where geo_level = 'lad'"
    ).fetchall()
    con.close()
    assert set(served) == {code for code, _ in rows}  # every district, nothing else
    assert {a[0] for a in spec["areas"]} <= set(served)  # every coloured area has its shape
    stored = json.loads(dict(rows)[NEWCASTLE])
    stored = stored.get("geometry", stored)["coordinates"]
    while isinstance(stored[0][0], list):
        stored = stored[0]
    x, y = project(np.array([stored[0][0]]), np.array([stored[0][1]]))
    start = re.match(r"M(-?\d+) (-?\d+)l", served[NEWCASTLE]["d"])
    # whole units of ~100 m, from coordinates rounded to 0.001° (~70-110 m): within one unit
    assert abs(int(start[1]) - x[0]) <= 1.5 and abs(int(start[2]) - y[0]) <= 1.5


def test_a_map_view_does_not_carry_the_boundaries(server):
    """The boundaries file is ~250 KB; a map view over the websocket stays far below it."""
    runs = run_async(visit(server, ["map?ind=inactivity_rate&focus=E92000001", "map?ind=he19_fsm"]))
    assert all(r.ok for r in runs), [r.errors for r in runs]
    assert all(r.message_bytes < 150_000 for r in runs), [r.message_bytes for r in runs]
    assert all(r.wire_bytes < r.message_bytes for r in runs)  # websocket compression is on


def test_the_viewer_only_talks_to_this_machine():
    with pytest.raises(ValueError, match="only talks to this machine"):
        Viewer("http://example.org:8501")


# ---------------------------------------------------------------------------------- warm-up
def test_warm_up_puts_the_first_slides_before_the_rest():
    order = warm.targets()
    assert order[:2] == ["", "map"]
    firsts = [t for t in order if t.endswith("&slide=1")]
    assert {"present?story=north_east&slide=1", "present?story=leading_places&slide=1"} <= set(
        firsts
    )
    assert max(order.index(t) for t in firsts) < order.index("present?story=north_east&slide=2")


def test_a_started_server_warms_every_story_slide_without_a_problem(server):
    log = ARTIFACTS / "streamlit.log"
    deadline = time.monotonic() + 240
    while "warm-up" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(1)
    line = next(x for x in log.read_text().splitlines() if "warm-up" in x)
    assert f"{len(warm.targets())} views" in line and "problems" not in line, line


# ---------------------------------------------------------------------------------- load test
def test_the_load_tester_runs_a_tiny_bounded_scenario(server):
    import sys

    sys.path.insert(0, str(ROOT))
    from bench import load

    row = run_async(load.level(server, viewers=2, think=0.2, pids=[], seed=1))
    assert row["runs"] == 8 and row["errors"] == 0, row  # 2 viewers x 4 pages
    assert row["p50"] is not None and row["p95"] >= row["p50"]
    assert load.journey(0)[1:] != load.journey(1)[1:]  # viewers do not all ask the same
    with pytest.raises(SystemExit):
        load.main(["--viewers", "500"])  # bounded


# ---------------------------------------------------------------------------------- replicas
def test_replica_config_is_sticky_by_client_and_passes_websockets(tmp_path: Path):
    conf = replicas.nginx_conf(8501, [8511, 8512, 8513], tmp_path)
    assert "hash $remote_addr consistent;" in conf
    assert "ip_hash" not in conf  # it would send all of 127.0.0.x to one process
    for port in (8511, 8512, 8513):
        assert f"server 127.0.0.1:{port} " in conf
    assert "listen 127.0.0.1:8501;" in conf  # loopback only
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "proxy_set_header Connection $connection_upgrade;" in conf
    assert "proxy_set_header Host $host;" in conf  # Streamlit checks the websocket's origin
    assert str(tmp_path / "nginx.pid") in conf
    # passive health checks: a dead process is skipped, its viewers go to the next one
    assert "server 127.0.0.1:8511 max_fails=1 fail_timeout=5s;" in conf
    assert "proxy_next_upstream error timeout http_502 http_503 http_504;" in conf
    with pytest.raises(ValueError):
        replicas.nginx_conf(8501, [], tmp_path)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if Path(nginx).exists():  # the syntax as nginx itself reads it
        (tmp_path / "nginx.conf").write_text(conf)
        check = subprocess.run(
            [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert check.returncode == 0, check.stderr


def test_supervisor_restarts_apps_and_gates_nginx_on_readiness(tmp_path: Path):
    import configparser

    text = replicas.supervisor_conf(8501, [8511, 8512], tmp_path)
    conf = configparser.RawConfigParser()
    conf.read_string(text.replace("%%", "%"))
    for port in (8511, 8512):
        app = conf[f"program:app-{port}"]
        assert f"-m atlas.serve --server.port {port} " in app["command"]
        assert app["autorestart"] == "true" and int(app["startretries"]) >= 3  # back-off
        assert app["stopasgroup"] == "true" and app["killasgroup"] == "true"
    nginx = conf["program:nginx"]["command"]
    assert "-m atlas.replicas gate --ports 8511,8512 -- " in nginx  # nginx waits for readiness
    assert nginx.endswith(f"-c {tmp_path / 'nginx.conf'}")
    assert int(conf["program:nginx"]["priority"]) > int(conf["program:app-8511"]["priority"])
    assert conf["supervisord"]["nodaemon"] == "true"  # in the foreground: Ctrl-C stops it all
    assert "program:nginx" not in replicas.supervisor_conf(8501, [8501], tmp_path)  # N = 1


def test_an_app_refuses_a_port_that_is_taken():
    import socket
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run(
            [sys.executable, "-m", "atlas.serve", "--server.port", str(port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "CIVIC_ATLAS_WARM": "0"},
        )
    assert run.returncode == 2
    assert f"port {port} on 127.0.0.1 is already in use by another program" in run.stderr
    assert "Traceback" not in run.stderr


def test_two_replicas_behind_nginx_serve_viewers(warehouse):
    if not any(Path(p).exists() for p in replicas.NGINX_PATHS):
        pytest.skip("nginx is not installed (make serve-replicas installs it)")
    port = 18590
    cluster = replicas.start(2, port, CIVIC_ATLAS_WARM="0", CIVIC_ATLAS_WAREHOUSE=str(warehouse))
    pids = cluster.pids
    try:
        base = f"http://127.0.0.1:{port}"
        assert {replicas.ready(p)["pid"] for p in cluster.app_ports} == set(pids)

        async def six_viewers() -> list:
            return await asyncio.gather(
                *[visit(base, ["map", "profile"], source=f"127.0.0.{i}") for i in range(2, 8)]
            )

        runs = run_async(six_viewers())
        assert all(r.ok for journey in runs for r in journey)
        served = list((ROOT / "static" / "geo").glob("utla-*.paths.json"))  # the map's boundaries
        assert served and fetch_json(f"{base}/app/static/geo/{served[0].name}")["areas"]
    finally:
        cluster.stop()
    assert all(not Path(f"/proc/{pid}").exists() for pid in pids)  # stopping stops everything
    assert replicas.ready(port) is None
