-- Outcome indicators a before/after comparison can use: published every year or so at local
-- authority level (not one-off snapshots such as the IMD or the census), with their year range.
with spans as (
    select v.indicator_id, min(v.year) as first_year, max(v.year) as last_year,
           count(distinct v.year) as n_years
    from marts.indicator_values as v
    join marts.areas as a using (area_code)
    where v.value is not null and (a.is_lad or a.is_utla)
    group by v.indicator_id
)
select i.indicator_id, i.family, i.family_title, i.title, i.short_title, i.domain, i.subgroup,
       i.unit, i.decimals, i.polarity, i.geography, i.period_type, i.caveats,
       s.first_year, s.last_year, s.n_years
from marts.indicators as i
join spans as s using (indicator_id)
where i.period_type <> 'snapshot' and s.n_years >= 4
order by i.domain, i.family, i.indicator_id
