"""Frictionless Data Package descriptors for Civic Atlas exports: the writer.

A descriptor names the table's fields (Table Schema types and descriptions, from
``atlas.exports.datapackage_schema``), its primary key, the official files the values came from
(rows of data/sources.csv), the licence and attribution, and the warehouse build plus the sha256 of
the exact bytes exported. No Streamlit.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from atlas.exports.datapackage_schema import (  # noqa: F401 (re-exported: files.py and callers use them from here)
    ATTRIBUTION,
    EXPORT_KEY,
    FIELD_DOCS,
    FIELD_TYPES,
    NEUTRALISED,
    OGL,
    schema_for,
    validate_datapackage,
)

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "data" / "sources.csv"


# ---------------------------------------------------------------------------------- sources
def load_sources(path: Path = MANIFEST) -> list[dict[str, str]]:
    """Rows of the raw-data manifest (data/sources.csv)."""
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def sources_for(files: Iterable[str], manifest: list[dict[str, str]]) -> list[dict[str, str]]:
    """Data Package ``sources`` for the raw files behind an export, in manifest order."""
    wanted = {f for f in files if isinstance(f, str) and f}
    out = []
    for row in manifest:
        if row["file"] not in wanted:
            continue
        origin, opath = row.get("origin_repo", ""), row.get("origin_path", "")
        if origin and not origin.startswith("see ") and opath:
            commit = row.get("origin_commit") or "HEAD"
            if re.fullmatch(r"[\w./()-]+", opath):
                origin = f"https://github.com/{origin}/blob/{commit}/{opath}"
            else:  # a described extract or conversion, not a single file
                origin = f"https://github.com/{origin} ({opath}, commit {commit})"
        src = {
            "title": row["title"],
            "path": f"data/raw/{row['file']}",
            "publisher": row["publisher"],
        }
        if origin:
            src["origin"] = origin
        for key in ("period", "licence", "attribution", "sha256"):
            if row.get(key):
                src[key] = row[key]
        out.append(src)
    return out


# ---------------------------------------------------------------------------------- data package
def datapackage(
    df: pd.DataFrame,
    *,
    name: str,
    title: str,
    sources: list[dict],
    data_version: str,
    data_bytes: bytes,
    path: str | None = None,
    fmt: str = "csv",
    primary_key: list[str] | None = None,
    description: str = "",
    indicators: list[dict] | None = None,
) -> dict:
    """A Frictionless Tabular Data Package describing one exported table.

    ``data_version`` is the warehouse build fingerprint (meta.build.fingerprint); the sha256 of the
    exported bytes (``data_bytes``) is recorded beside it, so a file can be matched to the build and
    the exact download it came from."""
    digest = hashlib.sha256(data_bytes).hexdigest()
    if primary_key is None and set(EXPORT_KEY) <= set(df.columns):
        primary_key = EXPORT_KEY
    media = {
        "csv": "text/csv",
        "parquet": "application/vnd.apache.parquet",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }[fmt]
    resource = {
        "name": name,
        "path": path or f"{name}.{fmt}",
        "profile": "tabular-data-resource",
        "title": title,
        "format": fmt,
        "mediatype": media,
        "encoding": "utf-8",
        "bytes": len(data_bytes),
        "hash": f"sha256:{digest}",
        "schema": schema_for(df, primary_key),
    }
    if fmt == "csv":
        resource["dialect"] = {"delimiter": ",", "header": True, "doubleQuote": True}
        resource["description"] = NEUTRALISED
    if fmt != "csv":
        resource.pop("encoding")
    if indicators:
        resource["indicators"] = indicators
    licences = sorted({s.get("licence", "") for s in sources} - {""})
    texts = [i.get("attribution") for i in indicators or []] + [
        s.get("attribution") for s in sources
    ]
    attribution = list(dict.fromkeys(t.strip() for t in texts if t)) or [ATTRIBUTION]
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "description": description or title,
        "licenses": [dict(OGL)],
        "attribution": " | ".join(attribution),
        "sources": sources,
        "data_version": {"warehouse_fingerprint": data_version, "sha256": digest},
        "source_licences": licences,
        "resources": [resource],
    }


def zip_bundle(csv_bytes: bytes, descriptor: dict) -> bytes:
    """One zip holding the CSV (at the descriptor's resource path) and ``datapackage.json``."""
    path = descriptor["resources"][0]["path"]
    buffer = io.BytesIO()
    stamp = (2020, 1, 1, 0, 0, 0)  # fixed, so the same export gives the same zip
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo(path, stamp), csv_bytes, zipfile.ZIP_DEFLATED)
        zf.writestr(
            zipfile.ZipInfo("datapackage.json", stamp), to_json(descriptor), zipfile.ZIP_DEFLATED
        )
    return buffer.getvalue()


def to_json(descriptor: dict) -> bytes:
    return json.dumps(descriptor, indent=2, ensure_ascii=False, default=str).encode("utf-8")


def readme(descriptor: dict) -> dict[str, object]:
    """Key/value metadata for the Excel README sheet, from a descriptor."""
    res = descriptor["resources"][0]
    meta: dict[str, object] = {
        "title": descriptor.get("title", ""),
        "description": descriptor.get("description", ""),
        "licence": f"{OGL['title']} ({OGL['path']})",
        "attribution": descriptor.get("attribution", ""),
        "warehouse build": descriptor.get("data_version", {}).get("warehouse_fingerprint", ""),
    }
    for i, src in enumerate(descriptor.get("sources", []), 1):
        meta[f"source {i}"] = f"{src.get('publisher', '')}: {src['title']} ({src.get('path', '')})"
    for ind in res.get("indicators", []) or []:
        meta[f"indicator {ind.get('indicator_id')}"] = " | ".join(
            f"{k}: {v}" for k, v in ind.items() if v not in (None, "") and k != "indicator_id"
        )
    return meta
