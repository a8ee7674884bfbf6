"""Does the evaluation planner foresee the MDE a study later turns out to have?

    python bench/planner_check.py [--n 12]

For real designs started in 2019 on the employment rate (and inactivity), plan as if it were
2018: the warehouse is cut at 2018 (``ba_values`` and the outcome's last year), and the planner
reads the MDE for 4 years of data after the lag (2020–2023) from past windows of that shape.
Then the engine runs the real study on every published year and states its own MDE. Prints each
design's planned and realised MDE and their ratio, and the median ratio: a ratio near 1 means
the plan was right; above 1, the plan was cautious. Method check, not a test (prints only).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from atlas.data.sql import WAREHOUSE  # noqa: E402
from atlas.evidence import planner as PN  # noqa: E402
from atlas.evidence import study as S  # noqa: E402
from atlas.evidence.engine import duckdb_reader, evaluate  # noqa: E402

START, H = 2019, 4
NE = ["E06000047", "E08000037", "E08000021", "E08000022", "E06000057", "E08000023", "E08000024"]


def cut_at(read, until: int):
    """The warehouse as it was in ``until``: later values and last years hidden."""

    def cut(name: str, **params):
        df = read(name, **params)
        if name == "ba_values":
            return df[df["year"] <= until].reset_index(drop=True)
        if name == "ba_outcomes":
            return df.assign(last_year=df["last_year"].clip(upper=until))
        return df

    return cut


def planned(read_then, ind: str, areas: list[str]) -> float:
    memo: dict = {}
    r = PN.resolve(read_then, ind, None, areas, memo)
    out = memo["outcome", ind]
    design = PN.Design(out, None, None, [t["area_code"] for t in r["treated"]], START, False)
    return PN.horizon(design, PN.planned_pre_length(out, START), H, seed=0)["mde"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=12, help="random single areas per outcome")
    args = ap.parse_args()
    read = duckdb_reader(WAREHOUSE)
    then = cut_at(read, START - 1)
    rng = np.random.default_rng(2019)
    print("| outcome | areas | planned in 2018 | realised | ratio |\n|---|---|---|---|---|")
    ratios = []
    for ind in ("employment_rate", "inactivity_rate"):
        codes = S.load_outcome(read, ind).areas["area_code"]
        english = [c for c in codes if c.startswith("E")]
        designs = [("NE REP's 7", NE), ("Newcastle + Gateshead", NE[1:3])]
        designs += [(c, [c]) for c in rng.choice(english, args.n, replace=False)]
        for label, areas in designs:
            p = planned(then, ind, list(areas))
            real = evaluate(read, outcome=ind, areas=list(areas), start=START, synth=False)
            if real.get("problem") or real["post_years"] != list(range(2020, 2020 + H)):
                continue
            m = real["did"]["mde"]
            ratios.append(p / m)
            print(f"| {ind} | {label} | ±{p:.2f} | ±{m:.2f} | {p / m:.2f} |", flush=True)
    q = statistics.quantiles(ratios, n=4)
    print(
        f"\n{len(ratios)} designs: planned/realised MDE median {statistics.median(ratios):.2f} "
        f"(quartiles {q[0]:.2f}–{q[2]:.2f}); within ±25%: "
        f"{sum(0.75 <= r <= 1.25 for r in ratios)} of {len(ratios)}"
    )


if __name__ == "__main__":
    main()
