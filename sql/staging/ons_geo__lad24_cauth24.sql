-- ONS LAD to Combined Authority (May 2024) lookup, England: only member districts are listed
-- (72 districts in 11 combined authorities).
with source as (
    select *
    from read_csv('geo/LAD24_CAUTH24_EN_LU.csv', header=true, columns={
        'LAD24CD': 'VARCHAR', 'LAD24NM': 'VARCHAR', 'CAUTH24CD': 'VARCHAR', 'CAUTH24NM': 'VARCHAR',
        'ObjectId': 'BIGINT'
    })
),

renamed as (
    select
        LAD24CD as lad_code,
        LAD24NM as lad_name,
        CAUTH24CD as ca_code,
        CAUTH24NM as ca_name
    from source
)

select * from renamed
