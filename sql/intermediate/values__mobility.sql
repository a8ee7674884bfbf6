-- The Social Mobility Commission's four composite indices in the indicator_values shape: one row
-- per index x SMC area x period, the z-score exactly as published, the Commission's category in
-- `note` (and as columns, for the smc_index_values mart). Period '2018 to 2020' -> '2018-20', year =
-- the end year. An area name that is not in data/seeds/smc_area_lad.csv stops the build, naming
-- the name, the file and the line.
with

areas as (
    select distinct trim(smc_area) as smc_area, trim(smc_code) as smc_code
    from seeds.smc_area_lad
),

indices (measure_code, indicator_id) as (
    values
        ('ci1', 'smc_childhood'),
        ('ci2', 'smc_labour_young'),
        ('ci3', 'smc_innovation'),
        ('ci4', 'smc_prospects')
),

resolved as (
    select
        s.*,
        i.indicator_id,
        case
            when a.smc_code is null then error(
                'SMC area "' || s.smc_area || '" in data/raw/' || s.source_file || ' line '
                || s.line || ' is not in data/seeds/smc_area_lad.csv: add it with its districts '
                || 'and the evidence for the grouping')
            when i.indicator_id is null then error(
                'unknown SMC measure_code "' || s.measure_code || '" in data/raw/'
                || s.source_file || ' line ' || s.line)
            else a.smc_code
        end as area_code,
        regexp_extract(s.time_period, '^(\d{4}) to (\d{4})$', ['y0', 'y1']) as years
    from staging.smc__son_composite_indices as s
    left join areas as a on a.smc_area = s.smc_area
    left join indices as i on i.measure_code = s.measure_code
)

select
    indicator_id,
    area_code,
    years.y0 || '-' || right(years.y1, 2) as period,
    cast(years.y1 as integer) as year,
    zscore as value,
    cast(null as double) as lower_ci,
    cast(null as double) as upper_ci,
    case when zscore is null then 'not_available' else 'ok' end as status,
    source_file,
    measure_code || ': ' || measure_title || ', ' || time_period as source_measure,
    'SMC category: ' || category || ' (' || category_rank || ' of 7)' as note,
    ---------- kept for the smc_index_values mart (the values mart takes the columns above)
    smc_area,
    category,
    category_rank,
    line
from resolved
