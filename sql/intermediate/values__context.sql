-- Context indicators in the indicator_values shape (docs/CONTRACT.md):
--   population         ONS mid-year estimates 2011–2023, as published for 2023 areas (districts,
--                      counties, regions, England), so no harmonisation is needed.
--   census_level4_plus Census 2021 TS067, % of usual residents aged 16+ whose highest qualification
--   census_no_quals    is Level 4 or above / who have no qualifications. Published for 2021
--                      districts: unchanged districts keep the published percentage; the four
--                      2023 unitaries (Cumberland, Westmorland and Furness, North Yorkshire,
--                      Somerset) are rebuilt by summing their predecessors' counts; regions and
--                      England are sums of the district counts (counts, never averaged rates).
--                      Wales: its 22 principal areas are unchanged since 2021 (values as
--                      published) and Wales is the sum of their counts. Census 2021 in Scotland
--                      and Northern Ireland is a different census (not in this file).
with

population as (
    select
        'population' as indicator_id,
        area_code,
        cast("year" as varchar) as period,
        "year",
        cast(population as double) as value,
        'population/ons_mye_population_ew_2011_2023_la2023_long.csv' as source_file,
        'population' as source_measure,
        cast(null as varchar) as note
    from staging.ons_population__mye_total
    where regexp_matches(area_code, '^E(0[6-9]|10|12|92)')
),

census_lad21 as (
    select c.*, s.lad24_code, s.change_type, r.region_code
    from staging.census__ts067_qualifications as c
    join intermediate.lad_successors as s on s.old_code = c.lad21_code
    join staging.ons_geo__lad23_rgn23 as r on r.lad_code = s.lad24_code
    where c.lad21_code like 'E%'
),

census_lad24 as (
    select
        lad24_code as area_code,
        count(*) = 1 and bool_and(change_type = 'unchanged') as as_published,
        sum(n_aged16plus) as n_aged16plus,
        sum(n_level4_plus) as n_level4_plus,
        sum(n_no_qualifications) as n_no_qualifications,
        any_value(pct_level4_plus) as pct_level4_plus,
        any_value(pct_no_qualifications) as pct_no_qualifications
    from census_lad21
    group by lad24_code
),

census_wales as (
    select *
    from staging.census__ts067_qualifications
    where regexp_matches(lad21_code, '^W06')
),

census_areas as (
    select
        lad21_code as area_code, true as as_published, n_aged16plus, n_level4_plus,
        n_no_qualifications, pct_level4_plus, pct_no_qualifications, null as note
    from census_wales
    union all
    select
        'W92000004', false, sum(n_aged16plus), sum(n_level4_plus), sum(n_no_qualifications),
        null, null, 'summed from 2021 district counts'
    from census_wales
    union all
    select
        area_code,
        as_published,
        n_aged16plus,
        n_level4_plus,
        n_no_qualifications,
        pct_level4_plus,
        pct_no_qualifications,
        case when not as_published then 'rebuilt from 2021 districts' end as note
    from census_lad24
    union all
    select
        region_code, false, sum(n_aged16plus), sum(n_level4_plus), sum(n_no_qualifications),
        null, null, 'summed from 2021 district counts'
    from census_lad21
    group by region_code
    union all
    select
        'E92000001', false, sum(n_aged16plus), sum(n_level4_plus), sum(n_no_qualifications),
        null, null, 'summed from 2021 district counts'
    from census_lad21
),

census as (
    select
        'census_level4_plus' as indicator_id,
        area_code,
        case when as_published then pct_level4_plus
             else round(100.0 * n_level4_plus / n_aged16plus, 2) end as value,
        case when as_published then 'pct_level4_plus'
             else 'n_level4_plus / n_aged16plus' end as source_measure,
        note
    from census_areas
    union all
    select
        'census_no_quals',
        area_code,
        case when as_published then pct_no_qualifications
             else round(100.0 * n_no_qualifications / n_aged16plus, 2) end,
        case when as_published then 'pct_no_qualifications'
             else 'n_no_qualifications / n_aged16plus' end,
        note
    from census_areas
)

select
    indicator_id, area_code, period, "year", value,
    cast(null as double) as lower_ci, cast(null as double) as upper_ci,
    'ok' as status, source_file, source_measure, note
from population
union all
select
    indicator_id, area_code, '2021' as period, 2021 as "year", value,
    cast(null as double) as lower_ci, cast(null as double) as upper_ci,
    case when value is null then 'not_available' else 'ok' end as status,
    'population/census2021_ts067_highest_qualification_lad2021.csv' as source_file,
    source_measure, note
from census
order by indicator_id, area_code, "year"
