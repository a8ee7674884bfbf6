"""Command line: ``python -m pipelines build [--force]`` (and ``export``, ``warmup``, ``stories``)."""

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
    e = sub.add_parser(
        "export", help="write indicator values (+ a datapackage.json sidecar) from the warehouse"
    )
    e.add_argument("--indicator", nargs="+", metavar="ID", help="indicator ids (default: all)")
    e.add_argument("--areas", nargs="+", metavar="CODE", help="area codes (default: all)")
    e.add_argument(
        "--level",
        default="",
        choices=["", "lad", "utla", "county", "region", "ca", "nation"],
        help="only areas at this level",
    )
    e.add_argument(
        "--format", choices=["csv", "parquet", "xlsx"], help="default: from --out, else csv"
    )
    e.add_argument("--out", help="data file to write; the sidecar is <out>.datapackage.json")
    e.add_argument(
        "--list", action="store_true", help="list the indicator ids (title, level, periods)"
    )
    w = sub.add_parser("warmup", help="open every presentation view once so a demo starts hot")
    w.add_argument(
        "--url", default="http://127.0.0.1:8501", help="running app to warm (headless chromium)"
    )
    w.add_argument(
        "--in-process", action="store_true", help="no server: run each view with AppTest instead"
    )
    s = sub.add_parser(
        "stories", help="write each presentation story as one self-contained offline HTML file"
    )
    s.add_argument("--out", default="stories", help="folder for <story>.html (default: stories)")
    s.add_argument("--story", nargs="+", metavar="NAME", help="story names (default: all)")
    from pipelines import evaluate

    evaluate.add_parser(sub)
    v = sub.add_parser(
        "validate", help="simulated before/after studies: false positives, coverage, power"
    )
    v.add_argument("--studies", type=int, default=1000, help="studies per outcome and scenario")
    v.add_argument("--json", metavar="PATH", help="also write the table as JSON")
    args = parser.parse_args(argv)
    if args.command == "evaluate":
        return evaluate.main(args)
    if args.command == "validate":
        return evaluate.validate(args)
    if args.command == "stories":
        from atlas.exports.story_html import write_stories

        for path, size, seconds in write_stories(Path(args.out), args.story):
            print(f"[stories] {path} ({size / 1e6:.1f} MB) in {seconds:.1f}s")
        return 0
    if args.command == "export":
        from pipelines.export import export, listing

        if args.list:
            print(listing())
            return 0
        if not args.out:
            parser.error("export needs --out FILE (or --list)")
        try:
            done = export(
                Path(args.out),
                indicators=args.indicator,
                areas=args.areas,
                fmt=args.format,
                level=args.level,
            )
        except (OSError, ValueError) as exc:
            print(f"EXPORT FAILED — {exc}", file=sys.stderr)
            return 1
        print(
            f"[export] {done['rows']:,} rows, {done['indicators']} indicators -> {done['out']} "
            f"({done['bytes'] / 1e6:.1f} MB) + {Path(done['sidecar']).name} in {done['seconds']:.1f}s"
        )
        return 0
    if args.command == "warmup":
        from atlas.ui.story import warmup

        return warmup(url=None if args.in_process else args.url)
    if args.command == "build":
        try:
            from pipelines.fresh import current_fingerprint, is_fresh

            if not (
                args.force or args.select or args.target or args.raw or args.manifest or args.seeds
            ) and is_fresh(current_fingerprint()):
                print(
                    "[skip] warehouse is up to date with its inputs (data/raw, sql/, seeds, pipelines unchanged)"
                )
                return 0
            from pipelines.build import build

            kwargs = {"patterns": args.select}
            if args.target:
                kwargs["warehouse"] = Path(args.target).resolve()
            if args.raw:
                kwargs["raw_dir"] = Path(args.raw).resolve()
            if args.manifest:
                kwargs["manifest"] = Path(args.manifest).resolve()
            if args.seeds:
                kwargs["seeds_dir"] = Path(args.seeds).resolve()
            build(force=args.force, **kwargs)
        except BuildError as exc:
            print(
                f"BUILD FAILED — {exc.message()}\nThe previous warehouse (if any) was left untouched.",
                file=sys.stderr,
            )
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
