"""Table Schema for Civic Atlas exports: what each exported column means, the Table Schema types,
the licence and attribution every package carries, and a validator for the descriptors
``atlas.exports.datapackage`` writes (``frictionless`` is not a dependency; ``validate_datapackage``
checks the rules these descriptors rely on). Imports nothing of ours; no Streamlit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

EXPORT_KEY = ["indicator_id", "area_code", "period"]

FIELD_DOCS = {
    "indicator_id": "Civic Atlas indicator id (see the data catalogue)",
    "indicator_title": "Indicator title",
    "area_code": "ONS GSS code of the area (E92 England, E12 region, E47 combined authority, E06-E10 local authority)",
    "area_name": "Area name",
    "geography_level": "Level of the area: lad, county, region, ca (combined authority), nation or smc "
    "(a Social Mobility Commission area)",
    "level": "Level of the area: lad, county, region, ca (combined authority) or nation",
    "period": "Period label as published (academic 2023/24, calendar 2023, financial 2024/25, 3-year 2021-23)",
    "year": "End year of the period (2023/24 -> 2024, 2021-23 -> 2023)",
    "value": "Published value (empty when not published; see status)",
    "unit": "Unit of the value",
    "lower_ci": "Lower bound of the 95% confidence interval, where the source gives one",
    "upper_ci": "Upper bound of the 95% confidence interval, where the source gives one",
    "status": "ok, suppressed, unreliable or not_available",
    "source_file": "Official file the value was read from (path under data/raw, listed in data/sources.csv)",
    "source_measure": "Measure code or label exactly as written in the source file",
    "note": "Harmonisation note (e.g. boundary change), if any",
    # columns a view adds to the tidy rows it exports (map, profile, compare)
    "rank": "Rank among England's local authorities at this level (1 = best, or highest if neutral)",
    "quintile": "Fifth of England's local authorities (1 = best fifth), as the map colours it",
    "comparison": "Compared with England: by the 95% confidence interval where published, else by "
    "value; for the SMC indices (no England value), the Commission's category",
    "smc_category": "The Social Mobility Commission's category for the area, as published",
    "england_value": "England's value for the same indicator and period",
    "group_rank": "Rank among the areas compared (1 = best)",
    "line": "The chart line the row is drawn in (area, region, england; Area, England)",
    "domain": "Topic of the indicator",
    "region_name": "Region of the area",
    "region_value": "The region's value for the same indicator and period",
    "la_min": "Lowest value among England's local authorities (same level and period)",
    "la_q25": "25th percentile of England's local authorities",
    "la_median": "Median of England's local authorities",
    "la_q75": "75th percentile of England's local authorities",
    "la_max": "Highest value among England's local authorities",
    "la_count": "Number of local authorities with a published value",
}

OGL = {
    "name": "OGL-UK-3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    "title": "Open Government Licence v3.0",
}
ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."

# Table Schema field types (https://specs.frictionlessdata.io/table-schema/#types-and-formats).
FIELD_TYPES = {
    "string",
    "number",
    "integer",
    "boolean",
    "object",
    "array",
    "date",
    "time",
    "datetime",
    "year",
    "yearmonth",
    "duration",
    "geopoint",
    "geojson",
    "any",
}
NEUTRALISED = "Text cells starting with = + - @ tab or carriage return are prefixed with ' so spreadsheets do not run them as formulas."


def _field_type(series: pd.Series) -> str:
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "integer"
    if pd.api.types.is_float_dtype(dtype):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "datetime"
    sample = series.dropna()
    if len(sample) and all(isinstance(v, list | tuple | np.ndarray) for v in sample.head(50)):
        return "array"
    return "string"


def schema_for(
    df: pd.DataFrame,
    primary_key: list[str] | None = None,
    descriptions: dict[str, str] | None = None,
) -> dict:
    docs = {**FIELD_DOCS, **(descriptions or {})}
    fields = []
    for col in df.columns:
        field = {"name": str(col), "type": _field_type(df[col])}
        if docs.get(str(col)):
            field["description"] = docs[str(col)]
        if col == "status":
            field["constraints"] = {"enum": ["ok", "suppressed", "unreliable", "not_available"]}
        fields.append(field)
    schema: dict = {"fields": fields, "missingValues": [""]}
    if primary_key:
        schema["primaryKey"] = list(primary_key)
    return schema


def validate_datapackage(descriptor: dict) -> list[str]:
    """Check a descriptor against the Data Package / Table Schema rules we rely on; [] when valid."""
    if not isinstance(descriptor, dict):
        return ["descriptor is not an object"]
    errors = _package_errors(descriptor)
    resources = descriptor.get("resources", [])
    if not isinstance(resources, list) or not resources:
        return [*errors, "resources must be a non-empty list"]
    for r, res in enumerate(resources):
        errors += _resource_errors(f"resources[{r}]", res)
    return errors


def _package_errors(descriptor: dict) -> list[str]:
    errors = [
        f"missing '{key}'"
        for key in ("profile", "name", "resources", "licenses", "sources")
        if key not in descriptor
    ]
    if descriptor.get("profile") not in (None, "tabular-data-package"):
        errors.append("profile must be 'tabular-data-package'")
    name = descriptor.get("name", "")
    if (
        not isinstance(name, str)
        or not name
        or not all(c.isalnum() or c in "-._" for c in name)
        or name != name.lower()
    ):
        errors.append(f"name {name!r} must be lower-case letters, digits, '-', '.', '_'")
    for i, lic in enumerate(descriptor.get("licenses", [])):
        if not (lic.get("name") or lic.get("path")):
            errors.append(f"licenses[{i}] needs a name or a path")
    for i, src in enumerate(descriptor.get("sources", [])):
        if not src.get("title"):
            errors.append(f"sources[{i}] needs a title")
    version = descriptor.get("data_version")
    if version is not None and not (
        isinstance(version, dict) and version.get("warehouse_fingerprint")
    ):
        errors.append("data_version needs a warehouse_fingerprint")
    return errors


def _resource_errors(where: str, res: dict) -> list[str]:
    errors = []
    if not res.get("name"):
        errors.append(f"{where} needs a name")
    if not (res.get("path") or "data" in res):
        errors.append(f"{where} needs a path or data")
    if (
        "hash" in res
        and not str(res["hash"]).startswith(("sha256:", "sha1:", "sha512:"))
        and len(str(res["hash"])) != 32
    ):
        errors.append(f"{where}.hash must be md5 hex or '<algorithm>:<hex>'")
    schema = res.get("schema")
    if res.get("profile") == "tabular-data-resource" and not isinstance(schema, dict):
        return [*errors, f"{where} is tabular but has no schema"]
    return errors + _schema_errors(where, schema or {})


def _schema_errors(where: str, schema: dict) -> list[str]:
    fields = schema.get("fields", [])
    errors = [] if fields else [f"{where}.schema needs fields"]
    names = [field.get("name") for field in fields]
    errors += [f"{where}.schema.fields[{f}] needs a name" for f, n in enumerate(names) if not n]
    errors += [
        f"{where}.schema.fields[{f}] type {field.get('type')!r} is not a Table Schema type"
        for f, field in enumerate(fields)
        if field.get("type", "string") not in FIELD_TYPES
    ]
    if len(set(names)) != len(names):
        errors.append(f"{where}.schema has duplicate field names")
    key = schema.get("primaryKey")
    key = [key] if isinstance(key, str) else (key or [])
    errors += [
        f"{where}.schema.primaryKey field {k!r} is not a field" for k in key if k not in names
    ]
    return errors
