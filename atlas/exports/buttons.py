"""Download buttons for any view: CSV, Excel, datapackage.json and a zip of CSV + descriptor.

The files are generated only when a button is clicked (Streamlit runs the callable then), so a
page with downloads costs nothing extra to draw, and ``on_click="ignore"`` means a download never
reruns the page. The conversions themselves live in ``atlas.exports`` (no Streamlit there).
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Sequence

import duckdb
import pandas as pd
import streamlit as st

from atlas.data import db
from atlas.exports import files as exports

Frame = pd.DataFrame | Callable[[], pd.DataFrame]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@functools.cache
def _manifest(mtime_ns: int) -> list[dict[str, str]]:
    return exports.load_sources()


def _reader() -> duckdb.DuckDBPyConnection:
    """A cursor of its own for a download thread, on the app's connection to the current build
    (a connection opened by path could be handed a replaced warehouse DuckDB still holds open)."""
    return db.connection().cursor()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-") or "civic-atlas"


def export_frame(
    indicators: Sequence[str], areas: Sequence[str] = (), level: str = ""
) -> Callable[[], pd.DataFrame]:
    """A deferred tidy export (indicator x area x period) for ``offer_downloads``."""

    def load() -> pd.DataFrame:
        with _reader() as con:
            return exports.tidy(
                db.run(
                    "export_values",
                    con,
                    indicators=list(indicators),
                    areas=list(areas),
                    level=level,
                )
            )

    return load


class _Pack:
    """Builds the CSV and descriptor once, on the first click, for all four buttons."""

    def __init__(
        self,
        df: Frame,
        name: str,
        title: str,
        description: str,
        primary_key: list[str] | None,
        indicators: Sequence[str] | None,
    ) -> None:
        self.df, self.name, self.title, self.description = df, name, title, description
        self.primary_key, self.indicators = primary_key, list(indicators or [])
        # A frame drawn on the page came from the build it was drawn with; a deferred one is read
        # when clicked, from the build on disk then.
        self.build = None if callable(df) else db.version()
        self._lock, self._done = threading.Lock(), None

    def get(self) -> tuple[pd.DataFrame, bytes, dict]:
        with self._lock:
            if self._done is None:
                build = self.build or db.version()
                frame = self.df() if callable(self.df) else self.df
                frame = exports.numbers_as_numbers(frame)  # "+3.57" is a number, not text
                meta = []
                ids = self.indicators or (
                    sorted(frame["indicator_id"].dropna().unique())
                    if "indicator_id" in frame
                    else []
                )
                if ids:
                    with _reader() as con:
                        meta = db.run("export_indicators", con, indicators=list(ids))
                    meta = [
                        {k: (None if pd.isna(v) else v) for k, v in r.items()}
                        for r in meta.to_dict("records")
                    ]
                files = set(frame["source_file"].dropna()) if "source_file" in frame else set()
                files |= {m["source_file"] for m in meta if m.get("source_file")}
                data = exports.to_safe_csv(frame)
                descriptor = exports.datapackage(
                    frame,
                    name=self.name,
                    title=self.title,
                    description=self.description,
                    sources=exports.sources_for(
                        files, _manifest(exports.MANIFEST.stat().st_mtime_ns)
                    ),
                    data_version=build,
                    data_bytes=data,
                    primary_key=self.primary_key,
                    indicators=meta or None,
                )
                self._done = (frame, data, descriptor)
            return self._done

    def csv(self) -> bytes:
        return self.get()[1]

    def json(self) -> bytes:
        return exports.to_json(self.get()[2])

    def zip(self) -> bytes:
        _, data, descriptor = self.get()
        return exports.zip_bundle(data, descriptor)

    def xlsx(self) -> bytes:
        frame, _, descriptor = self.get()
        return exports.to_xlsx(frame, exports.readme(descriptor))


def offer_downloads(
    df: Frame,
    name: str,
    title: str,
    *,
    description: str = "",
    primary_key: list[str] | None = None,
    indicators: Sequence[str] | None = None,
    key: str | None = None,
) -> None:
    """Render CSV / Excel / datapackage.json / zip download buttons for ``df``.

    ``df`` is a DataFrame or a no-argument callable returning one (evaluated on the first click).
    ``name`` becomes the file stem (slugged); ``title`` heads the descriptor and the Excel README.
    ``indicators`` (ids) adds their definitions, sources and attribution to the descriptor when the
    frame has no ``indicator_id`` / ``source_file`` columns of its own. ``primary_key`` defaults to
    indicator_id, area_code, period when those columns exist. ``key`` must be unique on the page
    when the same ``name`` is offered twice.
    """
    stem = slug(name)
    pack = _Pack(df, stem, title, description, primary_key, indicators)
    base = key or f"dl_{stem}"
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            "CSV",
            pack.csv,
            file_name=f"{stem}.csv",
            mime="text/csv",
            on_click="ignore",
            key=f"{base}_csv",
            icon=":material/download:",
            help="Comma-separated values, UTF-8; text cells starting with = + - @ are prefixed with '",
        )
        st.download_button(
            "Excel",
            pack.xlsx,
            file_name=f"{stem}.xlsx",
            mime=XLSX,
            on_click="ignore",
            key=f"{base}_xlsx",
            icon=":material/table:",
            help="A data sheet and a README sheet with sources, licence and definitions",
        )
        st.download_button(
            "datapackage.json",
            pack.json,
            file_name=f"{stem}.datapackage.json",
            mime="application/json",
            on_click="ignore",
            key=f"{base}_json",
            icon=":material/description:",
            help="Frictionless Data Package: fields, sources, licence, build fingerprint, sha256 of the CSV",
        )
        st.download_button(
            "CSV + metadata (zip)",
            pack.zip,
            file_name=f"{stem}.zip",
            mime="application/zip",
            on_click="ignore",
            key=f"{base}_zip",
            icon=":material/folder_zip:",
        )


def offer_pictures(
    picture: object, name: str, title: str, source: str, *, key: str | None = None
) -> None:
    """PNG and SVG download buttons for a plotly figure or a map spec (a dict with 'areas'), with
    ``title``, the ``source`` line and today's date burned in. Rendered on the click, offline."""
    from atlas.exports import pictures

    stem, base = slug(name), key or f"pic_{slug(name)}"
    if isinstance(picture, dict) and "areas" in picture:
        png = functools.partial(pictures.map_png, picture, source)
        svg = functools.partial(lambda s, src: pictures.map_svg(s, src).encode(), picture, source)
    else:
        png = functools.partial(pictures.chart_image, picture, title, source, "png")
        svg = functools.partial(pictures.chart_image, picture, title, source, "svg")
    with st.container(horizontal=True, gap="small"):
        for label, data, mime in (("PNG", png, "image/png"), ("SVG", svg, "image/svg+xml")):
            st.download_button(
                f"Picture ({label})",
                data,
                file_name=f"{stem}.{label.lower()}",
                mime=mime,
                on_click="ignore",
                key=f"{base}_{label.lower()}",
                icon=":material/image:",
                help="The chart with its title, source and today's date, for slides and reports",
            )


def indicator_source(meta) -> str:
    """The source line of one indicator's picture: its publisher and the publication's title."""
    return f"Source: {meta['publisher']}, {meta['source_title']}"


def publishers_source(metas: pd.DataFrame) -> str:
    """The source line of a picture of several indicators: each publisher once, in order."""
    names = list(dict.fromkeys(metas["publisher"].dropna()))
    return ("Sources: " if len(names) > 1 else "Source: ") + "; ".join(names)


def manifest_source(file: str) -> str:
    """The source line of a picture drawn from one raw file, from its manifest row
    (``data/sources.csv``): publisher and title."""
    rows = _manifest(exports.MANIFEST.stat().st_mtime_ns)
    row = next((r for r in rows if r["file"] == file), None)
    return f"Source: {row['publisher']}, {row['title']}" if row else f"Source: {file}"


def offer_indicator_pictures(
    picture: object,
    name: str,
    meta,
    where: str = "",
    *,
    title: str | None = None,
    note: str = "",
    key: str | None = None,
) -> None:
    """``offer_pictures`` for a chart or map of one indicator: its title (and ``where``) on top,
    unless ``title`` is given; its publisher and source title as the source line, then ``note``
    (e.g. the method that drew the chart)."""
    title = title or str(meta["title"]) + (f", {where}" if where else "")
    source = indicator_source(meta) + (f"; {note}" if note else "")
    offer_pictures(picture, name, title, source, key=key)
