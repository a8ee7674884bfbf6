"""``python -m pipelines export``: the tidy indicator table out of the warehouse, with a sidecar.

Reads the warehouse read-only with DuckDB directly (no Streamlit), runs the named queries in
``sql/queries/export_*.sql`` with bound parameters, and writes the data file plus
``<out>.datapackage.json`` (a Frictionless Data Package descriptor naming sources, licence and the
warehouse build fingerprint).
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines import MANIFEST
from pipelines import cli_guard as G

if TYPE_CHECKING:  # the libraries load when an export runs, so `pipelines build` stays instant
    import duckdb
    import pandas as pd

FORMATS = ("csv", "parquet", "xlsx")
XLSX_MAX_ROWS = 1_048_575
LEVELS = ["", "lad", "utla", "county", "region", "ca", "nation"]


def check_out(out: Path, fmt: str | None) -> str:
    """The format to write ``out`` in; refuse a folder, a missing folder, a contradicting name."""
    suffix = out.suffix.lstrip(".").lower()
    if out.is_dir():
        raise ValueError(f"--out {out} is a folder; give a file name, e.g. {out / 'atlas.csv'}")
    if not out.parent.is_dir():
        raise ValueError(f"the folder {out.parent} does not exist (create it first)")
    if fmt and suffix in FORMATS and suffix != fmt:
        raise ValueError(
            f"--format {fmt} but --out {out.name} names a .{suffix} file: "
            f"give --out {out.with_suffix('.' + fmt).name}, or leave out --format"
        )
    return fmt or (suffix if suffix in FORMATS else "csv")


def export_frame(
    con: duckdb.DuckDBPyConnection,
    indicators: list[str] | None = None,
    areas: list[str] | None = None,
    level: str = "",
) -> pd.DataFrame:
    from atlas.data.sql import run
    from atlas.exports import files as exports

    frame = run(
        "export_values",
        con,
        indicators=list(indicators or []),
        areas=list(areas or []),
        level=level or "",
    )
    return exports.tidy(frame)


def indicator_metadata(con: duckdb.DuckDBPyConnection, indicators: list[str]) -> list[dict]:
    import pandas as pd

    from atlas.data.sql import run

    meta = run("export_indicators", con, indicators=list(indicators))
    return [
        {k: (None if pd.isna(v) else v) for k, v in row.items()} for row in meta.to_dict("records")
    ]


def build_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    import duckdb

    from atlas.data.sql import run

    try:
        return str(run("export_build", con)["fingerprint"].iloc[0])
    except (duckdb.Error, IndexError):
        return "unknown"


def encode(frame: pd.DataFrame, fmt: str, metadata: dict | None = None) -> bytes:
    from atlas.exports import files as exports

    if fmt == "csv":
        return exports.to_safe_csv(frame)
    if fmt == "xlsx":
        if len(frame) > XLSX_MAX_ROWS:
            raise ValueError(
                f"{len(frame):,} rows do not fit in one Excel sheet; "
                "choose fewer indicators or use --format csv/parquet"
            )
        return exports.to_xlsx(frame, metadata)
    if fmt == "parquet":
        import io

        buf = io.BytesIO()
        frame.to_parquet(buf, index=False)
        return buf.getvalue()
    raise ValueError(f"unknown format {fmt!r}; use one of {FORMATS}")


def connect(warehouse: Path | None = None) -> duckdb.DuckDBPyConnection:
    import duckdb

    from atlas.data.sql import WAREHOUSE

    warehouse = warehouse or WAREHOUSE
    if not warehouse.exists():
        raise FileNotFoundError(
            f"no warehouse at {warehouse}; run `python -m pipelines build` first"
        )
    return duckdb.connect(str(warehouse), read_only=True)


def check_known(con: duckdb.DuckDBPyConnection, indicators: list[str], areas: list[str]) -> None:
    """Refuse, by name, indicator ids and area codes the warehouse does not have."""
    from atlas.data.sql import run

    found = run("export_known", con, indicators=list(indicators), areas=list(areas))
    known = set(zip(found["kind"], found["id"], strict=True))
    bad_ind = [i for i in indicators if ("indicator", i) not in known]
    bad_area = [a for a in areas if ("area", a) not in known]
    problems = []
    if bad_ind:
        problems.append(
            f"unknown indicator id(s) {bad_ind} (list them with `python -m pipelines export --list`)"
        )
    if bad_area:
        problems.append(f"unknown area code(s) {bad_area} (codes look like E08000021)")
    if problems:
        raise ValueError(G.clip("; ".join(problems), G.ECHO))


def listing(warehouse: Path | None = None) -> str:
    """The indicator ids an export accepts, one a line with title, level and periods."""
    from atlas.data.sql import run

    con = connect(warehouse)
    try:
        rows = run("export_list", con)
    finally:
        con.close()
    lines = [
        f"{r.indicator_id:<24} {r.geography:<5} {r.first_period}–{r.last_period} "
        f"({r.periods} period{'' if r.periods == 1 else 's'})  {r.title}"
        for r in rows.itertuples()
    ]
    return "\n".join(lines)


def with_comparators(
    con: duckdb.DuckDBPyConnection, indicators: list[str], areas: list[str], key: str
) -> list[str]:
    """``--comparators SET``: the areas followed by their comparator set's areas at the level each
    indicator is published at (nearest first; ``outcome`` = like them on the indicator before its
    latest period)."""
    from atlas.data import comparator_sets as CS

    if not areas or not indicators:
        raise ValueError("--comparators needs --indicator and --areas (the areas to compare)")
    from atlas.data.sql import run

    meta = run("export_comparator_meta", con, indicators=list(indicators))
    out = list(areas)
    for row in meta.itertuples():
        mine = run("export_value_codes", con, areas=list(areas), geography=row.geography)
        codes = mine["area_code"].tolist()
        read = lambda name, **p: run(name, con, **p)  # noqa: E731 (the sets' reader)
        out += CS.members(read, key, codes, row.geography, row.indicator_id, row.last_year + 1)
    return list(dict.fromkeys(out))


def _select(warehouse, indicators, areas, level: str, comparators: str | None) -> tuple:
    """The rows asked for (refusing unknown ids and an empty selection), with what describes them."""
    con = connect(warehouse)
    try:
        check_known(con, indicators or [], areas or [])
        if comparators:
            areas = with_comparators(con, list(indicators or []), list(areas or []), comparators)
        frame = export_frame(con, indicators, areas, level)
        if frame.empty:
            raise ValueError(
                "the selection matches no rows: "
                + "; ".join(
                    f"{k} {v}"
                    for k, v in (("indicators", indicators), ("areas", areas), ("level", level))
                    if v
                )
                + " (an indicator published for upper-tier authorities has no district rows)"
            )
        ids = sorted(frame["indicator_id"].unique())
        return frame, areas, ids, indicator_metadata(con, ids), build_fingerprint(con)
    finally:
        con.close()


def export(
    out: Path,
    *,
    indicators: list[str] | None = None,
    areas: list[str] | None = None,
    fmt: str | None = None,
    level: str = "",
    warehouse: Path | None = None,
    comparators: str | None = None,
) -> dict:
    """Write the export and its sidecar; return a summary (rows, bytes, paths, seconds)."""
    from atlas.exports import files as exports

    t0, out = time.perf_counter(), Path(out)
    fmt = check_out(out, fmt)
    frame, areas, ids, meta, fingerprint = _select(warehouse, indicators, areas, level, comparators)
    name = re.sub(r"[^a-z0-9._-]+", "-", out.stem.lower()).strip("-") or "civic-atlas-export"
    title = "Civic Atlas indicators: " + (
        ", ".join(ids) if len(ids) <= 5 else f"{len(ids)} indicators"
    )
    descriptor = exports.datapackage(
        frame,
        name=name,
        title=title,
        data_version=fingerprint,
        data_bytes=b"",
        sources=exports.sources_for(frame["source_file"].unique(), exports.load_sources(MANIFEST)),
        path=out.name,
        fmt=fmt,
        indicators=meta,
        description=(
            "Tidy table, one row per indicator x area x period. "
            + (f"Areas: {', '.join(areas)}. " if areas else "")
            + (f"Level: {level}. " if level else "")
            + (f"Comparator set: {comparators}. " if comparators else "")
        ),
    )
    data = encode(frame, fmt, exports.readme(descriptor))
    descriptor = exports.datapackage(
        frame,
        name=name,
        title=title,
        data_version=fingerprint,
        data_bytes=data,
        sources=descriptor["sources"],
        path=out.name,
        fmt=fmt,
        indicators=meta,
        description=descriptor["description"],
    )
    problems = exports.validate_datapackage(descriptor)
    if problems:
        raise ValueError("the data package descriptor is invalid: " + "; ".join(problems))
    out.write_bytes(data)
    sidecar = out.with_name(out.name + ".datapackage.json")
    sidecar.write_bytes(exports.to_json(descriptor))
    return {
        "rows": len(frame),
        "bytes": len(data),
        "out": str(out),
        "sidecar": str(sidecar),
        "indicators": len(ids),
        "seconds": time.perf_counter() - t0,
    }


def export_all(out: Path, fmt: str | None = None, warehouse: Path | None = None) -> dict:
    """``--all``: every mart as a file in folder ``out`` plus ``datapackage.json``."""
    from atlas.exports.warehouse import write

    con = connect(warehouse)
    try:
        return write(con, Path(out), fmt or "parquet")
    finally:
        con.close()
