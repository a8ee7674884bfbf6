"""The Social Mobility Commission's university rankings (State of the Nation 2026), for the pages:
the universities named in a partnership, the partner universities of an area's partnerships, one
university's intake by decile, and every ranked university for the catalogue.

Words about ranks are made here from the warehouse's figures (never typed). What the measures are
not is said in ``CAVEAT``, shown wherever a rank is.
"""

from __future__ import annotations

import pandas as pd

from atlas.data.db import query
from atlas.text.formatting import ordinal

ATTRIBUTION = "Source: Social Mobility Commission, State of the Nation 2026 — university rankings"
CAVEAT = (
    "These rankings describe each university's own intake of **2018–2020 entrants**, for "
    "**England's universities only**. They are not a measure of any partnership's effect, and "
    "they come before most of the partnerships here began."
)
#: what the reference pool of each measure is, for the sentence under its rank
POOLS = {
    "equal_access": "all 18–19 year olds in England",
    "social_mobility": "the 18–19 year olds who met its entry grades",
    "social_mobility_location": "the 18–19 year olds who met its entry grades, weighted by where "
    "it recruits",
}
FIFTHS = ("top fifth", "second fifth", "middle fifth", "fourth fifth", "bottom fifth")


def for_intervention(iv: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(ranked: one row per university x measure; unranked: one row per university with why)."""
    rows = query("universities_intervention", iv=iv)
    ranked = rows[rows["is_ranked"]].reset_index(drop=True)
    unranked = rows.loc[~rows["is_ranked"], ["register_name", "why"]].drop_duplicates()
    return ranked, unranked.reset_index(drop=True)


def for_partnerships(ivs: list[str]) -> pd.DataFrame:
    """Ranked universities named in any of the partnerships ``ivs`` (one row per measure)."""
    return query("universities_area", ivs=sorted(set(ivs)))


def deciles(provider: str) -> pd.DataFrame:
    return query("universities_deciles", provider=provider)


def catalogue() -> pd.DataFrame:
    return query("universities_catalogue")


def fifth(rank: int, of: int) -> str:
    """Which fifth of the ranked universities a rank is in (1 = best)."""
    return FIFTHS[min(4, -(-int(rank) * 5 // int(of)) - 1)]  # 1-18 of 94 top, ... 76-94 bottom


def rank_sentence(row: pd.Series) -> str:
    """'88th of 94 (bottom fifth): its intake is less disadvantaged than all 18–19 year olds in
    England.' from one university x measure row."""
    coef = float(row["coefficient"])
    side = (
        "more disadvantaged than"
        if coef > 0
        else ("less disadvantaged than" if coef < 0 else "as disadvantaged as")
    )
    return (
        f"{ordinal(int(row['rank']))} of {int(row['of_ranked'])} ({fifth(row['rank'], row['of_ranked'])}): "
        f"its intake is {side} {POOLS[row['measure']]}."
    )


def summary(ranked: pd.DataFrame) -> pd.DataFrame:
    """One row per university: its name, the three ranks in words, the file and line."""
    out = []
    for (register_name, provider), g in ranked.groupby(
        ["register_name", "provider_name"], sort=False
    ):
        row = {"University": register_name, "Commission's name": provider}
        for r in g.itertuples():
            row[r.measure_title] = rank_sentence(pd.Series(r._asdict()))
        row["Source"] = f"{g['source_file'].iloc[0]}, line {int(g['line'].iloc[0])}"
        out.append(row)
    return pd.DataFrame(out)
