"""Each presentation story as one self-contained HTML file: the fallback that needs nothing.

``python -m pipelines stories --out DIR`` (``make stories``) writes ``DIR/<story>.html``: every
slide's title, caption, chart (plotly.js inlined, nothing fetched), reading and the chart's rows as a
table, built from the warehouse exactly as the live slides are (same figures, same words). It
opens from a USB stick in any browser with the network off; arrow keys, PageUp/PageDown and the
buttons move between slides. Nothing in the file is fetched at load time.
"""

from __future__ import annotations

import html
import time
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from atlas.ui import story as S

STYLE = """
body { font-family: "Source Sans Pro", "Segoe UI", Arial, sans-serif; margin: 0; color: #111; }
header { display: flex; gap: 1rem; align-items: center; padding: .6rem 1.5rem;
  border-bottom: 1px solid #ddd; }
header button { font-size: 1rem; padding: .35rem .9rem; }
.slide { display: none; grid-template-columns: minmax(220px, 1fr) 2.6fr; gap: 1.5rem;
  padding: 1rem 1.5rem; }
.slide.on { display: grid; }
.slide h2 { font-size: 1.9rem; margin: .2rem 0 .6rem 0; line-height: 1.15; }
.slide .caption { font-size: 1.2rem; line-height: 1.4; }
.reading { margin: .2rem 0 .6rem 0; }
details { margin-top: .6rem; } table { border-collapse: collapse; font-size: .85rem; }
td, th { border: 1px solid #ccc; padding: .2rem .45rem; text-align: left; }
@media print { .slide { display: grid; page-break-after: always; } header { display: none; } }
"""
KEYS = """
const slides = [...document.querySelectorAll('.slide')];
let at = 0;
function show(i) {
  at = Math.max(0, Math.min(slides.length - 1, i));
  slides.forEach((s, j) => s.classList.toggle('on', j === at));
  document.getElementById('count').textContent = `${at + 1} / ${slides.length}`;
  slides[at].querySelectorAll('.chart').forEach(g => {
    if (g.dataset.drawn) return;
    const spec = JSON.parse(document.getElementById(g.id + '-spec').textContent);
    spec.layout.height = Math.min(spec.layout.height || 460, window.innerHeight - 180);
    Plotly.newPlot(g, spec.data, spec.layout, {displaylogo: false, responsive: true});
    g.dataset.drawn = '1';
  });
  history.replaceState(null, '', `#${at + 1}`);
}
document.addEventListener('keydown', e => {
  if (['ArrowRight', 'PageDown', ' '].includes(e.key)) { e.preventDefault(); show(at + 1); }
  if (['ArrowLeft', 'PageUp'].includes(e.key)) { e.preventDefault(); show(at - 1); }
});
document.getElementById('prev').onclick = () => show(at - 1);
document.getElementById('next').onclick = () => show(at + 1);
show((parseInt(location.hash.slice(1)) || 1) - 1);
"""


def _table(frame: pd.DataFrame | None, what: str) -> str:
    if frame is None or frame.empty:
        return ""
    return (
        f"<details><summary>The {what} as a table</summary>"
        + frame.to_html(index=False, escape=True, na_rep="", border=0)
        + "</details>"
    )


def _figure(fig: go.Figure | dict | None, div: str) -> str:
    """A chart drawn when its slide is first shown (a map drawn while hidden has no size)."""
    if fig is None:
        return ""
    if isinstance(fig, dict):  # a map spec: drawn as SVG (maplibre needs a worker file:// refuses)
        from atlas.exports.svg_map import svg_map

        return f'<div class="map">{svg_map(fig)}</div>'
    spec = go.Figure(fig).to_json().replace("</", "<\\/")
    return (
        f'<div class="chart" id="{div}"></div>'
        f'<script type="application/json" id="{div}-spec">{spec}</script>'
    )


def _md(text: str) -> str:
    """The little markdown slides use (**bold**), escaped."""
    import re

    text = re.sub(r"\\(.)", r"\1", text)  # markdown escapes (atlas.data.partnerships.md)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", html.escape(text))
    return text.replace("  \n", "<br>")


def slide_parts(view: S.View) -> tuple[go.Figure | None, str, pd.DataFrame | None]:
    """(figure, reading, table) for a story view, from the same functions as the live slide."""
    from atlas.ui import slides

    return slides.parts(view.page, dict(view.params))


def story_html(name: str) -> str:
    from atlas.data.db import query
    from atlas.text import captions

    views = S.load(name)
    sections = []
    for i, view in enumerate(views, 1):
        fig, reading, table = slide_parts(view)
        sections.append(
            f'<section class="slide" id="slide-{i}" aria-label="Slide {i}">'
            f'<div><h2>{html.escape(view.title)}</h2><p class="caption">{html.escape(captions.fill(view.caption, query))}</p>'
            f"</div><div>"
            + (f'<p class="reading">{_md(reading)}</p>' if reading else "")
            + _figure(fig, f"chart-{i}")
            + _table(table, "chart" if fig is not None else "slide")
            + "</div></section>"
        )
    title = f"Civic Atlas — {S.title_of(name)}"
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{STYLE}</style><script>{get_plotlyjs()}</script></head><body>"
        f'<header><button id="prev">Previous</button><span id="count"></span>'
        f'<button id="next">Next</button><b>{html.escape(title)}</b>'
        "<small>Offline copy: keys → / PageDown next, ← / PageUp previous.</small></header>"
        f"<main>{''.join(sections)}</main><script>{KEYS}</script></body></html>"
    )


def write_stories(out: Path, names: list[str] | None = None) -> list[tuple[Path, int, float]]:
    """Write ``out/<story>.html`` for each story; returns (path, bytes, seconds)."""
    from streamlit import logger

    logger.set_log_level("error")  # no "bare mode" warnings: there is no app here on purpose
    out.mkdir(parents=True, exist_ok=True)
    done = []
    for name in names or S.names():
        t0 = time.perf_counter()
        path = out / f"{name}.html"
        path.write_text(story_html(name), encoding="utf-8")
        done.append((path, path.stat().st_size, time.perf_counter() - t0))
    return done
