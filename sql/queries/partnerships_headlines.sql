-- A few headline indicators for the areas an intervention covers: each area's value in the
-- indicator's latest period (at the level it is published: district or upper tier) next to England,
-- and next to its own nation and the UK (for the councils of Wales, Scotland and Northern Ireland).
with indicators as (
    select indicator_id, short_title, unit, decimals, polarity, geography
    from marts.indicators
    where list_contains($indicators, indicator_id)
),
places as (
    select distinct i.indicator_id,
           case when i.geography = 'utla' then a.utla_code else a.area_code end as area_code
    from marts.intervention_areas as ia
    join marts.areas as a using (area_code)
    cross join indicators as i
    where ia.intervention_id = $iv
),
latest as (
    select v.indicator_id, arg_max(v.period, v.year) as period, max(v.year) as year
    from marts.indicator_values as v
    join places using (indicator_id, area_code)
    where v.value is not null
    group by v.indicator_id
)
select i.indicator_id, i.short_title, i.unit, i.decimals, i.polarity, l.period, l.year,
       p.area_code, a.area_name, v.value, v.status, e.value as england,
       a.country_code, a.country_name, n.value as nation, uk.value as uk
from latest as l
join indicators as i using (indicator_id)
join places as p using (indicator_id)
join marts.areas as a on a.area_code = p.area_code
left join marts.indicator_values as v
    on v.indicator_id = l.indicator_id and v.area_code = p.area_code and v.period = l.period
left join marts.indicator_values as e
    on e.indicator_id = l.indicator_id and e.area_code = 'E92000001' and e.period = l.period
left join marts.indicator_values as n
    on n.indicator_id = l.indicator_id and n.area_code = a.country_code and n.period = l.period
left join marts.indicator_values as uk
    on uk.indicator_id = l.indicator_id and uk.area_code = 'K02000001' and uk.period = l.period
order by i.indicator_id, a.area_name
