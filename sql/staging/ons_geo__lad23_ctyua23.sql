-- ONS LAD to County and Unitary Authority (April 2023) lookup, England rows only
-- (296 districts -> 153 upper-tier authorities).
with source as (
    select *
    from read_csv('geo/LAD23_CTYUA23_EW_LU.csv', header=true, columns={
        'LTLA23CD': 'VARCHAR', 'LTLA23NM': 'VARCHAR', 'LTLA23NMW': 'VARCHAR',
        'UTLA23CD': 'VARCHAR', 'UTLA23NM': 'VARCHAR', 'UTLA23NMW': 'VARCHAR',
        'ObjectId': 'BIGINT'
    })
),

renamed as (
    select
        LTLA23CD as lad_code,
        LTLA23NM as lad_name,
        UTLA23CD as utla_code,
        UTLA23NM as utla_name
    from source
    where LTLA23CD like 'E%'
)

select * from renamed
