"""Several indicators × a year range for chosen areas, as one tidy export (issue 18, point 7):
the browser's answer to ``python -m pipelines export`` for a researcher who wants, say, HE entry,
Attainment 8 and child poverty for the North East's councils from 2015 to 2024 in one file.

Pure: a deferred frame for ``offer_downloads`` (read from the warehouse only when clicked, through
the same parameterised ``export_values`` query as every other export), filtered to the years.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from atlas.exports.buttons import export_frame


def years_of(periods: Sequence[str]) -> list[int]:
    """The calendar years periods end in: '2023/24' → 2024, '2023' → 2023, '2021-2023' → 2023."""
    out = []
    for p in periods:
        digits = "".join(c if c.isdigit() else " " for c in str(p)).split()
        if not digits:
            continue
        first, last = digits[0], digits[-1]
        year = int(last) if len(last) == 4 else int(first[:2] + last) if len(first) == 4 else None
        if year:
            out.append(year)
    return sorted(set(out))


def several(
    indicators: Sequence[str], areas: Sequence[str], first: int, last: int
) -> Callable[[], pd.DataFrame]:
    """A deferred tidy frame: ``indicators`` × ``areas`` × every period whose year lies in
    [first, last] (``year`` as the warehouse stores it), in the fixed export columns."""
    load = export_frame(list(indicators), list(areas))

    def run() -> pd.DataFrame:
        frame = load()
        keep = frame["year"].between(first, last)
        return frame[keep.fillna(False).astype(bool)].reset_index(drop=True)

    return run
