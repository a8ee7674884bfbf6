-- The SMC areas in the shape of the areas mart (level 'smc'): region and combined authority given only
-- where every district of the area agrees (all English SMC areas lie in one region).
with parts as (
    select
        trim(x.smc_code) as smc_code,
        trim(x.smc_area) as smc_area,
        trim(x.lad24_code) as lad24_code,
        r.region_code,
        r.region_name,
        ca.ca_code,
        ca.ca_name
    from seeds.smc_area_lad as x
    left join staging.ons_geo__lad23_rgn23 as r on r.lad_code = trim(x.lad24_code)
    left join staging.ons_geo__lad24_cauth24 as ca on ca.lad_code = trim(x.lad24_code)
)

select
    p.smc_code as area_code,
    any_value(p.smc_area) as area_name,
    'smc' as level,
    false as is_lad,
    false as is_utla,
    cast(null as varchar) as utla_code,
    cast(null as varchar) as utla_name,
    case when count(distinct p.region_code) = 1 and count(p.region_code) = count(*)
        then any_value(p.region_code) end as region_code,
    case when count(distinct p.region_code) = 1 and count(p.region_code) = count(*)
        then any_value(p.region_name) end as region_name,
    case when count(distinct p.ca_code) = 1 and count(p.ca_code) = count(*)
        then any_value(p.ca_code) end as ca_code,
    case when count(distinct p.ca_code) = 1 and count(p.ca_code) = count(*)
        then any_value(p.ca_name) end as ca_name,
    '2025' as vintage,
    true as is_current,
    cast(null as varchar) as successor_code,
    any_value(b.lon) as lon,
    any_value(b.lat) as lat
from parts as p
left join staging.smc__boundaries as b on b.area_code = p.smc_code
group by p.smc_code
