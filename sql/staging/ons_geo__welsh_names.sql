-- The Welsh-language names of Wales's 22 principal areas (LTLA23NMW of the ONS LAD to County and
-- Unitary Authority (April 2023) lookup), so "Caerdydd" finds Cardiff in the place search.
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
        LTLA23NMW as lad_name_welsh
    from source
    where LTLA23CD like 'W%'
)

select * from renamed
