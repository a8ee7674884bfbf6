-- The data catalogue: every indicator with its metadata, the periods it covers (oldest first)
-- and how many areas publish a value in its latest period; which nations' councils publish it and
-- which national totals (England, Wales, Scotland, Northern Ireland, the UK, Great Britain) it has.
with published as (
    select indicator_id, period, year, area_code
    from marts.indicator_values
    where value is not null
),
periods as (
    select indicator_id, period, max(year) as year, count(distinct area_code) as n_areas
    from published
    group by indicator_id, period
),
listed as (
    select indicator_id,
           list(period order by year, period) as periods,
           arg_min(period, year) as first_period,
           arg_max(period, year) as latest_period,
           arg_max(n_areas, year) as latest_n_areas
    from periods
    group by indicator_id
),
nations as (
    select p.indicator_id,
           list(distinct a.country_name order by a.country_name) filter (where a.is_lad)
               as council_nations,
           list(distinct a.area_name order by a.area_name)
               filter (where a.level in ('nation', 'uk')) as national_totals
    from published as p
    join marts.areas as a using (area_code)
    group by p.indicator_id
)
select i.indicator_id, i.family, i.family_title, i.title, i.short_title, i.domain, i.subgroup,
       i.unit, i.decimals, i.polarity, i.geography, i.definition, i.publisher, i.source_title,
       i.source_url, i.licence, i.attribution, i.caveats, i.source_file, i.period_type,
       i.release, i.release_schedule, i.next_release,
       coalesce(l.periods, []::varchar[]) as periods, l.first_period, l.latest_period,
       l.latest_n_areas,
       coalesce(n.council_nations, []::varchar[]) as council_nations,
       coalesce(n.national_totals, []::varchar[]) as national_totals
from marts.indicators as i
left join listed as l using (indicator_id)
left join nations as n using (indicator_id)
order by i.domain, i.family, i.indicator_id
