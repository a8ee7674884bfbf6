-- ONS mid-year population estimates (MYE4), mid-2011 to mid-2023, Census-2021 based, April 2023
-- local authority boundaries (earlier years back-cast onto them). England and Wales.
with source as (
    select *
    from read_csv('population/ons_mye_population_ew_2011_2023_la2023_long.csv', header=true, columns={
        'area_code': 'VARCHAR', 'area_name': 'VARCHAR', 'geography': 'VARCHAR',
        'year': 'INTEGER', 'population': 'BIGINT'
    })
),

renamed as (
    select
        area_code,
        area_name,
        geography as ons_geography,
        "year",
        population
    from source
)

select * from renamed
