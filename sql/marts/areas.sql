-- One row per area: the 2024 English geography (296 districts, 21 counties, 9 regions,
-- 11 combined authorities, England) plus every district or county code that ceased since 2011.
-- Historic rows: is_current = false, vintage = year the code ceased, successor_code = the 2024
-- district that replaced it (null for a county split between two unitaries: Northamptonshire,
-- Cumbria; see intermediate.utla_successors). Their utla/region/ca fields describe the 2024
-- geography they now lie in (filled only where every successor agrees).
with

lads as (
    select
        rgn.lad_code,
        rgn.lad_name,
        rgn.region_code,
        rgn.region_name,
        cty.utla_code,
        cty.utla_name,
        ca.ca_code,
        ca.ca_name
    from staging.ons_geo__lad23_rgn23 as rgn
    left join staging.ons_geo__lad23_ctyua23 as cty on cty.lad_code = rgn.lad_code
    left join staging.ons_geo__lad24_cauth24 as ca on ca.lad_code = rgn.lad_code
),

current_lads as (
    select
        l.lad_code as area_code,
        l.lad_name as area_name,
        'lad' as level,
        true as is_lad,
        regexp_matches(l.lad_code, '^E0[689]') as is_utla,
        l.utla_code,
        l.utla_name,
        l.region_code,
        l.region_name,
        l.ca_code,
        l.ca_name,
        '2024' as vintage,
        true as is_current,
        cast(null as varchar) as successor_code,
        b.lon,
        b.lat
    from lads as l
    left join staging.ons_geo__lad_boundaries as b on b.area_code = l.lad_code
),

-- E10 counties: region and combined authority only when all their districts agree
current_counties as (
    select
        l.utla_code as area_code,
        any_value(l.utla_name) as area_name,
        'county' as level,
        false as is_lad,
        true as is_utla,
        l.utla_code,
        any_value(l.utla_name) as utla_name,
        case when count(distinct l.region_code) = 1 then any_value(l.region_code) end as region_code,
        case when count(distinct l.region_code) = 1 then any_value(l.region_name) end as region_name,
        case when count(distinct l.ca_code) = 1 and count(l.ca_code) = count(*)
            then any_value(l.ca_code) end as ca_code,
        case when count(distinct l.ca_code) = 1 and count(l.ca_code) = count(*)
            then any_value(l.ca_name) end as ca_name,
        '2024' as vintage,
        true as is_current,
        cast(null as varchar) as successor_code,
        any_value(b.lon) as lon,
        any_value(b.lat) as lat
    from lads as l
    left join staging.ons_geo__utla_boundaries as b on b.area_code = l.utla_code
    where l.utla_code like 'E10%'
    group by l.utla_code
),

regions as (
    select
        l.region_code as area_code,
        any_value(l.region_name) as area_name,
        'region' as level,
        false as is_lad,
        false as is_utla,
        cast(null as varchar) as utla_code,
        cast(null as varchar) as utla_name,
        l.region_code,
        any_value(l.region_name) as region_name,
        cast(null as varchar) as ca_code,
        cast(null as varchar) as ca_name,
        '2024' as vintage,
        true as is_current,
        cast(null as varchar) as successor_code,
        any_value(b.lon) as lon,
        any_value(b.lat) as lat
    from lads as l
    left join staging.ons_geo__region_boundaries as b on b.area_code = l.region_code
    group by l.region_code
),

combined_authorities as (
    select
        l.ca_code as area_code,
        any_value(l.ca_name) as area_name,
        'ca' as level,
        false as is_lad,
        false as is_utla,
        cast(null as varchar) as utla_code,
        cast(null as varchar) as utla_name,
        case when count(distinct l.region_code) = 1 then any_value(l.region_code) end as region_code,
        case when count(distinct l.region_code) = 1 then any_value(l.region_name) end as region_name,
        l.ca_code,
        any_value(l.ca_name) as ca_name,
        '2024' as vintage,
        true as is_current,
        cast(null as varchar) as successor_code,
        any_value(b.lon) as lon,
        any_value(b.lat) as lat
    from lads as l
    left join staging.ons_geo__ca_boundaries as b on b.area_code = l.ca_code
    where l.ca_code is not null
    group by l.ca_code
),

england as (
    select
        'E92000001' as area_code,
        'England' as area_name,
        'nation' as level,
        false as is_lad,
        false as is_utla,
        cast(null as varchar) as utla_code,
        cast(null as varchar) as utla_name,
        cast(null as varchar) as region_code,
        cast(null as varchar) as region_name,
        cast(null as varchar) as ca_code,
        cast(null as varchar) as ca_name,
        '2024' as vintage,
        true as is_current,
        cast(null as varchar) as successor_code,
        cast(null as double) as lon,
        cast(null as double) as lat
),

-- historic areas (pre-2024 districts, abolished counties): one row per area x 2024 district that
-- took it over. Parents and successor are given only where every successor agrees on them.
historic_parts as (
    select
        s.old_code as area_code,
        s.old_name as area_name,
        'lad' as level,
        true as is_lad,
        regexp_matches(s.old_code, '^E0[689]') as is_utla,
        s.change_year,
        s.lad24_code as successor
    from intermediate.lad_successors as s
    where s.change_type <> 'unchanged'
    union all
    select
        u.old_utla_code,
        u.old_utla_name,
        'county',
        false,
        true,
        u.change_year,
        u.successor_code
    from intermediate.utla_successors as u
    where u.coverage = 'whole'
),

historic as (
    select
        p.area_code,
        any_value(p.area_name) as area_name,
        any_value(p.level) as level,
        any_value(p.is_lad) as is_lad,
        any_value(p.is_utla) as is_utla,
        case when count(distinct l.utla_code) = 1 then any_value(l.utla_code) end as utla_code,
        case when count(distinct l.utla_code) = 1 then any_value(l.utla_name) end as utla_name,
        case when count(distinct l.region_code) = 1 then any_value(l.region_code) end as region_code,
        case when count(distinct l.region_code) = 1 then any_value(l.region_name) end as region_name,
        case when count(distinct l.ca_code) = 1 and count(l.ca_code) = count(*)
            then any_value(l.ca_code) end as ca_code,
        case when count(distinct l.ca_code) = 1 and count(l.ca_code) = count(*)
            then any_value(l.ca_name) end as ca_name,
        cast(min(p.change_year) as varchar) as vintage,
        false as is_current,
        case when count(*) = 1 then any_value(p.successor) end as successor_code,
        cast(null as double) as lon,
        cast(null as double) as lat
    from historic_parts as p
    join lads as l on l.lad_code = p.successor
    group by p.area_code
),

all_areas as (
    select * from current_lads
    union all by name select * from current_counties
    union all by name select * from regions
    union all by name select * from combined_authorities
    union all by name select * from england
    union all by name select * from historic
    union all by name select * from intermediate.areas__smc  -- SMC areas, level 'smc'
)

select
    area_code, area_name, level, is_lad, is_utla, utla_code, utla_name, region_code, region_name,
    ca_code, ca_name, vintage, is_current, successor_code, lon, lat
from all_areas
order by is_current desc, level, area_code
