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

import contextlib
import datetime as dt
import html
import re
import textwrap
from collections.abc import Iterator

import plotly.graph_objects as go

from atlas.exports.svg_map import svg_map

WIDTH, HEIGHT, SCALE = 1000, 600, 2  # PNG: 2000 x 1200 pixels by default
TITLE_ROOM, FOOTER_CHARS = 960, 140  # px for the title, characters of source on a line
LEGEND_ROOM = 160  # the legend's long labels run past the live map's 1000 units
FONT = "DejaVu Sans, Source Sans Pro, Arial, sans-serif"
KALEIDO = {"mathjax": False}  # MathJax off: kaleido's default would fetch it from a CDN
_session = {"open": False}  # True inside ``one_browser``


def today() -> str:
    return dt.date.today().strftime("%-d %B %Y")


def footer(source: str, when: str | None = None) -> str:
    """The line burned in under every picture."""
    return f"{source} · Civic Atlas, {when or today()}"


# ---------------------------------------------------------------------------------- charts
def heading(title: str, source: str, when: str | None = None) -> tuple[int, str, int]:
    """The title's font size (18 px, smaller for a long title so it stays on one line), the source
    line as plotly text wrapped to the picture's width (a long list of publishers runs to two
    lines), and the extra height the wrapped lines need."""
    size = max(12, min(18, int(TITLE_ROOM / (0.56 * max(len(title), 1)))))
    foot = textwrap.wrap(footer(source, when), FOOTER_CHARS) or [""]
    return size, "<br>".join(map(html.escape, foot)), 16 * (len(foot) - 1)


def stamped(fig: go.Figure, title: str, source: str, when: str | None = None) -> go.Figure:
    """A copy of ``fig`` with ``title`` on top and the source line and date as its subtitle (above
    the plot, where no legend or axis title can cover it), its axes' labels kept inside."""
    out = go.Figure(fig)
    margin = out.layout.margin
    size, foot, extra = heading(title, source, when)
    out.update_layout(
        title={
            "text": html.escape(title),
            "x": 0.01,
            "xanchor": "left",
            "y": 0.985,
            "yanchor": "top",
            "font": {"size": size, "color": "#111111"},
            "subtitle": {"text": foot, "font": {"size": 12, "color": "#444444"}},
        },
        margin={
            "t": max((margin.t or 0) + 40, 100) + extra,
            "b": margin.b,
            "l": margin.l,
            "r": margin.r,
        },
        paper_bgcolor="white",
    )
    out.update_xaxes(automargin=True)  # the page's narrow margins cut tick labels off a picture
    out.update_yaxes(automargin=True)
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
    height = height or int(fig.layout.height or HEIGHT) + 120 + heading(title, source, when)[2]
    fig = stamped(fig, title, source, when)
    opts = {"format": fmt, "width": width, "height": height, "scale": SCALE if fmt == "png" else 1}
    if _session["open"]:  # the browser ``one_browser`` started
        return kaleido.calc_fig_sync(fig, opts=opts)
    return kaleido.calc_fig_sync(fig, opts=opts, kopts=dict(KALEIDO))


@contextlib.contextmanager
def one_browser() -> Iterator[None]:
    """Render every chart picture made inside the block in one chromium session (kaleido's sync
    server), so chromium starts once (8-15 s here) rather than once a picture. For batches: tests
    and scripts. The app does not use it: kaleido's one server queue is not meant for the
    concurrent clicks of several sessions, and a picture is a rare, deliberate click."""
    import kaleido

    kaleido.start_sync_server(**KALEIDO, silence_warnings=True)
    _session["open"] = True
    try:
        yield
    finally:
        _session["open"] = False
        kaleido.stop_sync_server(silence_warnings=True)


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
