"""The layouts of the raw files a refresh can replace, and one tidy shape to compare them in.

Each kind is a file layout as stored in ``data/raw`` (the one its staging model reads). ``tidy``
turns any of them into ``series, area_code, area_name, period, value, unit`` so that the drift
checks and the changelog are written once for every publisher.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class Kind:
    name: str
    words: str  # what a person calls this kind of file
    columns: tuple[str, ...]  # the stored layout's header, in order
    series: tuple[str, ...]  # the columns that name one series
    area: str
    area_name: str
    period: str
    value: str
    unit: str | None = None
    nulls: tuple[str, ...] = ("",)


ELS = Kind(
    "ons_els",
    "ONS Explore Local Statistics CSV",
    (
        "areacd",
        "areanm",
        "geography",
        "indicator",
        "period",
        "observation",
        "measure",
        "unit",
        "lci_95",
        "uci_95",
        "status",
        "notes",
    ),  # fmt: skip
    ("indicator",),
    "areacd",
    "areanm",
    "period",
    "observation",
    "unit",
)
LAIT = Kind(
    "dfe_lait",
    "DfE Local Authority Interactive Tool (LAIT) long CSV",
    (
        "topic",
        "measure_code",
        "time_period_label",
        "geographic_level",
        "old_la_code",
        "new_la_code",
        "la_name",
        "region_name",
        "value",
        "value_note",
    ),  # fmt: skip
    ("measure_code",),
    "new_la_code",
    "la_name",
    "time_period_label",
    "value",
)
FINGERTIPS = Kind(
    "fingertips",
    "OHID Fingertips indicator CSV",
    (
        "area_code",
        "area_name",
        "area_type",
        "period",
        "indicator",
        "measure",
        "unit",
        "value",
        "compared_to_England",
        "inequality",
    ),  # fmt: skip
    ("indicator", "inequality"),
    "area_code",
    "area_name",
    "period",
    "value",
    "unit",
    ("", "NA"),
)
MYE = Kind(
    "ons_mye",
    "ONS mid-year population estimates (long CSV)",
    ("area_code", "area_name", "geography", "year", "population"),
    (),
    "area_code",
    "area_name",
    "year",
    "population",
)
KINDS = {k.name: k for k in (ELS, LAIT, FINGERTIPS, MYE)}
REVISION_TAG = re.compile(r"\s*\((?:Rev|Final|Prov|Provisional|Revised)\)\s*$", re.I)


def read_bytes(path: Path) -> bytes:
    """The file's CSV text as bytes, decompressed when it is gzip (by content, not by name)."""
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def read_csv(data: bytes) -> pd.DataFrame:
    """Every column as text, exactly as written (blank cells as '')."""
    return pd.read_csv(
        io.BytesIO(data), dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8"
    )


def header(data: bytes) -> list[str]:
    """The column names of the first line (a UTF-8 byte-order mark is ignored)."""
    first = data.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace").strip()
    return [c.strip() for c in next(csv.reader([first]), [])]


def tidy(kind: Kind, frame: pd.DataFrame) -> pd.DataFrame:
    """One row per series x area x period: ``series, area_code, area_name, period, value, unit``."""
    series = (
        frame[list(kind.series)].astype(str).agg(" | ".join, axis=1)
        if kind.series
        else pd.Series(kind.value, index=frame.index)
    )
    raw = frame[kind.value].where(~frame[kind.value].isin(kind.nulls))
    if kind is LAIT:  # '-' in value_note: not published
        raw = raw.where(frame["value_note"].str.strip() != "-")
    period = frame[kind.period].astype(str).str.strip()
    if kind is LAIT:  # '2024 (Rev)' and '2024 (Prov)' are the same year
        period = period.str.replace(REVISION_TAG, "", regex=True)
    out = pd.DataFrame(
        {
            "series": series.str.strip(),
            "area_code": frame[kind.area].astype(str).str.strip(),
            "area_name": frame[kind.area_name].astype(str),
            "period": period,
            "value": pd.to_numeric(raw, errors="coerce"),
            "unit": frame[kind.unit].astype(str) if kind.unit else "",
        }
    )
    return out.drop_duplicates(["series", "area_code", "period"], keep="first")
