-- Deprivation indicator values in the indicator_values shape (see docs/CONTRACT.md).
--
-- IoD2019 (File 10, 317 districts on 2019 codes), harmonised to 2024 districts:
--   * districts unchanged since 2019 keep their File 10 values;
--   * imd2019_pct_most_deprived for a successor of merged districts (Buckinghamshire 2020,
--     North/West Northamptonshire 2021, Cumberland, Westmorland and Furness, North Yorkshire,
--     Somerset 2023) is rebuilt from the LSOA deciles in File 2: the share of the successor's
--     LSOAs in IMD decile 1. (sql/tests/deprivation_imd2019_rebuild_matches_file10.sql checks the
--     same recomputation reproduces File 10 for every 2019 district.)
--   * an average score cannot be rebuilt without LSOA scores (not in File 2): no successor value
--     is invented; the merged 2019 districts' own File 10 values stay as historic rows (for both
--     measures), under their 2019 codes.
-- IoD2025 (File 10, 296 districts on 2024 codes): as published.
-- Proportions are expressed as percentages (x 100). No England rows exist for IoD district summaries.
-- Child poverty (DWP via ELS): decoded in intermediate.lhd__els_observations; no England row in the file.
with successors as (
    select old_code, lad24_code, lad24_name, change_year, change_type
    from intermediate.lad_successors
),

file10_2019 as (
    select f.*, s.lad24_code, s.lad24_name, s.change_year, s.change_type
    from staging.mhclg_iod__2019_lad_imd as f
    left join successors as s on s.old_code = f.lad19_code
),

imd2019_published as (
    select
        'imd2019_avg_score' as indicator_id,
        lad19_code as area_code,
        imd_average_score as value,
        'IMD - Average score ' as source_measure,
        change_type, change_year, lad24_code, lad24_name
    from file10_2019
    union all
    select
        'imd2019_pct_most_deprived',
        lad19_code,
        round(100 * imd_prop_lsoas_most_deprived_10pc, 2),
        'IMD - Proportion of LSOAs in most deprived 10% nationally ',
        change_type, change_year, lad24_code, lad24_name
    from file10_2019
),

imd2019_file10_rows as (
    select
        indicator_id,
        area_code,
        value,
        'deprivation/File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx' as source_file,
        source_measure,
        case
            when change_type = 'unchanged' then null
            when change_type = 'merged'
                then 'historic area: merged into ' || lad24_name || ' (' || lad24_code || ') in ' || change_year
            else 'historic area: replaced by ' || lad24_name || ' (' || lad24_code || ') in ' || change_year
        end as note
    from imd2019_published
),

successors_to_rebuild as (
    select distinct lad24_code
    from file10_2019
    where change_type <> 'unchanged'
),

imd2019_rebuilt as (
    select
        'imd2019_pct_most_deprived' as indicator_id,
        s.lad24_code as area_code,
        round(100 * avg(case when l.imd_decile = 1 then 1 else 0 end), 2) as value,
        'deprivation/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz' as source_file,
        'Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)' as source_measure,
        'rebuilt from LSOA deciles (IoD2019 File 2) for 2024 boundaries' as note
    from staging.mhclg_iod__2019_lsoa_domains as l
    join successors as s on s.old_code = l.lad19_code
    where s.lad24_code in (select lad24_code from successors_to_rebuild)
    group by s.lad24_code
),

imd2019 as (
    select indicator_id, area_code, '2019' as period, 2019 as year, value, source_file, source_measure, note
    from imd2019_file10_rows
    union all
    select indicator_id, area_code, '2019', 2019, value, source_file, source_measure, note
    from imd2019_rebuilt
),

imd2025 as (
    select
        'imd2025_avg_score' as indicator_id,
        lad24_code as area_code,
        '2025' as period,
        2025 as year,
        imd_average_score as value,
        'deprivation/mhclg_iod2025_file10_lad_summaries_ltla24_from_humaniverse_IMD.csv' as source_file,
        'imd_average_score' as source_measure,
        cast(null as varchar) as note
    from staging.mhclg_iod__2025_lad_summaries
    union all
    select
        'imd2025_pct_most_deprived',
        lad24_code,
        '2025',
        2025,
        round(100 * imd_prop_lsoas_most_deprived_10pc, 2),
        'deprivation/mhclg_iod2025_file10_lad_summaries_ltla24_from_humaniverse_IMD.csv',
        'imd_proportion_of_lso_as_in_most_deprived_10_percent_nationally',
        null
    from staging.mhclg_iod__2025_lad_summaries
),

iod as (
    select
        indicator_id,
        area_code,
        period,
        year,
        value,
        cast(null as double) as lower_ci,
        cast(null as double) as upper_ci,
        case when value is null then 'not_available' else 'ok' end as status,
        source_file,
        source_measure,
        note
    from (select * from imd2019 union all select * from imd2025)
),

child_poverty as (
    select
        case source_measure
            when 'Children in relative poverty before housing costs' then 'child_poverty_bhc'
            when 'Children in relative poverty after housing costs' then 'child_poverty_ahc'
        end as indicator_id,
        area_code, period, year, value, lower_ci, upper_ci, status, source_file, source_measure, note
    from intermediate.lhd__els_observations
    where source_file = 'deprivation/dwp_els_children-in-relative-poverty.csv'
)

select * from iod
union all
select * from child_poverty where indicator_id is not null
order by indicator_id, area_code, year
