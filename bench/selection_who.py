"""Who are a validation scenario's "false positives"? (docs/evidence.md, method 4's table)

Runs the engine's inference on ``N`` simulated no-effect studies of one outcome and selection
rule (as ``make validate`` does) and prints, by how many of the pretend programme's areas are in
a registered education programme (Opportunity Areas, Education Investment Areas), the interval's
false-positive rate and how many of those were rises. Prints figures; asserts nothing.

    .venv/bin/python bench/selection_who.py ks4_att8_all "most deprived decile: 5 areas" 200
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

import atlas  # noqa: E402,F401  (one BLAS thread)
from atlas.data.sql import WAREHOUSE  # noqa: E402
from atlas.evidence import inference as INF  # noqa: E402
from atlas.evidence import scenarios as SC  # noqa: E402
from atlas.evidence import study as S  # noqa: E402
from atlas.evidence import validate as V  # noqa: E402
from atlas.evidence.engine import duckdb_reader  # noqa: E402

EDUCATION = ("Opportunity Areas", "Education Investment Areas")


def main(ind: str, scen: str, n: int, seed: int = 5) -> None:
    read = duckdb_reader(WAREHOUSE)
    out, frames = V.frames_for(read, ind)
    reg = S.load_register(read)
    col = "utla_code" if out.meta["geography"] == "utla" else "area_code"
    cov = reg.coverage.merge(
        reg.interventions["programme_group"].rename("group"),
        left_on="intervention_id",
        right_index=True,
    )
    edu = set(cov.loc[cov["group"].isin(EDUCATION), col])
    rng, starts, rows = np.random.default_rng(seed), sorted(frames), []
    while len(rows) < n:
        f = frames[starts[rng.integers(len(starts))]]
        chosen = SC.pretend_programme(f, out, SC.RULES[scen], rng)
        if chosen is None:
            continue
        t, eligible, placebo_set = chosen
        frame = f.frame
        res = INF.infer(frame, t, eligible, placebo_set, seed=int(rng.integers(1 << 30)))
        k = min(3, sum(c in edu for c in frame.codes[t]))
        rows.append((k, res.did["significant"], res.did["estimate"] > 0))
    by = collections.defaultdict(list)
    for k, sig, up in rows:
        by[k].append((sig, up))
    for k in sorted(by):
        v = by[k]
        hits = [up for sig, up in v if sig]
        print(
            f"{ind} / {scen}: {k}{'+' if k == 3 else ''} of its areas in an education programme: "
            f"{len(v)} studies, interval excludes 0 in {len(hits) / len(v):.1%}, "
            f"{sum(hits)} of those {len(hits)} rises"
        )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 200)
