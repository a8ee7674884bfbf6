-- Every name the place search knows, each pointing at the current area a user means:
--   'name'                 current councils of all four nations, counties, regions, combined
--                          authorities, the nations, the UK and Great Britain;
--   'Welsh name'           Wales's principal areas in Welsh (Caerdydd -> Cardiff);
--   'former district'      districts that ceased since 2011 -> the council that replaced them
--                          (Allerdale -> Cumberland, Aylesbury Vale -> Buckinghamshire);
--   'former county'        counties that ceased 2019–2023 -> each successor (Cumbria -> Cumberland
--                          and Westmorland and Furness);
--   'former combined authority'  (North of Tyne -> North East);
--   'SMC area'             the Social Mobility Commission's 205 area names -> the councils each
--                          covers (its only gazetteer-like names; no town or neighbourhood
--                          gazetteer is among the raw files, see docs/places.md).
-- population: the target's latest mid-year estimate (England and Wales), a tie-breaker only.
with

current_areas as (
    select area_code, area_name, level, country_name
    from marts.areas
    where is_current and level in ('lad', 'county', 'region', 'ca', 'nation', 'uk')
),

names as (
    select area_name as name, area_code, 'name' as how
    from current_areas
    union all
    select lad_name_welsh, lad_code, 'Welsh name'
    from staging.ons_geo__welsh_names
    where lad_name_welsh <> lad_name
    union all
    select old_name, lad24_code, 'former district'
    from intermediate.lad_successors
    where change_type <> 'unchanged' and old_name <> lad24_name
    union all
    select old_utla_name, successor_code, 'former county'
    from intermediate.utla_successors
    where coverage = 'whole' and old_utla_name is not null
    union all
    select old_name, new_code, 'former combined authority'
    from staging.ons_geo__changes
    where change_type = 'merger' and old_code like 'E47%' and old_name <> new_name
    union all
    select smc_area, lad24_code, 'SMC area'
    from marts.smc_area_lads
),

population as (
    select area_code, arg_max(value, year) as population
    from marts.indicator_values
    where indicator_id = 'population' and value is not null
    group by area_code
)

select distinct
    n.name,
    n.how,
    a.area_code,
    a.area_name,
    a.level,
    a.country_name,
    p.population
from names as n
join current_areas as a on a.area_code = n.area_code
left join population as p on p.area_code = a.area_code
order by a.area_name, n.how, n.name
