"""The spine chart's drawing: bars, dots, words and axes for rows laid out by ``atlas.charts.spine``.

Each panel has its own pair of axes; on every panel's x axis the England range spans 0 to 1 (England
at 0.5), the labels sit left of 0 (or above their bar on a phone) and the values right of 1, in
columns sized in pixels by ``spine._columns``. Rows are dicts: ``head`` (a domain title), ``label``,
``panel``, ``y``, and for indicators the bar ends, the dot's place and class, value and tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass

from atlas.charts.maps import JUDGEMENT
from atlas.charts.trend import FONT

NOT_COMPARED = "Not compared (a count, or no England value)"
#: every dot colour, as its legend entry says it
CMP_COLOURS_LEGEND = {**JUDGEMENT, NOT_COMPARED: "#ffffff"}
ENGLAND_LINE = "#000000"
RANGE, MIDDLE, INK = "#e4e4e4", "#b9b9b9", "#222222"


@dataclass(frozen=True)
class Layout:
    panels: int  # columns of domains side by side
    stacked: bool  # label above its bar (phone) rather than beside it
    panel_px: int  # the narrowest a panel is drawn (px): it sets the label and value columns
    font: int
    row_px: int  # height of one row (px)
    dot: int
    title: str  # what the title says after the area's name


LAYOUTS = {
    "page": Layout(
        2,
        False,
        520,
        12,
        21,
        11,
        "every indicator's latest value against the range "
        "of English local authorities (better to the right)",
    ),
    "slide": Layout(
        2,
        False,
        300,
        10,
        14,
        8,
        "each indicator against the range of English councils (better to the right)",
    ),
    "phone": Layout(
        1,
        True,
        330,
        12,
        36,
        10,
        "each indicator against<br>English councils' range (better to the right)",
    ),
}
GAP = 0.06  # between panels, as a share of the figure's width


def axis(i: int) -> tuple[str, str]:
    return ("x", "y") if i == 0 else (f"x{i + 1}", f"y{i + 1}")


def by_panel(rows: list[dict]):
    for i in sorted({r["panel"] for r in rows}):
        yield i, [r for r in rows if r["panel"] == i]


def bars(rows: list[dict], stacked: bool = False) -> list[dict]:
    """The England range (min–max) and its middle half, one pair of bar traces per panel."""
    out = []
    for i, part in by_panel(rows):
        xa, ya = axis(i)
        body = [r for r in part if not r["head"]]
        for lo, hi, colour, name in (
            ("lo", "hi", RANGE, "England range (lowest to highest)"),
            ("q_lo", "q_hi", MIDDLE, "Middle half of areas (25th–75th)"),
        ):
            out.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "xaxis": xa,
                    "yaxis": ya,
                    "y": [r["y"] for r in body],
                    "x": [r[hi] - r[lo] for r in body],
                    "base": [r[lo] for r in body],
                    "width": 0.4 if stacked else 0.62,
                    "marker": {"color": colour},
                    "hoverinfo": "skip",
                    "name": name,
                    "showlegend": i == 0,
                }
            )
    return out


def marks(rows: list[dict], area_name: str, region_name: str | None, lay: Layout) -> list[dict]:
    """The region's diamond and the area's dots, one trace per dot class (its legend entry)."""
    out = []
    for i, part in by_panel(rows):
        xa, ya = axis(i)
        body = [r for r in part if not r["head"]]
        if region_name:
            out.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "xaxis": xa,
                    "yaxis": ya,
                    "y": [r["y"] for r in body],
                    "x": [r["region"] for r in body],
                    "name": region_name,
                    "legendgroup": "region",
                    "showlegend": i == 0,
                    "hoverinfo": "skip",
                    "marker": {"symbol": "diamond-open", "size": lay.dot, "color": INK},
                }
            )
        for label, colour in CMP_COLOURS_LEGEND.items():
            dots = [r for r in body if r["cls"] == label]
            if not dots:
                continue
            shown = not any(t.get("name") == label for t in out)
            out.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "xaxis": xa,
                    "yaxis": ya,
                    "y": [r["y"] for r in dots],
                    "x": [r["area"] for r in dots],
                    "name": label,
                    "legendgroup": "area",
                    "showlegend": shown,
                    "hovertext": [r["hover"] for r in dots],
                    "hoverinfo": "text",
                    "marker": {
                        "size": lay.dot + 2,
                        "color": colour,
                        "line": {"color": INK, "width": 1},
                    },
                }
            )
    out.append(  # England: a legend entry for the black line drawn as a shape
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "lines",
            "name": "England",
            "line": {"color": ENGLAND_LINE, "width": 2},
            "hoverinfo": "skip",
        }
    )
    return out


def words(rows: list[dict], cols: dict, lay: Layout) -> list[dict]:
    """Labels (abbreviated, the full name in the tooltip), domain titles and values, as text."""
    out = []
    for i, part in by_panel(rows):
        xa, ya = axis(i)
        up = 0.5 if lay.stacked else 0  # on a phone the label sits above its bar
        x0 = 0 if lay.stacked else cols["label_x"]
        texts = [f"<b>{r['label']}</b>" if r["head"] else r["short"] for r in part]
        body = [r for r in part if not r["head"]]
        common = {"type": "scatter", "mode": "text", "xaxis": xa, "yaxis": ya, "showlegend": False}
        out.append(
            {
                **common,
                "name": "labels",
                "x": [x0] * len(part),
                "y": [r["y"] + (0 if r["head"] else up) for r in part],
                "text": texts,
                "textposition": "middle right",
                "hovertext": [r["label"] if r["head"] else r["hover"] for r in part],
                "hoverinfo": "text",
                "textfont": {"size": lay.font, "color": INK, "shadow": "0 0 3px #ffffff"},
            }
        )
        out.append(
            {
                **common,
                "name": "values",
                "x": [1.01] * len(body),
                "y": [r["y"] for r in body],
                "text": [r["value"] for r in body],
                "textposition": "middle right",
                "hoverinfo": "skip",
                "textfont": {"size": lay.font, "color": INK},
            }
        )
    return out


def _ticks(cols: dict, lay: Layout) -> dict:
    """England under its line; "worse"/"better" at the ends only where the bar has room for
    three words side by side (never rotated into the title)."""
    if cols["bar_px"] < 170:
        return {"tickvals": [0.5], "ticktext": ["England"], "tickangle": 0}
    ends = [0.12, 0.5, 0.88] if lay.stacked else [0.1, 0.5, 0.9]
    return {"tickvals": ends, "ticktext": ["◀ worse", "England", "better ▶"], "tickangle": 0}


def layout(rows: list[dict], cols: dict, area_name: str, lay: Layout) -> dict:
    """Axes per panel (same row height in each), England's line, title and legend."""
    tall = rows[0]["tall"]
    n = max(r["panel"] for r in rows) + 1
    keys = 4 + len({r["cls"] for r in rows if not r["head"]})  # legend entries (bars, diamond…)
    top = 58 + 20 * lay.title.count("<br>")
    bottom = 40 + (21 * keys if lay.stacked else 22 * 2)  # on a phone one entry a line
    out = {
        "height": int(top + bottom + tall * lay.row_px),
        "title": {
            "text": f"{area_name}: {lay.title}",
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 8},
            "font": {"size": lay.font + 3},
        },
        "font": {**FONT, "size": lay.font},
        "barmode": "overlay",
        "plot_bgcolor": "white",
        "margin": {"l": 6, "r": 6, "t": top, "b": bottom},
        "hoverlabel": {"align": "left"},
        "legend": {
            "orientation": "v" if lay.stacked else "h",
            "traceorder": "normal",
            "title": {"text": f"Dot: {area_name}. ", "side": "top" if lay.stacked else "top left"},
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            "x": 0,
            "font": {"size": lay.font},
        },
        "shapes": [],
        "meta": {
            "name": f"Spine chart: {area_name}, {lay.title.replace('<br>', ' ')}",
            "description": "One row per indicator, grouped by topic: the grey bar is the range "
            "of English councils, the black line England, the dot the area, coloured by its "
            "comparison with England. The same figures are in the table under the chart.",
        },
    }
    for i in range(n):
        _panel_axes(out, i, n, tall, cols, lay)
    return out


def _panel_axes(out: dict, i: int, n: int, tall: int, cols: dict, lay: Layout) -> None:
    """Panel ``i`` of ``n``: its x axis (label, bar and value columns), its y axis (rows at the
    same height in every panel) and England's line."""
    xa, ya = axis(i)
    x0 = i / n + (GAP / 2 if i else 0)
    x1 = (i + 1) / n - (GAP / 2 if i < n - 1 else 0)
    out[xa.replace("x", "xaxis")] = {
        "domain": [x0, x1],
        "anchor": ya,
        "range": [cols["left"], cols["right"]],
        "side": "top",
        **_ticks(cols, lay),
        "showgrid": False,
        "zeroline": False,
        "fixedrange": True,
    }
    out[ya.replace("y", "yaxis")] = {
        "anchor": xa,
        "range": [-0.6, tall - 0.4],
        "visible": False,
        "fixedrange": True,
    }
    out["shapes"].append(
        {
            "type": "line",
            "xref": xa,
            "yref": ya,
            "x0": 0.5,
            "x1": 0.5,
            "y0": -0.5,
            "y1": tall - 0.5,
            "line": {"color": ENGLAND_LINE, "width": 2},
        }
    )
