"""``python -m pipelines place QUERY [--json]``: the app's place search from the command line.

Exactly the search box's code path (``atlas.data.places.find``): a postcode (any case, with or
without the space) gives its council today; a name gives the best matches — councils of all four
nations, counties, regions, combined authorities, Welsh names, former districts and counties,
spellings close enough. Prints one line per match (area code, name, level, nation, how it
matched) or, with ``--json``, a list of objects with ``area_code``, ``area_name``, ``level``,
``nation``, ``how`` and ``score``. Nothing found: one helpful line on stderr, exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("place", help="find an area by postcode or place name (offline)")
    p.add_argument("query", nargs="+", help="a postcode (NE1 7RU) or a place name (Newcastle)")
    p.add_argument("--json", action="store_true", help="print the matches as a JSON list")
    p.add_argument("--limit", type=int, default=8, help="at most this many matches (default 8)")
    p.set_defaults(run=main)


def main(args: argparse.Namespace) -> int:
    from atlas.data.places import find

    try:
        found = find(" ".join(args.query), limit=max(1, args.limit))
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if not found.matches:
        print(found.message, file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(found.records(), indent=1, ensure_ascii=False))
        return 0
    for m in found.matches:
        print(f"{m.area_code}  {m.area_name}  ({m.level}, {m.nation or 'UK'})  — {m.how}")
    return 0
