"""How values read on the page: numbers with their units, year spans, ordinals and statuses."""

from __future__ import annotations

import math

import pandas as pd

STATUS_WORDS = {
    "suppressed": "suppressed",
    "unreliable": "unreliable",
    "not_available": "not available",
}


def fmt(value: float | None, unit: str, decimals: int | float = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no data"
    d = int(decimals) if decimals == decimals else 1
    text = f"{value:,.{d}f}"
    if unit == "%":
        return f"{text}%"
    if unit == "pp":  # a gap between two percentages: percentage points, never %
        return f"{text} pp"
    if unit in ("£", "£ per week"):
        return f"£{text}" + (" a week" if unit == "£ per week" else "")
    if unit in ("years", "score", "rank"):
        return f"{text} {unit}" if unit == "years" else text
    return text


def years(start, end) -> str:
    """'2016–2017', '2021–' (ongoing) or '' from nullable years."""
    if start is None or pd.isna(start):
        return ""
    return f"{int(start)}–{'' if end is None or pd.isna(end) else int(end)}"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def shown(value: float | None, status: str, unit: str, decimals: int) -> str:
    """A value as a reader sees it: statuses other than 'ok' become words, never 0."""
    if status and status != "ok" and (value is None or pd.isna(value)):
        return STATUS_WORDS.get(status, status.replace("_", " "))
    if value is None or pd.isna(value):
        return "not available"
    return fmt(value, unit, decimals)
