"""Command line: ``python -m pipelines build [--force]`` (and ``export``, ``bench``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.manifest import BuildError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build data/atlas.duckdb from data/raw (skipped if unchanged)")
    b.add_argument("--force", action="store_true", help="rebuild even if the inputs are unchanged")
    b.add_argument("--select", nargs="+", metavar="GLOB",
                   help="development: build only these models (and what they depend on)")
    b.add_argument("--target", help="development: write to this warehouse path instead of data/atlas.duckdb")
    args = parser.parse_args(argv)
    if args.command == "build":
        try:
            from pipelines.fresh import current_fingerprint, is_fresh

            if not (args.force or args.select or args.target) and is_fresh(current_fingerprint()):
                print("[skip] warehouse is up to date with its inputs (data/raw, sql/, seeds, pipelines unchanged)")
                return 0
            from pipelines.build import build

            kwargs = {"patterns": args.select}
            if args.target:
                kwargs["warehouse"] = Path(args.target).resolve()
            build(force=args.force, **kwargs)
        except BuildError as exc:
            print(f"BUILD FAILED — {exc.message()}\nThe previous warehouse (if any) was left untouched.",
                  file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
