-- One row per area: the 2024 English geography (296 districts, 21 counties, 9 regions,
-- 11 combined authorities, England) plus every district or county code that ceased since 2011;
-- the councils of Wales (22 principal areas, W06), Scotland (32 council areas, S12) and Northern
-- Ireland (11 districts, N09) as single-tier districts (is_lad and is_utla, utla_code = own code,
-- no region); the nations Wales, Scotland and Northern Ireland (level 'nation', like England) and
-- the United Kingdom (K02000001) and Great Britain (K03000001) (level 'uk').
-- country_code / country_name: the nation an area lies in (null for the UK and Great Britain).
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

-- Wales, Scotland and Northern Ireland: councils are single-tier, named as in the boundary file
other_nations_lads as (
    select
        b.area_code,
        b.area_name,
        'lad' as level,
        true as is_lad,
        true as is_utla,
        b.area_code as utla_code,
        b.area_name as utla_name,
        cast(null as varchar) as region_code,
        cast(null as varchar) as region_name,
        cast(null as varchar) as ca_code,
        cast(null as varchar) as ca_name,
        '2024' as vintage,
        true as is_current,
        cast(null as varchar) as successor_code,
        b.lon,
        b.lat
    from staging.ons_geo__lad_boundaries as b
    where regexp_matches(b.area_code, '^(W06|S12|N09)')
),

nations_and_uk as (
    select
        code as area_code,
        name as area_name,
        level,
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
    from (values
        ('W92000004', 'Wales', 'nation'),
        ('S92000003', 'Scotland', 'nation'),
        ('N92000002', 'Northern Ireland', 'nation'),
        ('K02000001', 'United Kingdom', 'uk'),
        ('K03000001', 'Great Britain', 'uk')
    ) as n (code, name, level)
),

all_areas as (
    select * from current_lads
    union all by name select * from other_nations_lads
    union all by name select * from nations_and_uk
    union all by name select * from current_counties
    union all by name select * from regions
    union all by name select * from combined_authorities
    union all by name select * from england
    union all by name select * from historic
    union all by name select * from intermediate.areas__smc  -- SMC areas, level 'smc'
)

select
    area_code, area_name, level, is_lad, is_utla, utla_code, utla_name, region_code, region_name,
    ca_code, ca_name, vintage, is_current, successor_code, lon, lat,
    case left(area_code, 1)
        when 'E' then 'E92000001' when 'W' then 'W92000004'
        when 'S' then 'S92000003' when 'N' then 'N92000002'
    end as country_code,
    case left(area_code, 1)
        when 'E' then 'England' when 'W' then 'Wales'
        when 'S' then 'Scotland' when 'N' then 'Northern Ireland'
    end as country_name
from all_areas
order by is_current desc, level, area_code
