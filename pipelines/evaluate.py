"""``python -m pipelines evaluate``: the before/after page's engine from the command line.

Exactly the page's code path (``atlas.evidence.engine.evaluate``) for a register intervention or
any set of areas; prints the verdict, the estimate with its interval and achieved level, the
p-value, the minimum detectable effect, the synthetic control and every excluded area, or the
whole result as JSON (``--json``, the same figures the page shows).
"""

from __future__ import annotations

import argparse
import json
import sys

from pipelines import cli_guard as G

HELP_EFFECT = (
    "for checking the method: add X to the treated areas' values from the start year before "
    "estimating (the estimate should move by about X); never use it for a real reading"
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="before/after estimate for an intervention or any areas")
    p.add_argument(
        "--iv", type=G.name, metavar="ID", help="a register intervention id (e.g. CUA-NCL)"
    )
    p.add_argument(
        "--areas",
        type=G.area_code,
        nargs="+",
        metavar="CODE",
        help="council codes (districts or upper-tier; ad hoc, with --start)",
    )
    p.add_argument(
        "--start", type=G.year, metavar="YEAR", help="start year (default: the register's)"
    )
    p.add_argument(
        "--outcome", type=G.name, metavar="ID", help="outcome indicator id (see --list-outcomes)"
    )
    p.add_argument(
        "--pool",
        type=G.area_code,
        nargs="+",
        metavar="CODE",
        help="comparator areas (default: nearest)",
    )
    p.add_argument(
        "--comparators", type=G.name, metavar="SET", help="comparator set (docs/comparators.md)"
    )
    p.add_argument("--add-effect", type=G.number, default=0.0, metavar="X", help=HELP_EFFECT)
    p.add_argument("--json", action="store_true", help="print the whole result as JSON")
    p.add_argument("--list-outcomes", action="store_true", help="list the outcome ids and exit")
    p.add_argument("--prereg", metavar="FILE", help="evaluate a pre-registration (pipelines plan)")


def _bar(d: dict) -> str:
    """The wider band "changed" needs, and why (method 9: ``atlas.evidence.bar``)."""
    from atlas.evidence.bar import why_words

    if not d.get("verdict_why"):
        return ""
    return f"; 'changed' needs the {d['verdict_level']:.1%} band: {why_words(d)}"


def _fmt(x: float | None, d: int = 2) -> str:
    return "–" if x is None or x != x else f"{x:+.{d}f}"


def show(r: dict) -> str:
    o = r["outcome"]
    lines = [f"{o['title']} ({o['indicator_id']}), start {r.get('start')}"]
    if r.get("problem"):
        return "\n".join([*lines, r["problem"]])
    names = ", ".join(t["area_name"] for t in r["treated"])
    lines.append(f"programme areas: {names}")
    v = r["verdict"]
    lines += [f"VERDICT: {v['headline']}"] + ([v["second"]] if v.get("second") else [])
    lines += [v["sensitivity"]] if v.get("sensitivity") else []
    if g := r.get("grade"):
        lines.append(f"EVIDENCE: {g['label']}. {g['why']} {g['raise']}")
    if (sens := r.get("sensitivity") or {}).get("ran"):
        b = sens["breakdown"]
        lines.append(
            "sensitivity (Rambachan-Roth relative magnitudes): breakdown M̄ = "
            + ("none (the range includes 0 even with parallel trends)" if b is None else f"{b:.2f}")
            + "; "
            + "; ".join(
                f"M̄ {x['mbar']:g}: {_fmt(x['low'])} to {_fmt(x['high'])}" for x in sens["ranges"]
            )
        )
    d, unit = r["did"], o["unit_words"]
    lines.append(
        f"difference-in-differences: {_fmt(d['estimate'])} {unit}; interval {_fmt(d['ci_low'])} to "
        f"{_fmt(d['ci_high'])} ({d['level']:.1%} with {d['n_placebos']} placebos: {d['placebos']}); "
        f"p = {d['p_value']:.3f}; smallest effect seen with {d['mde_power']:.0%} power: ±{d['mde']:.2f} {unit}"
        + _bar(d)
    )
    n = r["did_with_neighbours"]
    lines.append(
        f"with neighbours kept: {_fmt(n['estimate'])} ({_fmt(n['ci_low'])} to {_fmt(n['ci_high'])})"
    )
    s = r.get("synth")
    if s:
        parts = " + ".join(f"{w['weight']:.2f} {w['area_name']}" for w in s["weights"])
        lines.append(
            f"synthetic control: {_fmt(s['effect'])} {unit}, p = {s['p_value']:.3f} (rank {s['rank']} "
            f"of {s['n_placebos'] + 1}); pre-period RMSPE {s['pre_rmspe']:.2f}; synthetic = {parts}"
        )
    pt = r["pre_trend"]
    lines.append(f"pre-trend: {_fmt(pt['slope'])} {unit}/year, p = {pt['p_value']:.3f}")
    if j := r.get("pre_test"):
        lines.append(
            f"joint pre-period test (decides 'moved apart'): p = {j['p_value']:.3f}, "
            + ("flagged" if j["flag"] else "not flagged" if j["ran"] else "could not run")
            + (
                f" (its parts: the comparison at a pretend start p = {j['pretend_p']:.3f}; the "
                f"gap's drift over {j['drift_years'][0]}–{j['drift_years'][1]}, "
                f"{_fmt(j['drift_slope'])} {unit}/year, p = {j['drift_p']:.3f}, "
                f"given {j['drift_share']:.0%} of the test's level)"
                if "drift_p" in j
                else ""
            )
        )
        lines += [f"not checked: {c['reason']}" for c in j.get("checks", []) if not c["ran"]]
    for p in r["placebo_starts"]:
        lines.append(
            f"pretend start {p['fake_start']}: {_fmt(p['estimate'])} ({_fmt(p['ci_low'])} to {_fmt(p['ci_high'])})"
        )
    lines.append(
        f"comparators ({len(r['pool'])}): "
        + ", ".join(x["area_name"] for x in r["ranking"] if x["area_code"] in set(r["pool"]))
    )
    lines.append(f"excluded ({len(r['excluded'])}):")
    lines += [f"  {e['area_name']} ({e['area_code']}): {e['reason']}" for e in r["excluded"]]
    lines += [f"note: {w}" for w in r["warnings"] + r["notes"]]
    return "\n".join(lines)


def main(args: argparse.Namespace) -> int:
    # the engine (pandas, scipy: ~3 s) is imported when it is used, so that `python -m pipelines
    # build` with nothing to do stays instant
    from atlas.data.sql import WAREHOUSE

    if args.iv and args.areas:
        G.fail("EVALUATE", "give either --iv (a register intervention) or --areas, not both")
    if not (args.list_outcomes or args.prereg) and (
        not args.outcome or not (args.iv or args.areas)
    ):
        G.fail("EVALUATE", "give --outcome and either --iv or --areas (with --start)")
    with G.guard("EVALUATE", WAREHOUSE):
        if problem := G.warehouse_problem(WAREHOUSE):
            G.fail("EVALUATE", problem)
        return _run(args, WAREHOUSE)


def _run(args: argparse.Namespace, warehouse) -> int:
    from atlas.evidence.comparator_sets import comparator_pool
    from atlas.evidence.engine import StudyError, duckdb_reader, evaluate
    from atlas.evidence.grade import of as grade_of

    if args.prereg:
        from pipelines.plan import evaluate_prereg

        return evaluate_prereg(args, show)
    read = duckdb_reader(warehouse)
    if args.list_outcomes:
        for row in read("ba_outcomes").itertuples():
            print(
                f"{row.indicator_id:<24} {row.title} ({row.geography}, {row.first_year}–{row.last_year})"
            )
        return 0
    if args.areas:
        G.refuse_aggregates(read("common_areas"), args.areas, "EVALUATE")
    try:
        result = evaluate(
            read,
            outcome=args.outcome,
            iv=args.iv,
            areas=args.areas,
            start=args.start,
            pool=args.pool or comparator_pool(read, args),
            cset=args.comparators,
            add_effect=args.add_effect,
        )
    except StudyError as exc:
        G.fail("EVALUATE", str(exc))
    result.setdefault("grade", grade_of(result))  # a refused study is graded too
    if args.json:
        from pipelines.evidence import to_json

        print(json.dumps(json.loads(to_json(result)), indent=1, ensure_ascii=False))
    else:
        print(show(result))
    return 0


def _area_names(path) -> dict:
    """Every current area's name by code, districts and upper-tier authorities."""
    from atlas.evidence.engine import duckdb_reader

    read = duckdb_reader(path)
    frames = [read("evidence_areas", geo=geo) for geo in ("lad", "utla")]
    return {c: n for f in frames for c, n in zip(f["area_code"], f["area_name"], strict=True)}


def validate(args: argparse.Namespace) -> int:
    """`make validate`: the table the README quotes; exit 1 if a scenario misses its targets."""
    from atlas.data.sql import WAREHOUSE
    from atlas.evidence import validate as V
    from atlas.evidence.rates import hang_words

    if not WAREHOUSE.exists():
        print("VALIDATE FAILED — no warehouse: run `make build` first", file=sys.stderr)
        return 2
    print(
        f"{args.studies:,} simulated studies per outcome and scenario, no effect unless said "
        "(targets: interval FPR 4–6%, verdict FPR ≤ 5% (over 5%: upper bound ≤ 7%), moved apart "
        "≤ 10%, each noise third "
        "≤ 8%, power at the stated MDE ≥ 78%, SC beyond chance ≤ 5.5%; judged on each rate's "
        "95% interval, counted over the areas its studies draw on)\n" + V.HEADER,
        flush=True,
    )
    if getattr(args, "sets", False):  # atlas/evidence/validate_sets.py: pools from each ranked set
        from atlas.evidence import validate_sets as V  # noqa: N812 (same table, same judgement)
    rows = V.run(studies=args.studies, log=lambda s: print(s, flush=True))
    if args.json:
        from pathlib import Path

        Path(args.json).write_text(json.dumps(rows, indent=1))
    names = _area_names(WAREHOUSE)
    lines = [w for r in rows if (w := hang_words(r, names))]
    if lines:
        print("Where “changed” with no effect comes from (the areas whose studies lift it most):")
        print("\n".join(f"- {w}" for w in lines))
    bad = [
        f"{r['outcome']} / {r['scenario']} ({', '.join(r['outside'])})"
        for r in rows
        if not r["inside_targets"]
    ]
    print(
        "all scenarios inside the targets" if not bad else "OUTSIDE THE TARGETS: " + "; ".join(bad)
    )
    return 1 if bad else 0
