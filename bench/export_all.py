"""Whole-warehouse export and picture timings (issue 21): prints, never asserts.

    python bench/export_all.py

For each format of ``python -m pipelines export --all``: seconds in-process (from an open
connection), files, rows and bytes; the catalogue's zip; and one PNG of the map (cairosvg) and of a
chart (kaleido + chromium).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import duckdb  # noqa: E402

from atlas.data.sql import WAREHOUSE  # noqa: E402
from atlas.exports import warehouse as W  # noqa: E402


def main() -> None:
    con = duckdb.connect(str(WAREHOUSE), read_only=True)
    print(f"warehouse {WAREHOUSE.name}: {WAREHOUSE.stat().st_size / 1e6:.1f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in W.FORMATS:
            done = W.write(con, Path(tmp) / fmt, fmt)
            print(
                f"export --all --format {fmt:<8} {done['seconds']:5.1f} s  {done['tables']} files "
                f"{done['rows']:,} rows  {done['bytes'] / 1e6:5.1f} MB"
            )
    t0 = time.perf_counter()
    zipped = W.zip_all(con, "parquet")
    print(
        f"catalogue zip (parquet)      {time.perf_counter() - t0:5.1f} s  {len(zipped) / 1e6:5.1f} MB"
    )
    import plotly.graph_objects as go

    from atlas.exports import pictures

    fig = go.Figure(go.Scatter(x=list(range(10)), y=[v * v for v in range(10)]))
    t0 = time.perf_counter()
    png = pictures.chart_image(fig, "A chart", "Source: test")
    print(
        f"chart PNG (kaleido+chromium) {time.perf_counter() - t0:5.1f} s  {len(png) / 1e3:5.0f} kB"
    )


if __name__ == "__main__":
    main()
