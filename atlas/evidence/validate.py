"""Does the before/after engine deliver what it claims when places are chosen as programmes choose
them? Simulated studies on real series, no effect injected unless said.

Each study picks a pretend programme's areas by one of the rules in ``atlas.evidence.scenarios``
(random; worst decile or worst five of a region on the last pre-start value; most deprived decile
or five of a region; the largest dip before the start) at a random start among every start the
command line accepts, and runs exactly the engine's inference (``atlas.evidence.inference``):
matched comparators with the programme's neighbours excluded, placebos, interval, joint pre-test,
verdict MDE and (one area) the synthetic control. Reported per scenario:

* interval FPR: the interval excludes 0 with no effect (target 4–6%);
* verdict FPR: the verdict says "changed" with no effect (≤ 5%, upper 95% bound ≤ 7%);
* moved apart: the joint pre-test fires with no drift (≤ 10%);
* FPR by noise third: verdict FPR among studies whose areas are in the quietest, middle and
  noisiest third by their own pre-start noise (each ≤ 8%);
* power at MDE: the verdict says "changed" when the stated MDE (random sign) is added (≥ 78%);
* heterogeneous coverage: the interval holds the programme areas' mean effect when each area
  gets its own effect (2 + N(0, 2²)) — separate evidence, not 1 − FPR;
* SC beyond chance (one area): the synthetic control's calibrated test fires with no effect (≤ 5.5%).

"Inside": each rate's 95% interval over the areas its studies draw on (``atlas.evidence.rates``:
"five of the most deprived decile" draws 922 fives from 13 areas; "the worst five of a region"
has some 35-70 programmes to pick) reaches the target range, and a verdict rate over 5% has its
upper end at most 7% (``rates.UPPER``); a verdict rate over its target is traced to the areas it
comes from (``rates.hangs_on``). Runs on every core.
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import replace
from multiprocessing import get_context

import numpy as np

from atlas.evidence import inference as INF
from atlas.evidence import legacy
from atlas.evidence import rates as R
from atlas.evidence import scenarios as SC
from atlas.evidence import study as S
from atlas.evidence.frames import StudyError, build_frame, windows
from atlas.evidence.synth import calibrated_synth

OUTCOMES = ("he19_all", "ks4_att8_all", "employment_rate", "hle_female")
SC_SHARE = 0.4  # share of one-area studies that also fit the synthetic control (100 fits each)
TARGETS = {
    "interval_fpr": (0.04, 0.06),
    "verdict_fpr": (0.0, 0.05),
    "moved_apart": (0.0, 0.10),
    "fpr_quiet": (0.0, 0.08),
    "fpr_middle": (0.0, 0.08),
    "fpr_noisy": (0.0, 0.08),
    "power_at_mde": (0.78, 1.0),
    "sc_beyond": (0.0, 0.055),
}


def frames_for(read: S.Reader, ind: str, uk: bool = False) -> tuple[S.Outcome, dict]:
    """Every start year the command line accepts for this outcome, as arrays."""
    out = S.load_outcome(read, ind, uk=uk)
    years = sorted(out.panel["year"].unique().tolist())
    frames = {}
    for start in range(years[0] + 2, years[-1] - out.lag + 1):
        try:
            pre, post, _ = windows(years, start, out.lag, out.cuts)
        except StudyError:
            continue
        if len(pre) < 2:
            continue
        f = build_frame(out, out.panel, years, pre, post, use_imd=start > S.IMD_PUBLISHED)
        if (f.has_feat & f.both).sum() > 40:
            frames[start] = f
    return out, frames


def _shifted(frame, treated: np.ndarray, effect) -> object:
    y = frame.y.copy()
    y[np.ix_(treated, np.flatnonzero(frame.post))] += np.broadcast_to(
        np.asarray(effect, float).reshape(-1, 1), (len(treated), int(frame.post.sum()))
    )
    return replace(frame, y=y)


def one_study(f, out, rule, rng, method: INF.Method, synth: bool, contr_for=None) -> dict | None:
    """``contr_for(frame, treated, eligible, placebo_set, seed)``: the groups and pools when not
    the engine's own (``validate_sets``: from a comparator set; None refuses the study)."""
    frame = f.frame
    free = f.has_feat & f.both
    chosen = SC.pretend_programme(f, out, rule, rng)
    if chosen is None:
        return None
    treated, eligible, placebo_set = chosen
    seed = int(rng.integers(1 << 30))
    cuts = np.quantile(frame.sig[free], [1 / 3, 2 / 3])
    third = int(np.searchsorted(cuts, frame.sig[treated].mean()))
    areas = tuple(sorted(frame.codes[treated]))  # with the start: which programme this is
    if method is None:  # the previous method, for the before/after table
        sc = synth and len(treated) == 1 and rng.random() < SC_SHARE
        row = legacy.one_study(f, out, treated, eligible, placebo_set, seed, sc)
        return row | {
            "third": third,
            "areas": areas,
            "power_at_mde": False,
            "het_coverage": False,
            "pre_ran": True,
        }
    contr = contr_for(frame, treated, eligible, placebo_set, seed) if contr_for else None
    if contr_for and contr is None:
        return None
    res = INF.infer(frame, treated, eligible, placebo_set, method=method, seed=seed, contr=contr)
    d, flag = res.did, res.pre_test["flag"]
    row = {
        "interval_fpr": d["significant"],
        "verdict_fpr": d["verdict_significant"] and not flag,
        "moved_apart": flag,
        "pre_ran": bool(res.pre_test["ran"]),
        "third": third,
        "areas": areas,
        "mde": d["mde"],
    }
    m = d["mde"]
    if math.isfinite(m):
        sign = 1 if rng.random() < 0.5 else -1
        hit = INF.infer(
            _shifted(frame, treated, sign * m),
            treated,
            eligible,
            placebo_set,
            method=method,
            contr=res.contr,
            pre_stat=res.pre_stat,
        )
        row["power_at_mde"] = hit.did["verdict_significant"] and not hit.pre_test["flag"]
    else:
        row["power_at_mde"] = False
    tau = 2 + rng.normal(0, 2, len(treated))
    het = INF.infer(
        _shifted(frame, treated, tau),
        treated,
        eligible,
        placebo_set,
        method=method,
        contr=res.contr,
        pre_stat=res.pre_stat,
    ).did
    row["het_coverage"] = bool(het["ci_low"] <= tau.mean() <= het["ci_high"])
    if synth and len(treated) == 1 and rng.random() < SC_SHARE:
        sc = calibrated_synth(frame, res.contr)
        row["sc_beyond"] = bool(sc and sc["significant"])
    return row


_CACHE: dict = {}


def _work(task) -> list[dict]:
    ind, uk, scen, n, seed, method = task
    if (ind, uk) not in _CACHE:
        from atlas.data.sql import WAREHOUSE
        from atlas.evidence.engine import duckdb_reader

        _CACHE[ind, uk] = frames_for(duckdb_reader(WAREHOUSE), ind, uk)
    out, frames = _CACHE[ind, uk]
    starts = sorted(frames)
    rng = np.random.default_rng(seed)
    rows = []
    while len(rows) < n:
        s = starts[rng.integers(len(starts))]
        r = one_study(frames[s], out, SC.RULES[scen], rng, method, synth=True)
        if r is not None:
            rows.append(r | {"start": s})
    return rows


def run(
    studies: int = 1000,
    seed: int = 20261204,
    log=print,
    outcomes=OUTCOMES,
    scenarios=tuple(SC.RULES),
    method: INF.Method = INF.FINAL,
    uk: tuple = ("employment_rate",),
    workers: int | None = None,
) -> list[dict]:
    jobs = [(o, False, s) for o in outcomes for s in scenarios]
    jobs += [(o, True, s) for o in uk for s in ("random: one area", "worst decile: 5 areas")]
    return run_jobs(
        _work,
        jobs,
        studies,
        seed_of=lambda j, job: seed + 1000 * j,
        row_for=lambda job, rows: summarise(job[0] + (" (UK)" if job[1] else ""), job[2], rows),
        method=method,
        log=log,
        workers=workers,
    )


CHUNK = 50  # studies a task: a worker's unit of work


def run_jobs(work, jobs, studies, seed_of, row_for, method, log, workers=None, what="") -> list:
    """``studies`` studies of each job ``(outcome, variant, scenario)``, in chunks of CHUNK run by
    ``work((*job, n, seed, method))`` on every core (``multiprocessing``); each job's row
    (``row_for(job, rows)``) is logged as soon as its last chunk is in."""
    tasks, owner = [], []
    for j, job in enumerate(jobs):
        for c in range(0, studies, CHUNK):
            tasks.append((*job, min(CHUNK, studies - c), seed_of(j, job) + c, method))
            owner.append(j)
    per: dict[int, list] = {j: [] for j in range(len(jobs))}
    left = {j: owner.count(j) for j in range(len(jobs))}
    t0 = time.perf_counter()
    workers = workers or os.cpu_count() or 1
    out = []

    def take(j: int, rows: list) -> None:
        per[j] += rows
        left[j] -= 1
        if not left[j]:
            out.append(row_for(jobs[j], per[j]))
            log(format_row(out[-1]))

    if workers > 1:
        with get_context("fork").Pool(workers) as pool:
            for j, rows in zip(owner, pool.imap(work, tasks), strict=True):
                take(j, rows)
    else:
        for j, t in zip(owner, tasks, strict=True):
            take(j, work(t))
    secs = time.perf_counter() - t0
    log(f"{len(jobs) * studies:,} studies in {secs:.0f} s on {workers} cores{what}")
    return out


RATES = ("interval_fpr", "verdict_fpr", "moved_apart", "pre_ran", "power_at_mde", "het_coverage")


def summarise(ind: str, scenario: str, res: list[dict]) -> dict:
    row = {"outcome": ind, "scenario": scenario, "studies": len(res)}
    key = [(r.get("start"), r.get("areas")) for r in res]  # one programme: its areas and start
    members = [r["areas"] for r in res]  # five of 13: the same areas again and again

    def rate(name: str, at: list[int]) -> dict:
        return R.rate([res[i][name] for i in at], [key[i] for i in at], [members[i] for i in at])

    for name in RATES:
        row[name] = rate(name, list(range(len(res))))
    for t, name in enumerate(("fpr_quiet", "fpr_middle", "fpr_noisy")):
        row[name] = rate("verdict_fpr", [i for i, r in enumerate(res) if r["third"] == t])
    sc = [i for i, r in enumerate(res) if "sc_beyond" in r]
    row["sc_beyond"] = rate("sc_beyond", sc) if sc else None
    row["programmes"] = row["interval_fpr"]["programmes"]
    row["areas"] = len({a for m in members for a in m})
    row["median_mde"] = float(np.median([r["mde"] for r in res]))
    for on in ("", "programme", "study"):  # on the areas' evidence; programmes or studies alone
        row["outside" + (on and f"_by_{on}")] = R.misses(row, TARGETS, on=on)
    row["inside_targets"] = not row["outside"]
    row["hangs_on"] = R.hangs_on(  # a verdict rate over its target: which places it comes from
        [r["verdict_fpr"] for r in res], members, key, TARGETS["verdict_fpr"][1]
    )
    return row


def _inside_words(r: dict) -> str:
    if r["outside"]:
        return "NO: " + ", ".join(r["outside"])
    near = r.get("outside_by_programme")
    return (
        f"yes, on {r['areas']} areas ({', '.join(near)} misses on its programmes)"
        if near
        else "yes"
    )


HEADER = (
    "| outcome | scenario | studies (programmes; areas) | interval FPR | verdict FPR | moved apart | joint pre-test "
    "ran | FPR quiet / middle / noisy third | power at MDE | median MDE | coverage, heterogeneous "
    "effects | SC beyond chance | inside |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def format_row(r: dict) -> str:
    def pc(v) -> str:
        return "–" if not v or not v["n"] else f"{v['rate']:.1%}"

    def ci(v) -> str:
        return "–" if not v or not v["n"] else f"{v['rate']:.1%} ({v['low']:.1%}–{v['high']:.1%})"

    thirds = " / ".join(pc(r[k]) for k in ("fpr_quiet", "fpr_middle", "fpr_noisy"))
    return (
        f"| {r['outcome']} | {r['scenario']} | {r['studies']:,} ({r['programmes']:,}; {r['areas']}) | "
        f"{ci(r['interval_fpr'])} | "
        f"{ci(r['verdict_fpr'])} | {ci(r['moved_apart'])} | {pc(r.get('pre_ran'))} | {thirds} | "
        f"{ci(r['power_at_mde'])} | "
        f"{r['median_mde']:.2f} | {pc(r['het_coverage'])} | {ci(r['sc_beyond'])} | "
        f"{_inside_words(r)} |"
    )
