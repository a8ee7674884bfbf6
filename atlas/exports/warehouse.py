"""The whole warehouse for researchers: every mart (and the precomputed before/after results) as
one Parquet or CSV file each, plus a Frictionless ``datapackage.json`` naming each file's schema,
primary key, description, rows, bytes and sha256, the official sources with their licences, and
the warehouse build it came from.

Parquet is written from Arrow exactly as DuckDB holds the table (types, nulls, lists and structs
kept), so reading it back gives the warehouse's rows exactly; CSV flattens lists to JSON and
neutralises formula-like text as every other CSV export does. Used by
``python -m pipelines export --all`` and the catalogue's download. No Streamlit.
"""

from __future__ import annotations

import hashlib
import io
import re
import time
import zipfile
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from atlas.data.sql import ROOT, run, sql_text
from atlas.exports.datapackage import (
    ATTRIBUTION,
    MANIFEST,
    OGL,
    load_sources,
    sources_for,
    to_json,
    validate_datapackage,
)
from atlas.exports.datapackage_schema import FIELD_DOCS
from atlas.exports.files import to_safe_csv

FORMATS = ("parquet", "csv")
#: keys the data tests hold unique (sql/tests/*_unique.sql and friends)
PRIMARY_KEYS = {
    "marts.areas": ["area_code"],
    "marts.area_geometry": ["area_code", "geo_level"],
    "marts.indicators": ["indicator_id"],
    "marts.indicator_values": ["indicator_id", "area_code", "period"],
    "marts.interventions": ["intervention_id"],
    "marts.intervention_areas": ["intervention_id", "area_code"],
    "marts.statistical_neighbours": ["neighbour_set", "area_code", "rank"],
    "marts.area_clusters": ["cluster_set", "area_code"],
    "marts.university_rankings": ["provider_name", "measure"],
    "evidence.results": ["intervention_id", "indicator_id"],
}
UNITS = {
    "marts.indicator_values": "value, lower_ci and upper_ci are in the indicator's unit "
    "(marts.indicators.unit, e.g. '%', 'score', 'years', '£ per week', 'z-score').",
    "marts.university_rankings": "coefficient: the Commission's coefficient (positive = a more "
    "disadvantaged intake than the reference pool); rank 1 = best of of_ranked.",
    "marts.university_deciles": "cumulative_percentage: % of students up to and including the "
    "decile (1 = most deprived).",
}


def _arrow_type(t: pa.DataType) -> str:
    if pa.types.is_boolean(t):
        return "boolean"
    if pa.types.is_integer(t):
        return "integer"
    if pa.types.is_floating(t) or pa.types.is_decimal(t):
        return "number"
    if pa.types.is_timestamp(t):
        return "datetime"
    if pa.types.is_date(t):
        return "date"
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return "array"
    if pa.types.is_struct(t) or pa.types.is_map(t):
        return "object"
    return "string"


def description(table: str) -> str:
    """The comment block at the top of the table's SQL file (what the model is, in its author's
    words), or a line for the evidence results."""
    schema, name = table.split(".")
    path = ROOT / "sql" / schema / f"{name}.sql"
    if not path.exists():
        return "Precomputed before/after studies (JSON per intervention and outcome); see docs/evidence.md."
    lines = []
    for line in path.read_text().splitlines():
        if not line.startswith("--"):
            break
        lines.append(line[2:].strip())
    return re.sub(r"\s+", " ", " ".join(lines)).strip() or table


def read_table(con: duckdb.DuckDBPyConnection, table: str) -> pa.Table:
    return con.sql(sql_text("export_table"), params={"table": table}).to_arrow_table()


def encode(tbl: pa.Table, fmt: str) -> bytes:
    if fmt == "parquet":
        buf = io.BytesIO()
        pq.write_table(tbl, buf, compression="zstd")
        return buf.getvalue()
    return to_safe_csv(tbl.to_pandas())


def resource(table: str, tbl: pa.Table, data: bytes, fmt: str) -> dict:
    fields = [
        {"name": f.name, "type": _arrow_type(f.type)}
        | ({"description": FIELD_DOCS[f.name]} if f.name in FIELD_DOCS else {})
        for f in tbl.schema
    ]
    schema: dict = {"fields": fields, "missingValues": [""]}
    if table in PRIMARY_KEYS:
        schema["primaryKey"] = PRIMARY_KEYS[table]
    media = {"parquet": "application/vnd.apache.parquet", "csv": "text/csv"}[fmt]
    res = {
        "name": table.replace(".", "-").replace("_", "-"),
        "path": f"{table}.{fmt}",
        "profile": "tabular-data-resource",
        "title": table,
        "description": description(table) + (f" Units: {UNITS[table]}" if table in UNITS else ""),
        "format": fmt,
        "mediatype": media,
        "rows": tbl.num_rows,
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "schema": schema,
    }
    if fmt == "csv":
        res |= {"encoding": "utf-8", "dialect": {"delimiter": ",", "header": True}}
    return res


def bundle(con: duckdb.DuckDBPyConnection, fmt: str = "parquet") -> tuple[dict[str, bytes], dict]:
    """Every table's file (name -> bytes) and the package descriptor."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} for --all; use one of {FORMATS}")
    tables = run("export_tables", con)["table"].tolist()
    files, resources = {}, []
    for table in tables:
        tbl = read_table(con, table)
        data = encode(tbl, fmt)
        files[f"{table}.{fmt}"] = data
        resources.append(resource(table, tbl, data, fmt))
    try:
        fingerprint = str(run("export_build", con)["fingerprint"].iloc[0])
    except (duckdb.Error, IndexError):
        fingerprint = "unknown"
    manifest = load_sources(MANIFEST)
    sources = sources_for([r["file"] for r in manifest], manifest)
    texts = dict.fromkeys(s["attribution"] for s in sources if s.get("attribution"))
    descriptor = {
        "profile": "tabular-data-package",
        "name": "civic-atlas-warehouse",
        "title": "Civic Atlas: the whole warehouse",
        "description": "Every mart of data/atlas.duckdb and the precomputed before/after results, "
        "one file each. Tables join on area_code (marts.areas) and indicator_id "
        "(marts.indicators); see docs/data-model.md.",
        "licenses": [dict(OGL)],
        "attribution": " | ".join(texts) or ATTRIBUTION,
        "sources": sources,
        "data_version": {"warehouse_fingerprint": fingerprint},
        "resources": resources,
    }
    problems = validate_datapackage(descriptor)
    if problems:
        raise ValueError("the data package descriptor is invalid: " + "; ".join(problems))
    return files, descriptor


def write(con: duckdb.DuckDBPyConnection, out: Path, fmt: str = "parquet") -> dict:
    """Write the bundle into folder ``out``; return a summary (tables, rows, bytes, seconds)."""
    t0 = time.perf_counter()
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out {out} is a file; --all writes a folder of files")
    files, descriptor = bundle(con, fmt)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out / name).write_bytes(data)
    (out / "datapackage.json").write_bytes(to_json(descriptor))
    return {
        "tables": len(files),
        "rows": sum(r["rows"] for r in descriptor["resources"]),
        "bytes": sum(len(d) for d in files.values()),
        "out": str(out),
        "seconds": time.perf_counter() - t0,
    }


def zip_all(con: duckdb.DuckDBPyConnection, fmt: str = "parquet") -> bytes:
    """The same bundle as one zip (fixed timestamps: the same warehouse gives the same zip)."""
    files, descriptor = bundle(con, fmt)
    buffer = io.BytesIO()
    stamp = (2020, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [*files.items(), ("datapackage.json", to_json(descriptor))]:
            zf.writestr(zipfile.ZipInfo(name, stamp), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
