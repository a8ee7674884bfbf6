"""After a refresh the catalogue seed says which release its indicators now hold, and when the
next one is due: the old due date moved on by the publisher's schedule until it is in the future.
Only the seed rows of indicators read from the refreshed file change; every other byte is kept."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

MONTHS = {"P1Y": 12, "P6M": 6, "P3M": 3, "P1M": 1}


def add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):  # 31 January + 1 month -> the last day of February
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def advance(due: str, schedule: str, today: dt.date) -> str:
    """The first date after ``today`` on the schedule through ``due`` ('' when there is none)."""
    if not due or schedule not in MONTHS:
        return due
    first = day = dt.date.fromisoformat(due)
    steps = 0
    while day <= today:  # counted from the first date, so 31 January stays the month's end
        steps += 1
        day = add_months(first, steps * MONTHS[schedule])
    return day.isoformat()


def updated(seeds_dir: Path, file: str, release: str, today: dt.date) -> dict[str, bytes]:
    """Seed file name -> its new bytes, for the seeds with a row whose source_file is ``file``."""
    out = {}
    for path in sorted(seeds_dir.glob("indicators_*.csv")):
        raw = path.read_bytes()
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
        hit = False
        for r in rows:
            if file in [f.strip() for f in r.get("source_file", "").split(";")] and "release" in r:
                r["release"] = release
                r["next_release"] = advance(r["next_release"], r["release_schedule"], today)
                hit = True
        if hit:
            buf = io.StringIO(newline="")
            term = "\r\n" if b"\r\n" in raw else "\n"
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator=term)
            writer.writeheader()
            writer.writerows(rows)
            out[path.name] = buf.getvalue().encode("utf-8")
    return out
