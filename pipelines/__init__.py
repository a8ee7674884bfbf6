"""Civic Atlas pipelines: official raw files -> staging -> marts -> tests -> data/atlas.duckdb."""

from pathlib import Path

import atlas  # noqa: F401  (first: one BLAS thread per process, set before numpy is imported)

ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = ROOT / "data" / "raw"
SQL_DIR = ROOT / "sql"
SEEDS_DIR = ROOT / "data" / "seeds"
MANIFEST = ROOT / "data" / "sources.csv"
WAREHOUSE = ROOT / "data" / "atlas.duckdb"
BUILD_INFO = ROOT / "data" / "atlas.build.json"
