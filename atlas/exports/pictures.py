"""Pictures to download: PNG and SVG of any chart and of the map, with the title, the source line
and the date burned in, made offline.

- Charts (plotly figures): rendered by ``kaleido`` driving Debian's chromium, with plotly.js loaded
  from the plotly package on disk and MathJax switched off, so nothing is fetched.
- The map: the same spec the live map and the static SVG map draw (``atlas.charts.maps.spec`` ->
  ``atlas.exports.svg_map.svg_map``), framed with a title and source line, and turned into PNG by
  ``cairosvg`` (no browser).

No Streamlit here; ``atlas.exports.buttons.offer_pictures`` puts the buttons on a page.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import plotly.graph_objects as go

from atlas.exports.svg_map import svg_map

WIDTH, HEIGHT, SCALE = 1000, 600, 2  # PNG: 2000 x 1200 pixels by default
LEGEND_ROOM = 160  # the legend's long labels run past the live map's 1000 units
FONT = "DejaVu Sans, Source Sans Pro, Arial, sans-serif"


def today() -> str:
    return dt.date.today().strftime("%-d %B %Y")


def footer(source: str, when: str | None = None) -> str:
    """The line burned in under every picture."""
    return f"{source} · Civic Atlas, {when or today()}"


# ---------------------------------------------------------------------------------- charts
def stamped(fig: go.Figure, title: str, source: str, when: str | None = None) -> go.Figure:
    """A copy of ``fig`` with ``title`` on top and the source line and date as its subtitle (above
    the plot, where no legend or axis title can cover it)."""
    out = go.Figure(fig)
    margin = out.layout.margin
    out.update_layout(
        title={
            "text": html.escape(title),
            "x": 0.01,
            "xanchor": "left",
            "y": 0.985,
            "yanchor": "top",
            "font": {"size": 18, "color": "#111111"},
            "subtitle": {
                "text": html.escape(footer(source, when)),
                "font": {"size": 12, "color": "#444444"},
            },
        },
        margin={"t": max(margin.t or 0, 0) + 80, "b": margin.b, "l": margin.l, "r": margin.r},
        paper_bgcolor="white",
    )
    return out


def chart_image(
    fig: go.Figure,
    title: str,
    source: str,
    fmt: str = "png",
    *,
    when: str | None = None,
    width: int = WIDTH,
    height: int | None = None,
) -> bytes:
    """PNG or SVG bytes of a stamped chart, rendered offline by kaleido + chromium."""
    import kaleido  # imported here: only a picture download starts the browser

    if fmt not in ("png", "svg"):
        raise ValueError(f"unknown picture format {fmt!r}; use png or svg")
    fig = stamped(fig, title, source, when)
    height = height or int(fig.layout.height or HEIGHT) + 120
    opts = {"format": fmt, "width": width, "height": height, "scale": SCALE if fmt == "png" else 1}
    return kaleido.calc_fig_sync(fig, opts=opts, kopts={"mathjax": False})


# ---------------------------------------------------------------------------------- the map
def map_svg(spec: dict, source: str, when: str | None = None, height: int = 520) -> str:
    """The static SVG map of ``spec`` with its title above and the source line and date below, at a
    fixed size (1000 px wide) so it opens the same everywhere."""
    inner = svg_map(spec, height=height)
    inner = re.sub(r'^<svg xmlns="http://www.w3.org/2000/svg" role="img" ', "<svg ", inner, count=1)
    inner = inner.replace(
        'width="100%"', f'x="0" y="50" width="1000" height="{height}" overflow="visible"', 1
    )
    total, wide = height + 90, 1000 + LEGEND_ROOM
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{wide}" height="{total}" '
        f'viewBox="0 0 {wide} {total}" font-family="{FONT}">'
        f'<rect width="{wide}" height="{total}" fill="white"/>'
        f'<text x="12" y="32" font-size="20" font-weight="bold">{html.escape(spec["title"])}</text>'
        f"{inner}"
        f'<text x="12" y="{total - 14}" font-size="12" fill="#444">'
        f"{html.escape(footer(source, when))}</text></svg>"
    )


def map_png(spec: dict, source: str, when: str | None = None, scale: int = SCALE) -> bytes:
    """The same picture as ``map_svg`` as PNG (cairosvg; no browser)."""
    import cairosvg  # imported here: only a picture download needs cairo

    svg = map_svg(spec, source, when)
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)
