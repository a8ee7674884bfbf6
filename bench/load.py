"""Load test at the protocol level (`make load`): simultaneous viewers, no browsers.

    python bench/load.py                          # 1, 10, 30, 60 viewers; one process, then 2 behind nginx
    python bench/load.py --viewers 2 --think 0.5 --replicas 1   # a tiny run
    python bench/load.py --base http://127.0.0.1:8501            # an app you started yourself

Each viewer is a headless websocket client (``atlas.ui.viewer``) that walks overview -> map ->
profile -> compare, with a think time between pages (uniform 0.5-1.5 x ``--think``; viewers arrive
spread over one think time). Indicators and areas vary between viewers. It prints, per number of
viewers: page runs, p50 / p95 / max page-run time (request sent -> script finished), errors, and
the app processes' CPU time per page run (what sets the capacity of a core, whatever else the
machine is doing), and their resident memory before, at the peak, and after the viewers have left
(the servers run with ``server.disconnectedSessionTTL`` = ``--ttl`` seconds, so "after" is
measured once the sessions are gone rather than two minutes later). 127.0.0.1 only, and bounded
(at most 150 viewers, every page run times out after 120 s). On a shared machine the figures move
with the other load: run it on a quiet machine for figures to quote.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atlas.ui.viewer import Run, Viewer  # noqa: E402

INDICATORS = ["ks4_att8_all", "he19_fsm", "inactivity_rate", "ks2_rwm_all", "he19_all"]
AREAS = ["E08000021", "E08000037", "E06000002", "E08000026", "E06000010", "E08000025"]
FOCUS = ["E12000001", "E92000001", "E12000002"]
MAX_VIEWERS = 150  # 120 viewers on 2 processes is the issue-19 target
DISTINCT = 30  # journeys differ for 30 viewers, then repeat (5 indicators x 6 areas x 3)


def journey(i: int) -> list[str]:
    """Viewer ``i``'s pages: overview -> map -> profile -> compare (varied by viewer)."""
    ind, area, focus = (
        INDICATORS[i % len(INDICATORS)],
        AREAS[i % len(AREAS)],
        FOCUS[i % len(FOCUS)],
    )
    return [
        "",
        f"map?ind={ind}&focus={focus}",
        f"profile?area={area}&ind={ind}",
        f"compare?group=neighbours&area={area}&ind={ind}",
    ]


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


async def one_viewer(base: str, i: int, think: float, rng: random.Random) -> list[Run]:
    await asyncio.sleep(rng.uniform(0, think))  # arrivals spread over one think time
    runs: list[Run] = []
    try:
        async with Viewer(base, source=f"127.0.0.{2 + i % 250}", timeout=120) as viewer:
            for n, target in enumerate(journey(i)):
                if n:
                    await asyncio.sleep(think * rng.uniform(0.5, 1.5))
                runs.append(await viewer.open(target))
    except Exception as exc:  # a refused or dropped connection is an error a user would see
        runs.append(Run(f"viewer {i}", errors=[f"{type(exc).__name__}: {exc}"]))
    return runs


async def level(base: str, viewers: int, think: float, pids: list[int], seed: int) -> dict:
    rng = random.Random(seed)
    peak, cpu0 = rss_mb(pids), _cpu_seconds(pids)
    tasks = [
        asyncio.create_task(one_viewer(base, i, think, random.Random(rng.random())))
        for i in range(viewers)
    ]
    t0 = time.perf_counter()
    while not all(t.done() for t in tasks):
        await asyncio.sleep(0.25)
        peak = max(peak, rss_mb(pids))
    runs = [r for t in tasks for r in t.result()]
    cpu = _cpu_seconds(pids) - cpu0
    times = sorted(r.seconds for r in runs if r.status)
    q = statistics.quantiles(times, n=20, method="inclusive") if len(times) > 1 else times * 19
    return {
        "viewers": viewers,
        "runs": len(times),
        "p50": statistics.median(times) if times else None,
        "p95": q[18] if times else None,
        "max": max(times) if times else None,
        "errors": sum(1 for r in runs if not r.ok),
        "first_error": next((r.errors[0] for r in runs if r.errors), ""),
        "kb_per_map": statistics.median(
            [r.wire_bytes / 1000 for r in runs if r.target.startswith("map")] or [0]
        ),
        "peak_mb": peak,
        "cpu_ms_per_run": 1000 * cpu / len(times) if times and pids else None,
        "seconds": time.perf_counter() - t0,
    }


def measure(label: str, base: str, pids: list[int], args: argparse.Namespace) -> list[dict]:
    rows = []
    baseline = rss_mb(pids)
    for n in args.viewers:
        row = asyncio.run(level(base, n, args.think, pids, seed=n))
        row.update(config=label, base_mb=baseline)
        rows.append(row)
        print(fmt(row), flush=True)
    if pids and args.ttl is not None:
        time.sleep(args.ttl + 6)  # sessions of the viewers who left are dropped after the TTL
    after = rss_mb(pids)
    for row in rows:
        row["after_mb"] = after
    if pids:
        print(
            f"  {label}: memory {baseline:.0f} MB before, {max(r['peak_mb'] for r in rows):.0f} MB "
            f"at the peak, {after:.0f} MB after the viewers left",
            flush=True,
        )
    return rows


HEADER = (
    f"{'config':<22} {'viewers':>7} {'runs':>5} {'p50 s':>6} {'p95 s':>6} {'max s':>6} "
    f"{'errors':>6} {'KB/map':>7} {'CPU ms/run':>10} {'RSS MB base/peak':>17}"
)


def fmt(r: dict) -> str:
    def s(v: float | None) -> str:
        return "—" if v is None else f"{v:.2f}"

    return (
        f"{r['config']:<22} {r['viewers']:>7} {r['runs']:>5} {s(r['p50']):>6} {s(r['p95']):>6} "
        f"{s(r['max']):>6} {r['errors']:>6} {r['kb_per_map']:>7.1f} "
        f"{'—' if r['cpu_ms_per_run'] is None else format(r['cpu_ms_per_run'], '.0f'):>10} "
        f"{r['base_mb']:>8.0f}/{r['peak_mb']:<8.0f}"
        + (f" {r['first_error'][:60]}" if r["errors"] else "")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/load.py", description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", default="1,10,30,60", help="comma-separated viewer counts")
    parser.add_argument("--think", type=float, default=5.0, help="mean think time, seconds")
    parser.add_argument("--replicas", default="1,2", help="process counts to test, e.g. 1,2")
    parser.add_argument("--port", type=int, default=8590)
    parser.add_argument("--ttl", type=int, default=20, help="disconnected-session TTL, seconds")
    parser.add_argument("--base", help="load an app already running at this URL instead")
    args = parser.parse_args(argv)
    args.viewers = [int(v) for v in args.viewers.split(",")]
    if max(args.viewers) > MAX_VIEWERS or min(args.viewers) < 1:
        parser.error(f"between 1 and {MAX_VIEWERS} viewers")
    print(f"Civic Atlas load test — {time.strftime('%Y-%m-%d %H:%M')}, think {args.think:g} s")
    print(HEADER, flush=True)
    rows: list[dict] = []
    if args.base:
        args.ttl = None
        rows += measure("given server", args.base, [], args)
    else:
        from atlas import replicas

        for n in [int(v) for v in args.replicas.split(",")]:
            label = "1 process" if n == 1 else f"{n} processes + nginx"
            cluster = replicas.start(
                n, args.port, **{"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(args.ttl)}
            )
            try:
                settle(cluster.app_ports, cluster.pids, min(max(args.viewers), DISTINCT))
                rows += measure(label, f"http://127.0.0.1:{args.port}", cluster.pids, args)
            finally:
                cluster.stop()
    errors = sum(r["errors"] for r in rows)
    print(f"\n{len(rows)} levels, {sum(r['runs'] for r in rows)} page runs, {errors} errors")
    return 1 if errors else 0


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
        except (OSError, IndexError, ValueError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def idle(pids: list[int], timeout: float = 240, quiet: int = 3) -> None:
    """Wait until the processes have used under 10% of a core for ``quiet`` seconds in a row (the
    start-up warm-up is done: it idles 1.5 s before it starts, so one quiet second is not enough)."""
    deadline, calm = time.monotonic() + timeout, 0
    while time.monotonic() < deadline and calm < quiet:
        before = _cpu_seconds(pids)
        time.sleep(1.0)
        calm = calm + 1 if _cpu_seconds(pids) - before < 0.1 else 0


def settle(base_ports: list[int], pids: list[int], distinct: int) -> None:
    """Wait for the start-up warm-up to finish (the processes go idle), then open every distinct
    journey once on each process, so the baseline memory includes the shared caches a viewer
    fills and "after" compares like with like."""
    idle(pids)
    for port in base_ports:
        asyncio.run(_journeys(f"http://127.0.0.1:{port}", distinct))


async def _journeys(base: str, distinct: int) -> None:
    async with Viewer(base, source="127.0.0.1", timeout=300) as viewer:
        for i in range(distinct):
            for target in journey(i):
                await viewer.open(target)


if __name__ == "__main__":
    sys.exit(main())
