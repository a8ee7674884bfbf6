"""``python -m pipelines warmup`` and ``stories``: the presentation's two offline helpers. They
drive the screens themselves (``atlas.ui``), the one place the command line may: the layers
contract in pyproject.toml names these imports as its only exceptions."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    w = sub.add_parser("warmup", help="open every presentation view once so a demo starts hot")
    w.add_argument(
        "--url", default="http://127.0.0.1:8501", help="running app to warm (headless chromium)"
    )
    w.add_argument(
        "--in-process", action="store_true", help="no server: run each view with AppTest instead"
    )
    w.set_defaults(run=warmup)
    s = sub.add_parser(
        "stories", help="write each presentation story as one self-contained offline HTML file"
    )
    s.add_argument("--out", default="stories", help="folder for <story>.html (default: stories)")
    s.add_argument("--story", nargs="+", metavar="NAME", help="story names (default: all)")
    s.set_defaults(run=stories)


def warmup(args: argparse.Namespace) -> int:
    from atlas.ui.story import warmup as warm

    return warm(url=None if args.in_process else args.url)


def stories(args: argparse.Namespace) -> int:
    from atlas.ui.story_html import write_stories

    for path, size, seconds in write_stories(Path(args.out), args.story):
        print(f"[stories] {path} ({size / 1e6:.1f} MB) in {seconds:.1f}s")
    return 0
