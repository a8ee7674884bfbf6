"""Command line: ``python -m pipelines COMMAND``. Each command is a module of its own that declares
its arguments and its ``run``; ``python -m pipelines --help`` lists them. Usage errors are one line
and exit 2 (``pipelines.cli_guard.Parser``)."""

from __future__ import annotations

import sys

from pipelines import evaluate, place, plan, refresh
from pipelines.cli_guard import Parser
from pipelines.commands import build, export, present, validate

COMMANDS = (build, export, evaluate, plan, place, validate, present, refresh)


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="python -m pipelines")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parser(sub)
    args = parser.parse_args(argv)
    if args.command == "evaluate":
        return evaluate.main(args)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
