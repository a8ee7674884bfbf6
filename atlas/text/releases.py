""" "Data as of": the period held, the release it came from, when the next one is due.

The comparison with today happens when the words are made (never cached with the data), so an
indicator whose next release date has passed says so the day it passes.
"""

from __future__ import annotations

import datetime as dt

OVERDUE = "a newer release may exist"


def _date(value: object) -> dt.date | None:
    """A date from the warehouse (date, Timestamp, ISO text) or None for null / NaT."""
    if value is None or value != value:  # None, NaN, NaT
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def day(value: dt.date) -> str:
    """'14 April 2026'."""
    return f"{value.day} {value.strftime('%B %Y')}"


def overdue(next_release: object, today: dt.date | None = None) -> bool:
    due = _date(next_release)
    return due is not None and due < (today or dt.date.today())


def as_of(
    latest_period: object, release: object, next_release: object, today: dt.date | None = None
) -> str:
    """'Data as of 2023 (<release>); next release due 14 April 2026 — a newer release may exist.'"""
    held = latest_period if isinstance(latest_period, str) and latest_period else "no period"
    words = f"Data as of {held}"
    if isinstance(release, str) and release.strip():
        words += f" ({release.strip()})"
    due = _date(next_release)
    if due is None:
        return words + "; no further release is scheduled."
    words += f"; next release due {day(due)}"
    return words + (f" — {OVERDUE}." if overdue(due, today) else ".")


def data_as_of(row) -> str:  # noqa: ANN001 (a catalogue row: dict or pandas Series)
    """``as_of`` for a catalogue row (``latest_period``, ``release``, ``next_release``)."""
    return as_of(row["latest_period"], row.get("release"), row.get("next_release"))
