-- Social Mobility Commission, State of the Nation 2026: each university's intake by socio-economic
-- decile (1 = most deprived) as a cumulative percentage, for the actual intake ("Enrolment"), the
-- equal scenario and the qualified pool ("Required"), with and without location weighting, exactly
-- as the file names the groups. One row per university x group x decile (0..10).
with source as (
    select cast(row_number() over () + 1 as integer) as line, *
    from read_csv('universities/smc_2026_university-deciles--full-dataset.csv', header=true, columns={
        'university_name': 'VARCHAR', 'university_slug': 'VARCHAR', 'group': 'VARCHAR',
        'decile': 'INTEGER', 'cumulative_percentage': 'DOUBLE'
    })
),

renamed as (
    select
        university_name as provider_name,
        university_slug as slug,
        "group" as curve,
        decile,
        cumulative_percentage,
        'universities/smc_2026_university-deciles--full-dataset.csv' as source_file,
        line
    from source
)

select * from renamed
