-- Every row of one warehouse table (its name bound as a parameter, never formatted into the SQL).
select * from query_table($table)
