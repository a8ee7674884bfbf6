"""Benchmark the atlas pages: cold and warm script runs (AppTest through app.py) and map sizes.

    .venv/bin/python bench/pages.py [--runs 5]

Cold = first run after clearing Streamlit's caches (connection, queries, geometry); warm = median of
the next runs, which is what a user waits for after each click; "CPU ms" is the median CPU time of
those runs, which moves less than the wall clock when other work shares the machine. Targets: warm
page run <= 100 ms (issue 19; 250 ms before), map figure <= 1 MB for England's districts. Uses
CIVIC_ATLAS_WAREHOUSE or data/atlas.duckdb.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WARM_TARGET_MS, MAP_TARGET_BYTES = 100, 1_000_000
VIEWS = [
    ("home", {}),
    ("map", {}),
    ("map", {"ind": "inactivity_rate", "focus": "E92000001", "mode": "england"}),
    ("map", {"ind": "he19_fsm", "prog": "CNUA,Leading Places 1,Leading Places 2"}),
    ("profile", {"area": "E08000021", "ind": "he19_fsm"}),
    ("profile", {"area": "E12000001"}),
    ("compare", {}),
    ("compare", {"group": "neighbours", "area": "E08000021", "ind": "he19_fsm"}),
    ("before_after", {"iv": "CUA-NCL", "ind": "he19_all"}),  # precomputed: verdict, MDE, synth
    ("before_after", {"iv": "LP1-01", "ind": "employment_rate"}),  # + pooled programme
    ("partnerships", {}),
    ("catalogue", {}),
    ("present", {"story": "north_east", "slide": "1"}),
]


def quiet() -> None:
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore")


def page_times(page: str, params: dict, runs: int) -> tuple[float, float, float, str | None]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.switch_page(f"pages/{page}.py")
    for k, v in params.items():
        at.query_params[k] = v
    t0 = time.perf_counter()
    at.run()
    cold = time.perf_counter() - t0
    warm, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        at.run()
        warm.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)  # this process's CPU: steadier on a shared machine
    error = at.exception[0].message if at.exception else None
    return cold * 1000, statistics.median(warm) * 1000, statistics.median(cpu) * 1000, error


def map_size(ind: str, focus: str) -> tuple[str, int, float]:
    import json

    from atlas.charts import geometry, maps
    from atlas.data import areas as A

    meta = A.indicators().loc[ind]
    period = meta["latest_period"]
    frame, _ = A.map_data(ind, period)
    inside = A.members(A.areas(), focus, meta["geography"])
    geometry.shapes(meta["geography"])  # geometry is loaded once per build; time the figure itself
    t0 = time.perf_counter()
    spec = maps.spec(frame, meta["geography"], meta, "quintiles", period, inside)
    size = len(json.dumps(spec))  # what a rerun sends the map component (boundaries: a file)
    return meta["geography"], size, (time.perf_counter() - t0) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="warm runs per view (median reported)")
    parser.add_argument("--only", nargs="+", metavar="PAGE", help="only these pages, e.g. map")
    args = parser.parse_args()
    quiet()
    print(
        f"{'view':<62} {'cold ms':>8} {'warm ms':>8} {'CPU ms':>7}  target warm <= {WARM_TARGET_MS} ms"
    )
    worst = 0.0
    for page, params in VIEWS:
        if args.only and page not in args.only:
            continue
        cold, warm, cpu, error = page_times(page, params, args.runs)
        worst = max(worst, warm)
        query = "&".join(f"{k}={v}" for k, v in params.items())
        flag = "ok" if warm <= WARM_TARGET_MS else "SLOW"
        print(
            f"{page + ('?' + query if query else ''):<62} {cold:8.0f} {warm:8.0f} {cpu:7.0f}  {flag}"
            + (f"  EXCEPTION: {error}" if error else "")
        )
    if args.only:
        return 0
    print()
    print(f"{'map figure (all England)':<40} {'level':>6} {'JSON bytes':>12} {'build+json ms':>14}")
    for ind in ("inactivity_rate", "ks4_att8_all"):
        level, size, ms = map_size(ind, "E92000001")
        flag = "ok" if size <= MAP_TARGET_BYTES or level != "lad" else "TOO BIG"
        print(f"{ind:<40} {level:>6} {size:12,} {ms:14.0f}  {flag}")
    print(
        f"\nslowest warm view: {worst:.0f} ms ({'ok' if worst <= WARM_TARGET_MS else 'over target'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
