"""Exports that researchers can trust: safe CSV, Excel, and (from ``atlas.datapackage``) a
Frictionless Data Package descriptor.

Pure functions of DataFrames (no Streamlit), shared by the pages (through ``atlas.downloads``) and
the command line (``python -m pipelines export``). Every exported number carries the file and the
measure it came from (``source_file``, ``source_measure``), and the descriptor names the publisher,
licence and the warehouse build it was taken from.
"""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd

from atlas.exports.datapackage import (  # noqa: F401 (the descriptor API is part of this module's API)
    ATTRIBUTION,
    EXPORT_KEY,
    FIELD_DOCS,
    FIELD_TYPES,
    MANIFEST,
    OGL,
    datapackage,
    load_sources,
    readme,
    schema_for,
    sources_for,
    to_json,
    validate_datapackage,
    zip_bundle,
)

#: Column order of the tidy export (one row per indicator x area x period).
EXPORT_COLUMNS = [
    "indicator_id",
    "indicator_title",
    "area_code",
    "area_name",
    "geography_level",
    "period",
    "year",
    "value",
    "unit",
    "lower_ci",
    "upper_ci",
    "status",
    "source_file",
    "source_measure",
    "note",
]


_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
#: a number a table shows as signed or decimal text ("+3.57", "-0.82", "0.480", "−1.2")
_NUMBER_TEXT = r"^[+\-\u2212]?\d+(?:\.\d+)?$"


# ---------------------------------------------------------------------------------- tidy frame
def tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """The export columns in their fixed order, with stable dtypes (missing columns become empty)."""
    out = frame.reindex(columns=EXPORT_COLUMNS).copy()
    for col in ("value", "lower_ci", "upper_ci"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    out["year"] = pd.to_numeric(out["year"], errors="coerce").astype("Int64")
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------------- numbers
def numbers_as_numbers(df: pd.DataFrame) -> pd.DataFrame:
    """Text columns that only hold signed or decimal numbers ("+3.57", "-0.82", "0.048"), as a
    table formats them for reading, become float columns, so pandas, R and Excel read numbers and
    the formula guard (``neutralise``) never turns a minus sign into text. A column with any other
    text, or with whole numbers only (codes, years, "2023"), is left as it is."""
    out = df
    for col in df.columns:
        values = df[col]
        if not (
            pd.api.types.is_object_dtype(values.dtype) or pd.api.types.is_string_dtype(values.dtype)
        ):
            continue
        text = values[[isinstance(v, str) and v.strip() != "" for v in values]]
        if text.empty or len(text) < values.notna().sum() - (values == "").sum():
            continue  # not every filled cell is text
        stripped = text.str.strip()
        if not stripped.str.fullmatch(_NUMBER_TEXT).all():
            continue
        if not stripped.str.contains(r"[+\-\u2212.]").any():
            continue
        out = out.copy() if out is df else out
        number = stripped.str.replace("\u2212", "-", regex=False).str.lstrip("+").astype(float)
        out[col] = number.reindex(values.index).astype("float64")
    return out


# ---------------------------------------------------------------------------------- CSV
def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """Prefix dangerous text cells with an apostrophe (OWASP CSV injection); numbers untouched."""
    out = df.copy()
    for col in out.columns:
        dtype = out[col].dtype
        if not (pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)):
            continue
        values = out[col]
        if isinstance(dtype, pd.StringDtype):  # every cell is text or missing
            is_text = values.notna()
        else:  # object columns may mix text with numbers, lists…: only text is touched
            is_text = (
                values.map(lambda v: isinstance(v, str), na_action="ignore")
                .fillna(False)
                .astype(bool)
            )
        risky = is_text & values.where(is_text, "").astype(str).str.startswith(_DANGEROUS)
        if risky.any():
            out[col] = values.astype(object).where(
                ~risky, "'" + values.where(risky, "").astype(str)
            )
    return out


def _listlike(value: object) -> bool:
    return isinstance(value, list | tuple | np.ndarray)


def flatten(df: pd.DataFrame) -> pd.DataFrame:
    """List cells (DuckDB VARCHAR[] columns) as JSON arrays, as Table Schema ``array`` expects."""
    out = df
    for col in df.columns:
        if pd.api.types.is_object_dtype(df[col].dtype) and df[col].map(_listlike).any():
            out = out.copy() if out is df else out
            out[col] = df[col].map(
                lambda v: json.dumps(list(v), default=str) if _listlike(v) else v
            )
    return out


def to_safe_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV (RFC 4180: CRLF rows, so a CR or LF inside a cell is quoted), no index, safe to
    open in a spreadsheet; floats keep full precision."""
    out = neutralise(numbers_as_numbers(flatten(df)))
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


# ---------------------------------------------------------------------------------- Excel
def to_xlsx(df: pd.DataFrame, metadata: dict[str, object] | None = None) -> bytes:
    """An .xlsx with a ``data`` sheet and a ``README`` sheet; strings are never turned into formulas."""
    import xlsxwriter  # imported here: only the Excel download needs it

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    data = book.add_worksheet("data")
    df = numbers_as_numbers(flatten(df))
    for j, col in enumerate(df.columns):
        data.write_string(0, j, str(col), bold)
        width = 10
        for i, value in enumerate(df[col].tolist(), start=1):
            if value is None or value is pd.NA or (isinstance(value, float) and value != value):
                continue
            if isinstance(value, bool):
                data.write_boolean(i, j, value)
            elif isinstance(value, int | float):
                data.write_number(i, j, value)
            else:
                text = value if isinstance(value, str) else str(value)
                data.write_string(i, j, text)
                width = max(width, min(len(text), 60))
        data.set_column(j, j, max(width, len(str(col)) + 2))
    data.freeze_panes(1, 0)
    if len(df.columns):
        data.autofilter(0, 0, len(df), len(df.columns) - 1)
    notes = book.add_worksheet("README")
    notes.set_column(0, 0, 22)
    notes.set_column(1, 1, 110)
    row = 0
    for key, value in (metadata or {}).items():
        notes.write_string(row, 0, str(key), bold)
        text = (
            value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)
        )
        notes.write_string(row, 1, text, wrap)
        row += 1
    row += 1
    notes.write_string(row, 0, "column", bold)
    notes.write_string(row, 1, "meaning", bold)
    for col in df.columns:
        row += 1
        notes.write_string(row, 0, str(col))
        notes.write_string(row, 1, FIELD_DOCS.get(str(col), ""), wrap)
    book.close()
    return buffer.getvalue()
