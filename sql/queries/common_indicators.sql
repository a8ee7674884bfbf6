-- The indicator catalogue, with each indicator's periods (oldest first) and latest period.
with periods as (
    select indicator_id, period, max(year) as year
    from marts.indicator_values
    where value is not null
    group by indicator_id, period
),
listed as (
    select indicator_id,
           list(period order by year, period) as periods,
           arg_max(period, year) as latest_period
    from periods
    group by indicator_id
)
select i.indicator_id, i.family, i.family_title, i.title, i.short_title, i.domain, i.subgroup,
       i.unit, i.decimals, i.polarity, i.geography, i.definition, i.publisher, i.source_title,
       i.source_url, i.licence, i.attribution, i.caveats, i.source_file, i.period_type,
       i.release, i.release_schedule, i.next_release,
       coalesce(l.periods, []::varchar[]) as periods, l.latest_period
from marts.indicators as i
left join listed as l using (indicator_id)
order by i.domain, i.family, i.indicator_id
