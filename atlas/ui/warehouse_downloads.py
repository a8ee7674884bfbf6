"""The whole warehouse on the catalogue page: every mart as Parquet in one zip with its
datapackage.json (built once per warehouse build, then served from memory), and the DuckDB file
itself with a short "query it yourself" note."""

from __future__ import annotations

import streamlit as st

from atlas.data import db
from atlas.exports import warehouse as W

QUERY_NOTE = """\
The warehouse is one [DuckDB](https://duckdb.org) file: open it read-only from Python, R or the
`duckdb` command line and query any table (`marts.*`; see docs/data-model.md):

```python
import duckdb
con = duckdb.connect("atlas.duckdb", read_only=True)
con.sql("select provider_name, measure, rank from marts.university_rankings order by rank").show()
con.sql("select * from marts.indicator_values where area_code = 'E08000021'").df()
```
"""


@st.cache_resource(max_entries=1, show_spinner="Building the warehouse bundle (once per build)…")
def _bundle_zip(build: str) -> bytes:
    with db.connection(build).cursor() as con:
        return W.zip_all(con, "parquet")


def _duckdb_bytes() -> bytes:
    return db.WAREHOUSE.read_bytes()


def offer() -> None:
    """Two downloads and the note."""
    st.subheader("The whole warehouse")
    st.markdown(
        "Every table behind the atlas (indicators, values with their confidence intervals and "
        "sources, areas, boundaries, the partnership register, comparator sets, the university "
        "rankings and the precomputed before/after studies), each as a Parquet file, with a "
        "`datapackage.json` giving every column's type and meaning, units, keys, sources, licence "
        "and each file's sha256. The same bundle as "
        "`python -m pipelines export --all --format parquet --out DIR`."
    )
    build = db.version()
    with st.container(horizontal=True):
        st.download_button(
            "Every table (Parquet + datapackage.json, zip)",
            data=lambda: _bundle_zip(build),
            file_name=f"civic-atlas-warehouse-{build[:12]}.zip",
            mime="application/zip",
            on_click="ignore",
            icon=":material/folder_zip:",
            key="dl_warehouse_zip",
        )
        st.download_button(
            f"The DuckDB file ({db.WAREHOUSE.stat().st_size / 1e6:.0f} MB)",
            data=_duckdb_bytes,
            file_name="atlas.duckdb",
            mime="application/octet-stream",
            on_click="ignore",
            icon=":material/database:",
            key="dl_warehouse_duckdb",
        )
    with st.expander("Query it yourself"):
        st.markdown(QUERY_NOTE)
