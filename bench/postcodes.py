"""Postcode and place lookup: cold and warm times and the lookup's memory (``make bench``).

    python bench/postcodes.py            # 20,000 postcodes, 200 names

Cold: the first ``find`` of a fresh process — reading the 66,851 ranges and ~1,000 names from
the warehouse and building both indexes — measured in a new interpreter. Warm: each further
postcode (GB range starts drawn with a fixed seed, typed lower case with a space) and each name
(with misspellings). Memory: the arrays' bytes and the peak Python allocation while building.
Prints; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NAMES = ["Newcastel", "Stirling", "Allerdale", "Caerdydd", "north yorks", "Belfst", "Tees Valley"]
COLD = (
    "import time; t = time.perf_counter(); from atlas.data.places import find; "
    "find('NE1 7RU'); print(time.perf_counter() - t)"
)


def cold_seconds(runs: int = 3) -> list[float]:
    out = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", COLD], cwd=ROOT, capture_output=True, text=True, check=True
        )
        out.append(float(done.stdout.strip().splitlines()[-1]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postcodes", type=int, default=20_000)
    parser.add_argument("--names", type=int, default=200)
    args = parser.parse_args()

    from atlas.data import places
    from atlas.data.postcodes import is_postcode, pretty

    t0 = time.perf_counter()
    places.indexes()
    load = time.perf_counter() - t0
    places._INDEX.clear()  # once more, tracing allocations (slower), for the peak
    tracemalloc.start()
    postcodes, names = places.indexes()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    rng = random.Random(2022)
    starts = rng.sample(list(postcodes.starts), args.postcodes)
    typed = [pretty(np.base_repr(int(n), 36)).lower() for n in starts]
    typed = [t for t in typed if is_postcode(t) and not t.startswith("bt")]
    t0 = time.perf_counter()
    found = sum(bool(places.find(t).matches) for t in typed)
    per_postcode = (time.perf_counter() - t0) / len(typed)
    compact = [t.replace(" ", "").upper() for t in typed]
    t0 = time.perf_counter()
    for c in compact:
        postcodes.code_of(c)
    per_search = (time.perf_counter() - t0) / len(compact)
    times = []
    for i in range(args.names):
        t0 = time.perf_counter()
        places.find(NAMES[i % len(NAMES)])
        times.append(time.perf_counter() - t0)
    cold = cold_seconds()

    print(
        f"postcode and place lookup (atlas.data.places.find); load average {os.getloadavg()[0]:.1f}"
    )
    print(f"  ranges {len(postcodes.starts):,}; names {len(names.keys):,}")
    print(
        f"  cold, fresh process (load + first lookup): {statistics.median(cold) * 1000:,.0f} ms "
        f"(median of {len(cold)}; in-process index build {load * 1000:,.0f} ms)"
    )
    print(
        f"  warm postcode: {per_postcode * 1e6:,.1f} µs each over {len(typed):,} "
        f"({found:,} resolved)"
    )
    print(f"  warm binary search only (PostcodeIndex.code_of): {per_search * 1e6:,.1f} µs each")
    print(
        f"  warm name (fuzzy): {statistics.median(times) * 1000:,.2f} ms median, "
        f"{max(times) * 1000:,.2f} ms max over {len(times)}"
    )
    print(
        f"  memory: postcode arrays {postcodes.nbytes() / 1e6:.2f} MB; peak while building "
        f"both indexes {peak / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
