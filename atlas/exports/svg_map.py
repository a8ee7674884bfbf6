"""A map spec (``atlas.charts.maps.spec``) drawn as one static SVG, for files opened with no server.

The live map (``atlas.ui.mapview``) draws the same spec in the browser from the same projected paths
(``atlas.charts.map_paths``); this writes the drawing out: colours, fading, partnership outlines and
legend, framed on the focus areas, each shape's tooltip its hover text.
"""

from __future__ import annotations

import html

from atlas.charts.map_paths import paths


def _frame(areas: dict, codes: list[str]) -> tuple[float, float, float, float]:
    boxes = [areas[c]["b"] for c in codes if c in areas] or [a["b"] for a in areas.values()]
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    w, h = max(max(b[2] for b in boxes) - x0, 50), max(max(b[3] for b in boxes) - y0, 50)
    pad = 0.06 * max(w, h)
    return x0 - pad, y0 - pad, w + 2 * pad, h + 2 * pad


def svg_map(spec: dict, height: int = 520) -> str:
    """SVG of ``spec``: the map on the left, its legend on the right (plain SVG text)."""
    areas = paths(spec["level"])
    x, y, w, h = _frame(areas, spec["focus"])
    stroke = w / 1100  # about 0.6 px at the drawn size
    shapes = []
    for code, colour, opacity, tip in spec["areas"]:
        if code in areas:
            words = html.escape(" · ".join(t for t in tip if t))
            shapes.append(
                f'<path d="{areas[code]["d"]}" fill="{colour}" fill-opacity="{opacity}" '
                f'stroke="#8c8c8c" stroke-width="{stroke:.2f}"><title>{words}</title></path>'
            )
    for code, _ in spec.get("outline", []):
        if code in areas:
            shapes.append(
                f'<path d="{areas[code]["d"]}" fill="none" stroke="#111" '
                f'stroke-width="{3.5 * stroke:.2f}"/>'
            )
    legend = "".join(
        f'<rect x="0" y="{10 + 30 * i}" width="22" height="22" stroke="#777" fill="{colour}"/>'
        f'<text x="30" y="{27 + 30 * i}" font-size="16">{html.escape(label)}</text>'
        for i, (label, colour) in enumerate(spec["legend"])
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 1000 {height}" '
        f'width="100%"><title>Map: {html.escape(spec["title"])}</title>'
        f'<svg x="0" y="0" width="700" height="{height}" viewBox="{x:.0f} {y:.0f} {w:.0f} {h:.0f}">'
        f"<g>{''.join(shapes)}</g></svg>"
        f'<g transform="translate(710 0)">{legend}</g></svg>'
    )
