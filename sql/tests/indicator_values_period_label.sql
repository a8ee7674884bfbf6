-- period labels follow docs/CONTRACT.md for the indicator's period_type, and year is the END year:
--   academic / financial '2023/24' -> 2024;  calendar '2023' -> 2023;  3-year '2021-23' -> 2023;
--   pooled (several survey years pooled, e.g. SMC '2021-24') -> 2024;
--   snapshot: any label, year filled in.
select v.indicator_id, i.period_type, v.period, v.year, count(*) as n_rows
from marts.indicator_values as v
inner join marts.indicators as i on v.indicator_id = i.indicator_id
where v.year is null
    or v.period is null
    or case i.period_type
        when 'academic' then not (
            regexp_matches(v.period, '^\d{4}/\d{2}$')
            and v.year = cast(left(v.period, 4) as integer) + 1
            and right(v.period, 2) = right(cast(v.year as varchar), 2))
        when 'financial' then not (
            regexp_matches(v.period, '^\d{4}/\d{2}$')
            and v.year = cast(left(v.period, 4) as integer) + 1
            and right(v.period, 2) = right(cast(v.year as varchar), 2))
        when 'calendar' then not (
            regexp_matches(v.period, '^\d{4}$') and v.year = cast(v.period as integer))
        when '3-year' then not (
            regexp_matches(v.period, '^\d{4}-\d{2}$')
            and v.year = cast(left(v.period, 4) as integer) + 2
            and right(v.period, 2) = right(cast(v.year as varchar), 2))
        when 'pooled' then not (
            regexp_matches(v.period, '^\d{4}-\d{2}$')
            and v.year > cast(left(v.period, 4) as integer)
            and right(v.period, 2) = right(cast(v.year as varchar), 2))
        when 'snapshot' then false
        else true
    end
group by all
