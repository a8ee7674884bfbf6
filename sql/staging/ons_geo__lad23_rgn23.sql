-- ONS Local Authority District to Region (December 2023) lookup, England: 296 districts
-- (the LAD23 code set is identical to LAD24).
with source as (
    select *
    from read_csv('geo/LAD23_RGN23_EN_LU.csv', header=true, columns={
        'LAD23CD': 'VARCHAR', 'LAD23NM': 'VARCHAR', 'RGN23CD': 'VARCHAR', 'RGN23NM': 'VARCHAR',
        'ObjectId': 'BIGINT'
    })
),

renamed as (
    select
        LAD23CD as lad_code,
        LAD23NM as lad_name,
        RGN23CD as region_code,
        RGN23NM as region_name
    from source
)

select * from renamed
