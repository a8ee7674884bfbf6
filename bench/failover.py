"""Kill one of two replicas under load and watch the service (issue 19):

    .venv/bin/python bench/failover.py [--viewers 30] [--port 8640]

Starts 2 app processes behind nginx under supervisord (``atlas.replicas``), connects ``--viewers``
headless websocket viewers (``atlas.ui.viewer``, each from its own loopback address, so nginx
spreads them), lets each open a page every ~``--think`` s, then ``kill -9`` one app process. A
viewer whose connection breaks reconnects, as a browser tab does, and opens its page again. While
this goes on, a probe (a process of its own) asks the proxy's ``/_stcore/health`` every 0.2 s. It prints: the share of
health checks answered during the 30 s after the kill, how many viewers were on the killed
process, the **failover time** (kill → every viewer served again), and the **restart time**
(kill → supervisor's new process running, and → it reports ready on ``/_atlas/ready``).
127.0.0.1 only. Timings move with the machine's load; tests/test_replicas_failover.py asserts
what a viewer would notice, not the times.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atlas import replicas  # noqa: E402
from atlas.ui.viewer import Viewer  # noqa: E402

PAGES = ["", "map", "profile?area=E08000021", "compare"]


async def viewer(base: str, i: int, think: float, stop: asyncio.Event, log: dict) -> None:
    """Open a page every ``think`` s; on a broken connection, reconnect and open it again."""
    served, broken = log.setdefault("served", {}), log.setdefault("broken", {})
    n = 0
    while not stop.is_set():
        try:
            async with Viewer(base, source=f"127.0.0.{2 + i}", timeout=60) as v:
                while not stop.is_set():
                    run = await v.open(PAGES[(i + n) % len(PAGES)])
                    if run.ok:
                        served.setdefault(i, []).append(time.time())
                    n += 1
                    await asyncio.sleep(think)
        except Exception:  # the process behind this connection died: reconnect, as a tab does
            broken.setdefault(i, time.time())
            await asyncio.sleep(0.5)


PROBE = """
import sys, time, urllib.request
port, until = int(sys.argv[1]), float(sys.argv[2])
while time.time() < until:
    t = time.time()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as r:
            ok = r.status == 200
    except OSError:
        ok = False
    print(t, int(ok), flush=True)
    time.sleep(max(0.0, 0.2 - (time.time() - t)))
"""


def probe(port: int, seconds: float, out) -> subprocess.Popen:
    """Ask the proxy's health check every 0.2 s (5 s timeout, as a load balancer would), from a
    process of its own so the viewers' work here does not delay it."""
    until = time.time() + seconds
    return subprocess.Popen(
        [sys.executable, "-c", PROBE, str(port), str(until)], stdout=out, text=True
    )


async def scenario(cluster: replicas.Cluster, viewers: int, think: float, limit: float) -> dict:
    base, log, stop = f"http://127.0.0.1:{cluster.port}", {}, asyncio.Event()
    tasks = [asyncio.create_task(viewer(base, i, think, stop, log)) for i in range(viewers)]
    record = tempfile.TemporaryFile("w+")
    prober = probe(cluster.port, 3 * limit, record)
    deadline = time.time() + limit
    while len(log.get("served", {})) < viewers and time.time() < deadline:
        await asyncio.sleep(0.5)  # every viewer has been served once
    victim_port, victim = cluster.app_ports[0], cluster.pids[0]
    os.kill(victim, signal.SIGKILL)
    killed = time.time()
    out = {"viewers": viewers, "served_before": len(log.get("served", {})), "killed_pid": victim}
    while time.time() < killed + limit:
        await asyncio.sleep(0.5)
        new = cluster.pids[0]
        if new and new != victim and "respawned" not in out:
            out["respawned"] = time.time() - killed
        if "respawned" in out and "ready" not in out:
            if (r := await asyncio.to_thread(replicas.ready, victim_port)) and r["pid"] == new:
                out["ready"] = time.time() - killed
        broken = [i for i, t in log.get("broken", {}).items() if t >= killed - 1]
        back = [i for i in broken if any(t > killed for t in log["served"].get(i, []))]
        if broken and len(back) == len(broken) and "failover" not in out:
            out["failover"] = max(min(t for t in log["served"][i] if t > killed) for i in back)
            out["failover"] -= killed
        if {"ready", "failover"} <= out.keys() and time.time() > killed + 30:
            break
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    prober.terminate()
    prober.wait()
    record.seek(0)
    checks = [line.split() for line in record.read().splitlines()]
    window = [ok == "1" for t, ok in checks if killed <= float(t) <= killed + 30]
    broken = sorted(i for i, t in log.get("broken", {}).items() if t >= killed - 1)
    return out | {
        "health_ok": sum(window) / len(window) if window else 0.0,
        "health_checks": len(window),
        "dropped": len(broken),
        "dropped_back": sum(1 for i in broken if any(t > killed for t in log["served"].get(i, []))),
    }


def run(port: int, viewers: int = 30, think: float = 2.0, limit: float = 180, **env: str) -> dict:
    cluster = replicas.start(2, port, **{"CIVIC_ATLAS_WARM": "0", **env})
    try:  # in a thread of its own: a caller may already run an event loop (e.g. Playwright in tests)
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, scenario(cluster, viewers, think, limit)).result()
    finally:
        cluster.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/failover.py", description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=30)
    parser.add_argument("--think", type=float, default=2.0)
    parser.add_argument("--port", type=int, default=8640)
    args = parser.parse_args(argv)
    if not 1 <= args.viewers <= 100:
        parser.error("between 1 and 100 viewers")
    r = run(args.port, args.viewers, args.think)

    def s(key: str) -> str:
        return f"{r[key]:.1f} s" if key in r else "not within the limit"

    print(
        f"{time.strftime('%Y-%m-%d %H:%M')} — {r['viewers']} viewers on 2 processes, kill -9 of "
        f"pid {r['killed_pid']}:\n  health checks through the proxy answered in the 30 s after "
        f"the kill: {r['health_ok']:.1%} of {r['health_checks']}\n  viewers on the killed "
        f"process: {r['dropped']}, served again: {r['dropped_back']}\n  failover (kill → every "
        f"viewer served again): {s('failover')}\n  restart: new process after {s('respawned')}, "
        f"ready after {s('ready')}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
