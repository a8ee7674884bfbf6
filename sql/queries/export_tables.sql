-- The tables a whole-warehouse export writes: every mart and the precomputed before/after results,
-- with their row and column counts.
select schema_name || '.' || table_name as "table", schema_name, table_name,
       estimated_size as "rows", column_count as columns
from duckdb_tables()
where schema_name in ('marts', 'evidence')
order by schema_name desc, table_name
