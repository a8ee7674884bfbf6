"""``python -m pipelines export``: indicator values (+ a datapackage.json sidecar) from the warehouse."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
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
    e.set_defaults(run=run, parser=e)


def run(args: argparse.Namespace) -> int:
    from pipelines.export import export, listing

    if args.list:
        print(listing())
        return 0
    if not args.out:
        args.parser.error("export needs --out FILE (or --list)")
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
