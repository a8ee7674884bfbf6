-- Health indicator values in the indicator_values shape (see docs/CONTRACT.md).
--   le_male / le_female         OHID Fingertips 90366, districts & UAs + England, 3-year periods
--   le_sii_male / le_sii_female OHID Fingertips 92901 (slope index of inequality in LE)
--   hle_male / hle_female       ONS healthy life expectancy via Explore Local Statistics, upper tier,
--                               with 95% CIs (decoded in intermediate.lhd__els_observations)
-- Fingertips rows: England and the 296 current (2024) districts; the pre-2023 districts of
-- Cumbria, North Yorkshire and Somerset that appear in 2015-17 ... 2019-21 are kept as historic
-- areas when intermediate.lad_successors knows them. 'NA' in the extract -> not_available.
with fingertips as (
    select
        'le_' || lower(sex) as indicator_id,
        'health/ohid_fingertips_90366_life_expectancy_at_birth_lad.csv' as source_file,
        *
    from staging.ohid__fingertips_90366_life_expectancy
    union all by name
    select
        'le_sii_' || lower(sex) as indicator_id,
        'health/ohid_fingertips_92901_sii_life_expectancy_lad.csv' as source_file,
        *
    from staging.ohid__fingertips_92901_sii_life_expectancy
),

-- '2015 - 17' -> period '2015-17', year 2017
fingertips_values as (
    select
        f.indicator_id,
        f.area_code,
        case
            when regexp_matches(f.period, '^\d{4} - \d{2}$') then replace(f.period, ' - ', '-')
            else error('unrecognised Fingertips period ''' || f.period || ''' in ' || f.source_file)
        end as period,
        cast(left(f.period, 2) || right(f.period, 2) as integer) as year,
        f.value,
        cast(null as double) as lower_ci,
        cast(null as double) as upper_ci,
        case when f.value is null then 'not_available' else 'ok' end as status,
        f.source_file,
        f.indicator as source_measure,
        case
            when s.change_type <> 'unchanged' then 'historic area (pre-' || s.change_year || ' district)'
        end as note
    from fingertips as f
    left join intermediate.lad_successors as s on s.old_code = f.area_code
    where f.sex in ('Male', 'Female')
      and (f.area_code = 'E92000001' or s.old_code is not null)
),

hle_values as (
    select
        case source_measure
            when 'Male healthy life expectancy' then 'hle_male'
            when 'Female healthy life expectancy' then 'hle_female'
        end as indicator_id,
        area_code, period, year, value, lower_ci, upper_ci, status, source_file, source_measure, note
    from intermediate.lhd__els_observations
    where source_file = 'health/ons_els_healthy-life-expectancy.csv'
)

select * from fingertips_values
union all
select * from hle_values where indicator_id is not null
order by indicator_id, area_code, year
