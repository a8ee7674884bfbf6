-- The England range of local-authority values for each indicator in its latest period (English
-- authorities only, also for indicators published for the whole UK):
-- min, 25th and 75th percentile, max and count, at the level the indicator is published at.
with la as (
    select v.indicator_id, v.period, v.year, v.value
    from marts.indicator_values as v
    join marts.indicators as i using (indicator_id)
    join marts.areas as a using (area_code)
    where v.value is not null
      and v.status = 'ok'
      and a.is_current
      and a.country_code = 'E92000001'
      and ((i.geography = 'lad' and a.is_lad) or (i.geography = 'utla' and a.is_utla))
),
latest as (
    select indicator_id, arg_max(period, year) as period
    from la
    group by indicator_id
)
select la.indicator_id, la.period, max(la.year) as year,
       min(la.value) as min_value,
       quantile_cont(la.value, 0.25) as q25,
       median(la.value) as median,
       quantile_cont(la.value, 0.75) as q75,
       max(la.value) as max_value,
       count(*) as n_areas
from la
join latest using (indicator_id, period)
group by la.indicator_id, la.period
