-- MHCLG English indices of deprivation 2019, File 10 (sheet IMD): local authority district
-- summaries for the 317 LADs on 2019 codes. Loaded from the xlsx by pipelines/extracts/deprivation.py
-- (the official headers end with a trailing space). Proportions are 0-1; rank 1 = most deprived.
with source as (
    select * from raw.iod2019_lad_imd
),

renamed as (
    select
        ---------- area (2019 LAD codes)
        "Local Authority District code (2019)" as lad19_code,
        "Local Authority District name (2019)" as lad19_name,
        ---------- summary measures
        cast("IMD - Average rank " as double) as imd_average_rank,
        cast("IMD - Rank of average rank " as integer) as imd_rank_of_average_rank,
        cast("IMD - Average score " as double) as imd_average_score,
        cast("IMD - Rank of average score " as integer) as imd_rank_of_average_score,
        cast("IMD - Proportion of LSOAs in most deprived 10% nationally " as double) as imd_prop_lsoas_most_deprived_10pc,
        cast("IMD - Rank of proportion of LSOAs in most deprived 10% nationally " as integer) as imd_rank_of_prop_lsoas_most_deprived_10pc,
        cast("IMD 2019 - Extent " as double) as imd_extent,
        cast("IMD 2019 - Rank of extent " as integer) as imd_rank_of_extent,
        cast("IMD 2019 - Local concentration " as double) as imd_local_concentration,
        cast("IMD 2019 - Rank of local concentration " as integer) as imd_rank_of_local_concentration
    from source
)

select * from renamed
