-- Every table's stored row count (DuckDB's catalogue: exact for tables made by `create table as`,
-- as the build makes them), compared with the counts the build recorded.
select schema_name || '.' || table_name as table_name, estimated_size as row_count
from duckdb_tables()
