"""``python -m pipelines refresh``: take in a new official release, check it, keep the last good.

``--from FILE`` (a file downloaded from the publisher) or ``--online [SOURCE…]`` (the publisher's
API). Drift checks run first; the new file is staged and a new warehouse built from it with every
data test; the changelog is printed and kept in data/refresh-log/; only then are the raw file, its
manifest row and the warehouse replaced. See docs/refresh.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("refresh", help="take in a new release of a source: check, build, publish")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--from", dest="file", metavar="FILE", help="a file downloaded from the publisher"
    )
    how.add_argument(
        "--online",
        nargs="*",
        metavar="SOURCE",
        help="fetch from the publisher's API (default: all)",
    )
    how.add_argument("--list", action="store_true", help="list the sources a refresh can replace")
    p.add_argument("--source", metavar="ID", help="the source FILE replaces (default: recognised)")
    p.add_argument(
        "--dry-run", action="store_true", help="print the checks and changelog; change nothing"
    )
    p.add_argument("--base-url", action="append", default=[], metavar="NAME=URL",
                   help="publisher base URL (nomis, fingertips, ees, ons, ons_els); tests use a local server")  # fmt: skip
    p.add_argument("--raw", help="development/tests: the data/raw folder")
    p.add_argument("--manifest", help="development/tests: the manifest (data/sources.csv)")
    p.add_argument("--target", help="development/tests: the warehouse (data/atlas.duckdb)")
    p.add_argument("--seeds", help="development/tests: the seeds folder (data/seeds)")
    p.add_argument("--log-dir", help="development/tests: where changelogs are kept")
    p.set_defaults(run=main)


def _options(args: argparse.Namespace):
    from pipelines.refresh.run import Options

    o = Options(dry_run=args.dry_run)
    for attr, value in (("raw_dir", args.raw), ("manifest", args.manifest),
                        ("warehouse", args.target), ("log_dir", args.log_dir),
                        ("seeds_dir", args.seeds)):  # fmt: skip
        if value:
            setattr(o, attr, Path(value).resolve())
    return o


def main(args: argparse.Namespace) -> int:
    from pipelines.manifest import BuildError
    from pipelines.refresh.recognise import RefreshError

    if args.list:
        from pipelines.refresh.sources import SOURCES

        for s in SOURCES:
            print(f"{s.id:<48} {s.kind.words:<52} api: {s.online.get('api')}")
        return 0
    o = _options(args)
    try:
        if args.file is not None:
            return _from_file(Path(args.file), args.source, o)
        return _online(args.online, args.base_url, o)
    except RefreshError as exc:
        print(f"REFRESH REFUSED — {exc}\nNothing was changed.", file=sys.stderr)
        return 2
    except BuildError as exc:
        print(
            f"REFRESH FAILED — the staged build failed: {exc.message()}\n"
            "Nothing was changed: data/raw, data/sources.csv and the warehouse are as they were.",
            file=sys.stderr,
        )
        return 1


def _from_file(path: Path, source: str | None, o) -> int:
    from pipelines.refresh.recognise import RefreshError, recognise
    from pipelines.refresh.run import Release, refresh

    if not path.is_file():
        raise RefreshError(f"{path}: no such file")
    data = path.read_bytes()
    from pipelines.refresh.kinds import read_bytes

    src = recognise(path, read_bytes(path), source, o.raw_dir)
    print(f"[refresh] {path.name} replaces {src.file} ({src.kind.words})")
    print(refresh(src, Release(data, path.name, f"downloaded by hand: {path.name}"), o))
    return 0


def _online(ids: list[str], bases: list[str], o) -> int:
    from pipelines.refresh import online
    from pipelines.refresh.publish import read_rows
    from pipelines.refresh.recognise import RefreshError
    from pipelines.refresh.run import refresh
    from pipelines.refresh.sources import SOURCES, find

    try:
        chosen = [find(i) for i in ids] if ids else [s for s in SOURCES if s.online]
        pairs = dict(b.split("=", 1) for b in bases)
    except ValueError as exc:
        raise RefreshError(str(exc)) from None
    cache = o.warehouse.parent / ".refresh-cache"
    client = online.Client(cache, pairs)
    failed = []
    for src in chosen:
        held = next((r for r in read_rows(o.manifest) if r["file"] == src.file), {})
        client.cache = cache / src.id  # kept when a download breaks off, so a rerun resumes
        try:
            rel = online.fetch(src, client, held)
        except online.NoNewRelease as exc:
            print(f"[online] {exc}: nothing to do")
            continue
        except RefreshError as exc:
            print(
                f"REFRESH FAILED — {exc}\nRun again to resume; nothing was changed.",
                file=sys.stderr,
            )
            failed.append(src.id)
            continue
        try:  # the release arrived whole: a rerun fetches it afresh, whatever happens next
            print(refresh(src, rel, o))
        except RefreshError as exc:
            print(f"REFRESH REFUSED — {exc}\nNothing was changed for {src.id}.", file=sys.stderr)
            failed.append(src.id)
        finally:
            shutil.rmtree(client.cache, ignore_errors=True)
    return 2 if failed else 0
