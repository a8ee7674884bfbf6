-- `python -m pipelines export --list`: every indicator id with its title, level and periods.
select i.indicator_id, i.title, i.geography,
       arg_min(v.period, v.year) as first_period, arg_max(v.period, v.year) as last_period,
       count(distinct v.period) as periods
from marts.indicators as i
left join marts.indicator_values as v using (indicator_id)
group by all
order by i.indicator_id
