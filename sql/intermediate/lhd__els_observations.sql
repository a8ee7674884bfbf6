-- Every observation from the ONS Explore Local Statistics (ELS) files used by the labour, skills,
-- health and deprivation values models, in one tidy shape with the period decoded, the status
-- mapped to the contract's vocabulary and one row per area x indicator x period.
--
-- Geography: filtered on the file's `geography` column. Districts (E06/E07/E08/E09) come from
-- 'Local Authority District' rows, and from 'County or Unitary Authority' rows only where the file
-- has no district row for the same code: in these files unitary authorities (E06) are published
-- ONLY as 'County or Unitary Authority' rows (no file repeats a code under both headings), so
-- keeping E10 alone from that heading would lose all 63 unitaries. Counties E10, regions E12,
-- combined authorities E47, England E92 ('Nation'). Outside England: the councils of Wales (W06),
-- Scotland (S12) and Northern Ireland (N09) from 'Local Authority District' rows, the nations
-- W92/S92/N92 ('Nation') and the United Kingdom K02 / Great Britain K03 ('Country'), all as
-- published (never averaged). England and Wales (K04), ITL and E13 (Inner/Outer London) rows
-- are dropped.
--
-- Barnsley / Sheffield: the atlas uses the 2024 codes E08000016 / E08000019, as do the labour
-- files. Where a file carries both those and the 2025 codes E08000038 / E08000039 (child poverty),
-- the 2025-code rows are exact duplicates and are dropped. Where a file has only the 2025 codes
-- (healthy life expectancy), the rows are shown under the 2024 code with a note.
with observations as (
    select 'labour/ons_els_employment-rate.csv.gz' as source_file, *
    from staging.ons_els_labour__employment_rate
    union all by name
    select 'labour/ons_els_claimant-count.csv.gz' as source_file, *
    from staging.ons_els_labour__claimant_count
    union all by name
    select 'labour/ons_els_gross-median-weekly-pay.csv' as source_file, *
    from staging.ons_els_labour__gross_median_weekly_pay
    union all by name
    select 'labour/ons_els_gross-disposable-household-income-per-head.csv.gz' as source_file, *
    from staging.ons_els_labour__gdhi_per_head
    union all by name
    select 'labour/ons_els_modelled-unemployment.csv' as source_file, *
    from staging.ons_els_labour__modelled_unemployment
    union all by name
    select
        'labour/ons_els_economically-inactive-due-to-long-term-sickness.csv.gz' as source_file,
        area_code, area_name, geography, indicator, period, measure, unit,
        value, lower_ci, upper_ci, status, notes
    from staging.ons_els_labour__inactive_lts_sick
    union all by name
    select 'education/ons_els_qualifications-level-3-or-above.csv' as source_file, *
    from staging.ons_els_education__qualifications_level3_plus
    union all by name
    select 'education/ons_els_qualifications-none-gb.csv' as source_file, *
    from staging.ons_els_education__qualifications_none    union all by name
    select 'health/ons_els_healthy-life-expectancy.csv' as source_file, *
    from staging.ons_els_health__healthy_life_expectancy
    union all by name
    select 'deprivation/dwp_els_children-in-relative-poverty.csv' as source_file, *
    from staging.dwp__children_in_relative_poverty
),

published as (
    select
        *,
        case area_code when 'E08000038' then 'E08000016' when 'E08000039' then 'E08000019' end as code_2024
    from observations
    where (geography = 'Local Authority District' and regexp_matches(area_code, '^E0[6-9]'))
       or (geography = 'County or Unitary Authority' and regexp_matches(area_code, '^E(06|08|09|10)'))
       or (geography = 'Region' and area_code like 'E12%')
       -- combined authorities of the 2024 geography only: the four created in 2025 (E47000015-18,
       -- Devon and Torbay, Hull and East Yorkshire, Greater Lincolnshire, Lancashire) are not areas here
       or (geography = 'Combined Authority or City Region' and area_code like 'E47%'
           and area_code not in ('E47000015', 'E47000016', 'E47000017', 'E47000018'))
       or (geography = 'Nation' and area_code = 'E92000001')
       -- Wales, Scotland, Northern Ireland, the UK and Great Britain
       or (geography = 'Local Authority District' and regexp_matches(area_code, '^(W06|S12|N09)'))
       or (geography = 'Nation' and area_code in ('W92000004', 'S92000003', 'N92000002'))
       or (geography = 'Country' and area_code in ('K02000001', 'K03000001'))
),

deduplicated as (
    select
        *,
        coalesce(code_2024, area_code) as atlas_code
    from published
    qualify row_number() over (
        partition by source_file, indicator, coalesce(code_2024, area_code), period
        order by code_2024 is not null, geography <> 'Local Authority District'
    ) = 1
),

-- ELS periods: '2023-01-01/P1Y' calendar year, '2021-04-01/P1Y' financial year (April start),
-- '2022-01-01/P3Y' three calendar years, '2025-04-30' ASHE reference date, '2022' (older layout).
periods as (
    select
        *,
        cast(left(period, 4) as integer) as start_year,
        case
            when regexp_matches(period, '^\d{4}-01-01/P1Y$') then 'calendar'
            when regexp_matches(period, '^\d{4}-04-01/P1Y$') then 'financial'
            when regexp_matches(period, '^\d{4}-01-01/P3Y$') then '3-year'
            when regexp_matches(period, '^\d{4}-\d{2}-\d{2}$') then 'reference date'
            when regexp_matches(period, '^\d{4}$') then 'calendar'
        end as period_kind
    from deduplicated
),

decoded as (
    select
        source_file,
        indicator as source_measure,
        atlas_code as area_code,
        period as source_period,
        case period_kind
            when 'calendar' then cast(start_year as varchar)
            when 'reference date' then cast(start_year as varchar)
            when 'financial' then start_year || '/' || right(cast(start_year + 1 as varchar), 2)
            when '3-year' then start_year || '-' || right(cast(start_year + 2 as varchar), 2)
            else error('unrecognised ELS period ''' || period || ''' in ' || source_file)
        end as period,
        case period_kind
            when 'financial' then start_year + 1
            when '3-year' then start_year + 2
            else start_year
        end as year,
        case
            when status is null and value is not null then 'ok'
            when status is null then 'not_available'
            when status = 'x' then 'not_available'
            when status = 'u' then 'unreliable'
            else error('unrecognised ELS status ''' || status || ''' in ' || source_file)
        end as status,
        value,
        lower_ci,
        upper_ci,
        case
            when code_2024 is not null
                then 'published under the 2025 code ' || area_code || '; shown under the 2024 code ' || code_2024
        end as note
    from periods
)

select
    source_file,
    source_measure,
    area_code,
    source_period,
    period,
    year,
    case when status = 'ok' then value end as value,
    case when status = 'ok' then lower_ci end as lower_ci,
    case when status = 'ok' then upper_ci end as upper_ci,
    status,
    note
from decoded
