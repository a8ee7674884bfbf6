"""Downloads: exactly what a view shows, as tidy rows (indicator x area x period).

Pure reshaping of frames the page already holds, so a download button's callable can run them off
the script thread when clicked. The export columns come first, then the view's own.
"""

from __future__ import annotations

import pandas as pd

from atlas.exports import files as exports

RANK_COLUMNS = ["rank", "quintile", "comparison", "england_value"]
SPINE_COLUMNS = {
    "domain": "domain",
    "comparison": "comparison",
    "region_name": "region_name",
    "region": "region_value",
    "england": "england_value",
    "min": "la_min",
    "q25": "la_q25",
    "median": "la_median",
    "q75": "la_q75",
    "max": "la_max",
    "n": "la_count",
}


def _tidy(frame: pd.DataFrame, meta: pd.Series, extra: list[str], **fixed: object) -> pd.DataFrame:
    rows = frame.reset_index(drop=True)
    base = rows.assign(
        indicator_id=meta["indicator_id"],
        indicator_title=meta["title"],
        unit=meta["unit"],
        geography_level=rows["level"] if "level" in rows else None,
        **fixed,
    )
    return pd.concat([exports.tidy(base), rows[[c for c in extra if c in rows]]], axis=1)


def map_export(
    table: pd.DataFrame, meta: pd.Series, period: str, england: float | None
) -> pd.DataFrame:
    """The map's (or compare's) table as exported: one indicator and period, the areas shown, with
    rank in England (1 = best), quintile (the map colour), comparison with England's value and,
    for compare, ``group_rank`` (1 = best of the chosen areas)."""
    rows = table.assign(england_value=england)
    if "category" in rows:  # the SMC indices
        rows = rows.assign(smc_category=rows["category"])
    return _tidy(rows, meta, [*RANK_COLUMNS, "smc_category", "group_rank"], period=period)


def series_export(frame: pd.DataFrame, meta: pd.Series) -> pd.DataFrame:
    """Trend lines as exported: one row per area and period (England once, however many small
    charts repeat it) with the line it is drawn as (``area``/``region``/``england`` or
    ``Area``/``England``)."""
    rows = frame.drop_duplicates(["area_code", "period"])
    if "area_name" not in rows:
        rows = rows.assign(area_name=rows["series"])
    line = rows["role"] if "role" in rows else rows["series"]
    out = _tidy(rows.assign(line=line), meta, ["line"])
    return out.sort_values(["line", "area_name", "year"], kind="stable", ignore_index=True)


def spine_export(spine: pd.DataFrame, region_name: str | None) -> pd.DataFrame:
    """The spine chart as exported: each indicator's latest value for the area (its upper-tier
    authority's where only that is published), with its region's and England's values and the
    range across local authorities that the grey bar draws."""
    rows = spine.assign(region_name=region_name).reset_index(drop=True)
    out = exports.tidy(rows.rename(columns={"level": "geography_level"}))
    return pd.concat(
        [out, rows.reindex(columns=list(SPINE_COLUMNS)).rename(columns=SPINE_COLUMNS)], axis=1
    )


def chart_rows(frame: pd.DataFrame, meta: pd.Series) -> pd.DataFrame:
    """A trend chart as a table to read beside it: one row per period, one column per line, the
    values as published (with units), so the chart is usable without seeing it."""
    from atlas.text.formatting import shown

    unit, dec = meta["unit"], int(meta["decimals"])
    if "facet" in frame:  # small multiples: each area's own line, England once
        frame = frame.assign(
            series=frame["series"].where(frame["series"] == "England", frame["facet"])
        )
    rows = frame.assign(
        text=[shown(v, s, unit, dec) for v, s in zip(frame["value"], frame["status"], strict=True)]
    )
    wide = rows.pivot_table(
        index=["year", "period"], columns="series", values="text", aggfunc="first", sort=False
    )
    order = list(dict.fromkeys(rows["series"]))
    return wide.reindex(columns=order).sort_index().reset_index().drop(columns="year")


def spine_rows(spine: pd.DataFrame) -> pd.DataFrame:
    """The spine chart as a table to read beside it: value, England, region, comparison, range."""
    from atlas.text.formatting import fmt

    def f(col: str) -> list[str]:
        return [
            fmt(v, u, d) if pd.notna(v) else ""
            for v, u, d in zip(spine[col], spine["unit"], spine["decimals"], strict=True)
        ]

    return pd.DataFrame(
        {
            "Indicator": spine["title"],
            "Period": spine["period"],
            "Value": spine["shown"],
            "England": f("england"),
            "Region": f("region"),
            "Compared with England": spine["comparison"],
            "Lowest area": f("min"),
            "Highest area": f("max"),
        }
    )
