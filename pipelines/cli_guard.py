"""What every command line shares so that no input makes it crash (issue 19).

* ``Parser``: argparse that answers a usage mistake in one line (``prog: what is wrong (see
  --help)``), exit 2, with anything the user typed cut to a readable length;
* argument types that refuse what cannot be a value before any work starts: ``number`` (finite,
  plausible size; ``-1e-3`` is read as a number, not as an option), ``year``, ``area_code``,
  ``name`` (ids of outcomes, indicators, interventions);
* ``guard``: a block in which a closed pipe (``… --list-outcomes | head``) ends quietly and every
  warehouse error (missing, a folder, not a database, damaged) becomes one line and exit 2;
* ``warehouse_problem``: what is wrong with a warehouse file, in words, or None.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ECHO = 40  # characters of one typed value repeated in a message
LINE = 400  # characters of a whole message
MAX_EFFECT = 1e6  # larger than any indicator's range: a typo, and sums of it overflow
CODE = re.compile(r"^[EWSNK][0-9]{8}$")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$")
YEAR = re.compile(r"^[0-9]{4}$")
# argparse (3.11) takes "-1e-3" for an option; a number with an exponent is a number here.
NEGATIVE = re.compile(r"^-((\d+\.?\d*|\.\d+)(e[-+]?\d+)?|inf|infinity|nan)$", re.I)
REBUILD = "rebuild it with `python -m pipelines build`"


def clip(text: object, limit: int = ECHO) -> str:
    """One line; every word longer than ``limit`` cut, with its length said; at most ``LINE``."""
    words = []
    for word in " ".join(str(text).split()).split(" "):
        if len(word) > limit:
            word = f"{word[: limit - 8]}… ({len(word):,} characters)"
        words.append(word)
    line = " ".join(words)
    return line if len(line) <= LINE else line[: LINE - 1] + "…"


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one short line and exit 2 (sub-commands too)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = NEGATIVE

    def error(self, message: str):  # type: ignore[override]
        print(f"{self.prog}: {clip(message)} (see --help)", file=sys.stderr)
        raise SystemExit(2)


def _typed(check):
    """An argparse type from ``check(text) -> value`` that raises ValueError with the reason."""

    def convert(text: str):
        try:
            return check(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"“{clip(text)}” {exc}") from None

    convert.__name__ = check.__name__
    return convert


@_typed
def number(text: str) -> float:
    try:
        value = float(text) if len(text) <= 40 else None
    except ValueError:
        value = None
    if value is None:
        raise ValueError("is not a number")
    if not math.isfinite(value):
        raise ValueError("is not a finite number")
    if abs(value) > MAX_EFFECT:
        raise ValueError(f"is larger than any indicator's range (at most ±{MAX_EFFECT:,.0f})")
    return value


@_typed
def year(text: str) -> int:
    if not YEAR.match(text):
        raise ValueError("is not a year (four digits, e.g. 2017)")
    return int(text)


@_typed
def area_code(text: str) -> str:
    if not CODE.match(text):
        raise ValueError("is not an area code (codes look like E08000021)")
    return text


@_typed
def name(text: str) -> str:
    if not NAME.match(text):
        raise ValueError("is not an id (letters, digits, _ . -; see the --list option)")
    return text


def warehouse_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a warehouse, in words (None when it opens and reads)."""
    import duckdb

    if not path.exists():
        return f"no warehouse at {path}: build it with `python -m pipelines build`"
    if path.is_dir():
        return f"{path} is a folder, not a warehouse file: remove it and {REBUILD}"
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            con.execute("select count(*) from meta.build").fetchone()
    except duckdb.Error as exc:
        return unreadable(path, exc)
    return None


def unreadable(path: Path, exc: BaseException) -> str:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    first = first.replace(f' "{path}"', "").removeprefix("IO Error: ")
    return f"the warehouse {path} is damaged or not a warehouse ({clip(first, 60)}): {REBUILD}"


def fail(what: str, reason: str) -> None:
    print(f"{what} FAILED — {clip(reason, 80)}", file=sys.stderr)
    raise SystemExit(2)


def _quiet_stdout() -> None:
    """The reader went away (``| head``): send what is left nowhere, so exit does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@contextmanager
def guard(what: str, warehouse: Path) -> Iterator[None]:
    """Run a command's work: a closed pipe ends it quietly (exit 0: the reader had enough);
    a missing or damaged warehouse, or a file it cannot write, is one line and exit 2."""
    import duckdb

    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        raise SystemExit(0) from None
    except duckdb.Error as exc:
        fail(what, warehouse_problem(warehouse) or unreadable(warehouse, exc))
    except OSError as exc:
        fail(what, f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))


# Levels an area can be treated at, and how the others are named when they are refused.
TREATABLE = {"lad", "county"}
AGGREGATE = {
    "nation": "a nation",
    "uk": "the UK or Great Britain",
    "region": "a region",
    "ca": "a combined authority (give its member councils' codes)",
    "smc": "a Social Mobility Commission area",
}


def refuse_aggregates(areas, codes: list[str], what: str) -> None:
    """Refuse, by name, treated areas that are not councils (England, a region, a nation, the UK):
    a before/after study compares councils with councils."""
    level = dict(zip(areas["area_code"], areas["level"], strict=False))
    names = dict(zip(areas["area_code"], areas["area_name"], strict=False))
    wrong = [c for c in codes if c in level and level[c] not in TREATABLE]
    if wrong:
        listed = "; ".join(
            f"{c} ({names[c]}) is {AGGREGATE.get(level[c], 'not a council')}" for c in wrong[:4]
        )
        fail(
            what,
            f"{listed}. A before/after study treats councils: give district or upper-tier "
            "council codes (e.g. E08000021)",
        )
