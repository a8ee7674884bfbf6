"""The Fingertips-style spine chart: every indicator for one area against England's range.

Laid out for the screen it is shown on (``LAYOUTS``): on a page and on a slide the domains are
split between two panels side by side, each row's label abbreviated to fit its column (the full
name and period are in the tooltip and the table); on a phone each label sits above its bar, so
the bars keep the whole width. Sizes are set in pixels from the narrowest screen of each kind
(1024 px for a slide, 390 px for a phone), so labels never overprint bars or each other and values
are never clipped (``tests/test_browser_spine.py`` measures the rendered labels).

Colours are the map's judgement language (``atlas.charts.maps.JUDGEMENT``): blue better, yellow
similar, orange worse where a 95% interval is published; grey "not tested" where none is (the
dot's side of the England line says higher or lower; the tooltip says it in words); white: not
compared. England is a black line, distinct from orange under red-green colour blindness.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from atlas.charts.maps import JUDGEMENT, UNTESTED
from atlas.charts.spine_traces import (  # noqa: F401 (names other modules use)
    CMP_COLOURS_LEGEND,
    ENGLAND_LINE,
    LAYOUTS,
    NOT_COMPARED,
    Layout,
    bars,
    layout,
    marks,
    words,
)
from atlas.charts.trend import figure
from atlas.data.areas import DOMAINS
from atlas.text import comparison as C
from atlas.text.formatting import fmt


def spine(
    frame: pd.DataFrame, area_name: str, region_name: str | None, layout: str = "page"
) -> go.Figure:
    """The spine chart, laid out once per (frame, names, layout), then rebuilt from its spec."""
    return figure(_spine_spec(frame, area_name, region_name, layout))


@st.cache_data(max_entries=256, show_spinner=False)
def _spine_spec(frame: pd.DataFrame, area_name: str, region_name: str | None, layout: str) -> dict:
    return _spine(frame, area_name, region_name, LAYOUTS[layout]).to_plotly_json()


def _spine(frame: pd.DataFrame, area_name: str, region_name: str | None, lay: Layout) -> go.Figure:
    """One row per indicator, England in the middle, better to the right; grey bars: the England
    range of LA values (lightest min–max, darker 25th–75th percentile); dot: the area, coloured
    by comparison with England; diamond: the region (or nation)."""
    rows = _panels(_rows(frame, area_name, region_name), lay.panels)
    cols = _columns(rows, lay)
    rows = [
        {**r, "short": r["label"] if r["head"] else _short(r["label"], cols["chars"])} for r in rows
    ]
    traces = (
        bars(rows, lay.stacked) + marks(rows, area_name, region_name, lay) + words(rows, cols, lay)
    )
    return figure({"data": traces, "layout": layout(rows, cols, area_name, lay)})


# ---- rows: one per indicator, a bold one per domain ---------------------------------------------
def _pos(v: float, centre: float, ext: float, flip: bool) -> float:
    p = 0.5 + 0.5 * (v - centre) / ext
    return 1 - p if flip else p


def _dot_class(r) -> str:
    if r.comparison == C.NONE:
        return NOT_COMPARED
    if pd.isna(r.lower_ci) or pd.isna(r.upper_ci):
        return UNTESTED  # higher or lower only: no interval, no test
    return r.comparison if r.comparison in JUDGEMENT else C.SIMILAR  # (neutral: no such row)


def _hover(r, area_name: str, region_name: str | None) -> str:
    eng = fmt(r.england, r.unit, r.decimals)
    region = fmt(r.region, r.unit, r.decimals) if pd.notna(r.region) else None
    has_ci = pd.notna(r.lower_ci) and pd.notna(r.upper_ci)
    return (
        f"<b>{r.title}</b> ({r.period})"
        + (f"<br>{r.indicator_title}" if r.indicator_title != r.title else "")
        + f"<br>{area_name}: {r.shown}"
        + (f" ({r.note})" if r.note else "")
        + f"<br>England: {eng}"
        + (f"<br>{region_name}: {region}" if region and region_name else "")
        + f"<br>{C.worded(r.comparison, has_ci)}<br>England range of {r.n} areas: "
        f"{fmt(r.min, r.unit, r.decimals)} to {fmt(r.max, r.unit, r.decimals)}"
    )


def _rows(frame: pd.DataFrame, area_name: str, region_name: str | None) -> list[dict]:
    rows = []
    for domain, part in frame.groupby("domain", sort=False):
        rows.append({"head": True, "label": DOMAINS.get(domain, domain), "domain": domain})
        for r in part.itertuples():
            # England in the middle, unless it is not on the LA scale (a total such as population)
            usable = pd.notna(r.england) and r.min <= r.england <= r.max and r.unit != "count"
            centre = r.england if usable else r.median
            ext = max(abs(r.max - centre), abs(centre - r.min), 1e-9)
            flip = r.polarity == "lower_better"
            p = {
                k: _pos(getattr(r, k), centre, ext, flip) if pd.notna(getattr(r, k)) else np.nan
                for k in ("min", "q25", "q75", "max", "value", "region")
            }
            rows.append(
                {
                    "head": False,
                    "domain": domain,
                    "label": r.title,
                    **{"lo": min(p["min"], p["max"]), "hi": max(p["min"], p["max"])},
                    **{"q_lo": min(p["q25"], p["q75"]), "q_hi": max(p["q25"], p["q75"])},
                    "area": p["value"],
                    "region": p["region"] if -0.05 <= p["region"] <= 1.05 else np.nan,
                    "cls": _dot_class(r),
                    "value": r.shown,
                    "hover": _hover(r, area_name, region_name),
                }
            )
    return rows


def _panels(rows: list[dict], n: int) -> list[dict]:
    """Split whole domains between ``n`` panels, about the same number of rows in each; give each
    row its panel and its y (the top row of every panel at the same height)."""
    per = -(-len(rows) // n)
    panel, count, out = 0, 0, []
    for r in rows:
        if r["head"] and count and count + _domain_len(rows, r) > per + 2 and panel < n - 1:
            panel, count = panel + 1, 0
        out.append({**r, "panel": panel, "slot": count})
        count += 1
    tall = max(r["slot"] for r in out) + 1
    return [{**r, "y": tall - 1 - r["slot"], "tall": tall} for r in out]


def _domain_len(rows: list[dict], head: dict) -> int:
    return sum(1 for r in rows if r["domain"] == head["domain"])


# ---- columns: label, bar and value, sized in pixels ---------------------------------------------
def _columns(rows: list[dict], lay: Layout) -> dict:
    """Where the label, bar and value columns sit on a panel's x axis (the bar spans 0 to 1)."""
    char = 0.52 * lay.font  # px per character, generous for Source Sans (about 0.47)
    widest = max((len(str(r["value"])) for r in rows if not r["head"]), default=4)
    value_px = widest * char + 12
    label_px = 0 if lay.stacked else 0.45 * lay.panel_px
    bar_px = lay.panel_px - label_px - value_px
    chars = int(((lay.panel_px - value_px) if lay.stacked else label_px - 10) / char)
    return {
        "chars": chars,
        "left": -(label_px / bar_px) - 0.02,
        "right": 1 + value_px / bar_px,
        "label_x": -(label_px / bar_px),
        "bar_px": bar_px,
    }


def _short(text: str, chars: int) -> str:
    """The label cut at a word to fit its column, with an ellipsis, keeping a closing
    "(FSM)"-like qualifier so two rows never read alike; whole if it fits."""
    if len(text) <= chars:
        return text
    head, tail = text, ""
    if text.endswith(")") and " (" in text and len(text.rsplit(" (", 1)[1]) < chars / 2:
        head, tail = text.rsplit(" (", 1)
        tail = " (" + tail
    room = max(chars - len(tail) - 1, 3)
    cut = head[:room].rsplit(" ", 1)[0] if " " in head[:room] else head[:room]
    cut = cut if len(cut) >= 0.6 * room else head[:room]  # "No qualificati…", never "No…"
    return cut.rstrip(" ,(:") + "…" + tail
