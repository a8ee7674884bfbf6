"""``python -m pipelines export``: indicator values (+ a datapackage.json sidecar), or with ``--all``
the whole warehouse, from the warehouse. One line and exit 2 for anything it cannot do."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipelines import cli_guard as G
from pipelines.export import FORMATS, LEVELS, export, export_all, listing


def add_parser(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser(
        "export", help="write indicator values (+ a datapackage.json sidecar) from the warehouse"
    )
    e.add_argument(
        "--indicator", type=G.name, nargs="+", metavar="ID", help="indicator ids (default: all)"
    )
    e.add_argument("--areas", nargs="+", metavar="CODE", help="area codes (default: all)")
    e.add_argument("--level", default="", choices=LEVELS, help="only areas at this level")
    e.add_argument("--format", choices=FORMATS, help="default: from --out, else csv")
    e.add_argument("--out", help="data file to write; the sidecar is <out>.datapackage.json")
    e.add_argument(
        "--list", action="store_true", help="list the indicator ids (title, level, periods)"
    )
    e.add_argument(
        "--all", action="store_true", help="every mart into folder --out (+ datapackage)"
    )
    e.add_argument(
        "--comparators",
        metavar="SET",
        help="add the comparator set of --areas (docs/comparators.md)",
    )
    e.set_defaults(run=lambda args: main(args, e))


def main(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """The command: one line and exit 2 for anything it cannot do, and no file written."""
    from atlas.data.sql import WAREHOUSE

    if not args.list and not args.out:
        parser.error("export needs --out FILE (or --list)")
    with G.guard("EXPORT", WAREHOUSE):
        if problem := G.warehouse_problem(WAREHOUSE):
            G.fail("EXPORT", problem)
        if args.list:
            print(listing())
            return 0
        if args.all:
            return run_all(args)
        try:
            done = export(
                Path(args.out),
                indicators=args.indicator,
                areas=args.areas,
                fmt=args.format,
                level=args.level,
                comparators=args.comparators,
            )
        except ValueError as exc:
            G.fail("EXPORT", str(exc))
    print(
        f"[export] {done['rows']:,} rows, {done['indicators']} indicators -> {done['out']} "
        f"({done['bytes'] / 1e6:.1f} MB) + {Path(done['sidecar']).name} in {done['seconds']:.1f}s"
    )
    return 0


def run_all(args) -> int:
    """The ``--all`` command line: one line on success, one line and exit 2 on bad input."""
    import sys

    try:
        done = export_all(Path(args.out), args.format)
    except (OSError, ValueError) as exc:
        print(f"EXPORT FAILED — {exc}", file=sys.stderr)
        return 2
    print(
        f"[export] {done['tables']} tables, {done['rows']:,} rows -> {done['out']}/ "
        f"({done['bytes'] / 1e6:.1f} MB) + datapackage.json in {done['seconds']:.1f}s"
    )
    return 0
