-- Every value traces to a raw file and the measure inside it: source_file and source_measure are
-- filled in, and source_file is one the indicator's catalogue entry names (source_file there may
-- list several files separated by ';').
select v.indicator_id, v.source_file, v.source_measure, count(*) as n_rows
from marts.indicator_values as v
left join marts.indicators as i on v.indicator_id = i.indicator_id
where coalesce(trim(v.source_file), '') = ''
    or coalesce(trim(v.source_measure), '') = ''
    or not list_contains(list_transform(string_split(i.source_file, ';'), lambda f: trim(f)), v.source_file)
group by all
