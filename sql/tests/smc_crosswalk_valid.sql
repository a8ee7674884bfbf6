-- The SMC crosswalk (data/seeds/smc_area_lad.csv) is complete and consistent:
--   every UK 2024 district (all 361 in the LAD May 2024 file) is in exactly one SMC area;
--   the Commission's map polygon covering most of each district is that district's SMC area;
--   205 areas, each with evidence and a code of the documented form (nation letter, '98', the
--   lead authority's two-digit entity and last four digits).
with per_lad as (
    select c.lad24_code, count(x.smc_code) as n_areas, any_value(x.smc_area) as smc_area,
        any_value(x.smc_map_area) as smc_map_area
    from staging.smc__lad_map_check as c
    left join marts.smc_area_lads as x on x.lad24_code = c.lad24_code
    group by c.lad24_code
)

select lad24_code as item, 'district in ' || n_areas || ' SMC areas' as problem
from per_lad where n_areas <> 1
union all
select lad24_code, 'district is mostly in the SMC map polygon "' || smc_map_area
    || '", not in "' || smc_area || '"'
from per_lad where n_areas = 1 and smc_map_area is distinct from smc_area
union all
select lad24_code, 'district not in the UK LAD May 2024 file'
from marts.smc_area_lads
where lad24_code not in (select lad24_code from staging.smc__lad_map_check)
union all
select smc_area, 'no evidence for the grouping'
from marts.smc_area_lads where coalesce(trim(evidence), '') = ''
union all
select smc_code, 'code does not follow the SMC code scheme (lead ' || lead_code || ')'
from marts.smc_area_lads
where smc_code <> left(lead_code, 1) || '98' || substr(lead_code, 2, 2) || right(lead_code, 4)
union all
select smc_code, 'one code, several names or leads'
from marts.smc_area_lads group by smc_code
having count(distinct smc_area) > 1 or count(distinct lead_code) > 1
union all
select 'all', count(distinct smc_code) || ' SMC areas, expected 205'
from marts.smc_area_lads having count(distinct smc_code) <> 205
