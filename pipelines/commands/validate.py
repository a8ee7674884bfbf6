"""``python -m pipelines validate``: simulated before/after studies (the method check)."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser(
        "validate", help="simulated before/after studies: false positives, coverage, power"
    )
    v.add_argument("--studies", type=int, default=1000, help="studies per outcome and scenario")
    v.add_argument("--json", metavar="PATH", help="also write the table as JSON")
    v.add_argument(
        "--sets",
        action="store_true",
        help="only the comparator-set scenarios: pools and placebo pools from each ranked set",
    )
    v.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pipelines import evaluate

    return evaluate.validate(args)
