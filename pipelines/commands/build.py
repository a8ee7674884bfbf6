"""``python -m pipelines build``: build the warehouse (skipped when nothing changed)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.manifest import BuildError


def add_parser(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("build", help="build data/atlas.duckdb from data/raw (skipped if unchanged)")
    b.add_argument("--force", action="store_true", help="rebuild even if the inputs are unchanged")
    b.add_argument(
        "--select",
        nargs="+",
        metavar="GLOB",
        help="development: build only these models (and what they depend on)",
    )
    b.add_argument(
        "--target", help="development: write to this warehouse path instead of data/atlas.duckdb"
    )
    b.add_argument("--raw", help="development/tests: read raw files from this folder")
    b.add_argument(
        "--manifest", help="development/tests: use this manifest instead of data/sources.csv"
    )
    b.add_argument("--seeds", help="development/tests: read seeds from this folder")
    b.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        from pipelines.fresh import current_fingerprint, is_fresh

        development = args.select or args.target or args.raw or args.manifest or args.seeds
        if not (args.force or development) and is_fresh(current_fingerprint()):
            print(
                "[skip] warehouse is up to date with its inputs (data/raw, sql/, seeds, pipelines unchanged)"
            )
            return 0
        from pipelines.build import build

        kwargs = {"patterns": args.select}
        for option, key in (
            ("target", "warehouse"),
            ("raw", "raw_dir"),
            ("manifest", "manifest"),
            ("seeds", "seeds_dir"),
        ):
            if getattr(args, option):
                kwargs[key] = Path(getattr(args, option)).resolve()
        build(force=args.force, **kwargs)
    except BuildError as exc:
        print(
            f"BUILD FAILED — {exc.message()}\nThe previous warehouse (if any) was left untouched.",
            file=sys.stderr,
        )
        return 1
    return 0
