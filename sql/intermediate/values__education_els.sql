-- ONS Explore Local Statistics education series in the indicator_values shape, district (LAD)
-- level plus every other geography ONS publishes (counties/unitaries, combined authorities,
-- regions, England), values as published.
--   ks2_rwm_lad    : KS2 % meeting the expected standard in reading, writing and maths
--   gcse_em_19_lad : % with GCSEs (and equivalent) in English and maths by age 19
--   absence_persistent : % of pupils persistently absent (upper tier: ONS publishes it for
--                    counties and unitaries; single-tier councils are filed as districts)
-- Periods: '2024-09-01/P1Y' (or '2024-08-01/P1Y' for absence, dated from 1 August) = academic
--   year 2024/25 -> period '2024/25', year 2025.
-- Status: ELS 'x' -> not_available, 'u' -> unreliable, 'c' -> suppressed; the value is NULL
--   whenever the status is not 'ok'.
-- Areas: ONS also publishes the same figures on superseded codes. Kept: districts abolished
--   2019-2023 (note 'historic area (ceased YYYY)'). Dropped: Inner/Outer London (E13, not an atlas
--   area), the April 2025 codes for Barnsley and Sheffield (E08000038, E08000039), which repeat
--   the values of E08000016 / E08000019, the codes in the atlas's 2024 geography, and the four
--   combined authorities created in 2025 (E47000015-18: Devon and Torbay, Hull and East Yorkshire,
--   Greater Lincolnshire, Lancashire), which are not in the 2024 geography either.
with

els as (
    select *, 'ks2_rwm_lad' as indicator_id,
        'education/ons_els_pupils-at-expected-standards-by-end-of-primary-school.csv' as source_file
    from staging.ons_els_education__ks2_expected_standard
    union all
    select *, 'gcse_em_19_lad', 'education/ons_els_gcses-in-english-and-maths.csv'
    from staging.ons_els_education__gcse_english_maths_19
    union all
    select *, 'absence_persistent', 'education/ons_els_persistent-absences-for-all-pupils.csv'
    from staging.ons_els_education__persistent_absence
),

kept as (
    select *
    from els
    where area_code like 'E%'
        and area_code not like 'E13%'
        and area_code not in ('E08000038', 'E08000039')
        and area_code not in ('E47000015', 'E47000016', 'E47000017', 'E47000018')
),

shaped as (
    select
        indicator_id,
        area_code,
        -- start year of the academic year; NULL (caught by the period tests) if not 'YYYY-09-01/P1Y'
        case
            when regexp_matches(period, '^\d{4}-0[89]-01/P1Y$') then cast(left(period, 4) as integer)
        end as start_year,
        case
            when status is null and value is not null then 'ok'
            when status = 'x' then 'not_available'
            when status = 'u' then 'unreliable'
            when status = 'c' then 'suppressed'
        end as status,
        value,
        lower_ci,
        upper_ci,
        source_file,
        indicator as source_measure,
        notes
    from kept
)

select
    indicator_id,
    area_code,
    start_year || '/' || right(cast(start_year + 1 as varchar), 2) as period,
    start_year + 1 as year,
    case when status = 'ok' then value end as value,
    case when status = 'ok' then lower_ci end as lower_ci,
    case when status = 'ok' then upper_ci end as upper_ci,
    status,
    source_file,
    source_measure,
    case
        -- 'Obsolete code since 2025' (Barnsley, Sheffield) is still current in the 2024 geography
        when try_cast(regexp_extract(notes, '^Obsolete code since (\d{4})', 1) as integer) <= 2024
            then 'historic area (ceased ' || regexp_extract(notes, '^Obsolete code since (\d{4})', 1) || ')'
        when notes like 'This data has been aggregated%'
            then 'ONS aggregate; may differ from other published figures'
    end as note
from shaped
