"""``python -m pipelines plan``: plan a before/after evaluation before its data exist.

For a register intervention (``--iv``) or any areas (``--areas`` with ``--start``) and one or more
outcomes: the smallest effect the comparison could detect (at ``placebo.POWER``, the power the
engine states its MDEs at) for each year of data after the start, the earliest year an effect of
``--effect`` becomes detectable, and (``--out FILE``) a pre-registration JSON that
``python -m pipelines evaluate --prereg FILE`` later uses unchanged.
Method: ``atlas.evidence.planner`` and docs/evidence-planner.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "plan", help="plan an evaluation: detectable effect by year, pre-registration"
    )
    p.add_argument("--iv", metavar="ID", help="a register intervention id (e.g. NE-REP, LPIP-YH)")
    p.add_argument("--areas", nargs="+", metavar="CODE", help="area codes (with --start)")
    p.add_argument("--start", type=int, metavar="YEAR", help="start year (default: the register's)")
    p.add_argument(
        "--outcome", nargs="+", metavar="ID", help="outcome ids (default for --iv: its programme's)"
    )
    p.add_argument("--effect", type=float, metavar="X", help="effect size: earliest year to see it")
    p.add_argument("--years", type=int, default=5, metavar="N", help="years after the lag (5)")
    p.add_argument("--seed", type=int, default=0, help="placebo draw seed (registered)")
    p.add_argument("--json", action="store_true", help="print the plan as JSON")
    p.add_argument("--out", metavar="FILE", help="write the pre-registration JSON here")
    p.set_defaults(run=main)


def _fail(msg: str) -> int:
    print(f"PLAN FAILED — {msg}", file=sys.stderr)
    return 2


def fingerprint() -> str:
    from pipelines import BUILD_INFO

    try:
        return str(json.loads(BUILD_INFO.read_text()).get("fingerprint") or "unknown")
    except (OSError, ValueError):
        return "unknown"


def show(plan: dict) -> str:
    from atlas.text.planner import plan_lines

    return "\n".join(plan_lines(plan))


def main(args: argparse.Namespace) -> int:
    from atlas.data.sql import WAREHOUSE
    from atlas.evidence import planner, prereg
    from atlas.evidence import study as S
    from atlas.evidence.engine import METHOD_VERSION, StudyError, duckdb_reader

    if not WAREHOUSE.exists():
        return _fail("no warehouse: run `make build` first")
    if bool(args.iv) == bool(args.areas):
        return _fail("give either --iv ID or --areas CODE … (with --start)")
    if args.areas and args.start is None:
        return _fail("--areas needs --start YEAR")
    read, memo = duckdb_reader(WAREHOUSE), {}
    outcomes = args.outcome
    try:
        if not outcomes and args.iv:
            reg = memo["register"] = S.load_register(read)
            if args.iv in reg.interventions.index:
                group = reg.interventions.loc[args.iv, "programme_group"]
                outcomes = list(reg.families["outcomes"].get(group, []))
        if not outcomes:
            return _fail("give --outcome ID (see `python -m pipelines evaluate --list-outcomes`)")
        plan = planner.plan(
            read,
            outcomes=outcomes,
            start=args.start,
            iv=args.iv,
            areas=args.areas,
            years=args.years,
            effect=args.effect,
            seed=args.seed,
            memo=memo,
        )
        for o in plan["outcomes"]:
            if o["refused"]:
                cands = read("ba_outcomes")["indicator_id"].tolist()
                o["alternatives"] = planner.alternatives(read, args.iv, args.areas, memo, cands)
        doc = None
        if args.out:
            doc = prereg.build(plan, fingerprint=fingerprint(), method_version=METHOD_VERSION)
            Path(args.out).write_text(prereg.dumps(doc))
    except StudyError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot write {args.out}: {exc.strerror}")
    if args.json:
        from atlas.evidence.jsonable import to_json

        print(json.dumps(json.loads(to_json(plan)), indent=1, ensure_ascii=False))
    else:
        print(show(plan))
    if doc:
        print(f"pre-registration written to {args.out} (sha256 {doc['sha256']})", file=sys.stderr)
    return 0


def evaluate_prereg(args: argparse.Namespace, show_result) -> int:
    """``evaluate --prereg FILE``: the registered design, unchanged, on today's warehouse;
    ``show_result`` is ``pipelines.evaluate.show`` (passed in: the two commands import one way)."""
    from atlas.data.sql import WAREHOUSE
    from atlas.evidence import prereg
    from atlas.evidence.engine import StudyError, duckdb_reader

    def fail(msg: str) -> int:
        print(f"EVALUATE FAILED — {msg}", file=sys.stderr)
        return 2

    if not WAREHOUSE.exists():
        return fail("no warehouse: run `make build` first")
    try:
        text = Path(args.prereg).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return fail(f"cannot read {args.prereg}: {getattr(exc, 'strerror', None) or exc}")
    try:
        doc = prereg.load(text, args.prereg)
        results = prereg.evaluate(duckdb_reader(WAREHOUSE), doc)
    except StudyError as exc:
        return fail(str(exc))
    if args.json:
        from atlas.evidence.jsonable import to_json

        print(json.dumps([json.loads(to_json(r)) for r in results], indent=1, ensure_ascii=False))
        return 0
    print(f"pre-registration {doc['sha256'][:12]}… registered {doc['registered']}: verified")
    for r in results:
        print(show_result(r))
        for d in r["preregistration"]["deviations"]:
            print(f"deviation from the registration: {d}")
    return 0
