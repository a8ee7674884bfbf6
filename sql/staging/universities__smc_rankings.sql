-- Social Mobility Commission, State of the Nation 2026: university social-mobility rankings, one row
-- per university (94 English universities, 2018-2020 entrants), with the file and line it came from.
-- Coefficients: positive = a more disadvantaged intake than the reference pool. Rank 1 = best of 94.
with source as (
    select cast(row_number() over () + 1 as integer) as line, *
    from read_csv('universities/smc_2026_university-rankings--full-dataset.csv', header=true, columns={
        'university_name': 'VARCHAR', 'university_slug': 'VARCHAR',
        'equal_access_coefficient': 'DOUBLE', 'social_mobility_coefficient': 'DOUBLE',
        'social_mobility_with_location_coefficient': 'DOUBLE',
        'equal_access_ranking': 'INTEGER', 'social_mobility_ranking': 'INTEGER',
        'social_mobility_with_location_ranking': 'INTEGER'
    })
),

renamed as (
    select
        -- identity
        university_name as provider_name,
        university_slug as slug,
        -- the three coefficients and their ranks
        equal_access_coefficient,
        social_mobility_coefficient,
        social_mobility_with_location_coefficient as location_coefficient,
        equal_access_ranking as equal_access_rank,
        social_mobility_ranking as social_mobility_rank,
        social_mobility_with_location_ranking as location_rank,
        -- provenance
        'universities/smc_2026_university-rankings--full-dataset.csv' as source_file,
        line
    from source
)

select * from renamed
