-- ONS Local Authority District (2011) to LAD (2021) lookup, England and Wales.
-- One row per 2011 district; 31 rows change code (renames and the 2019–2021 mergers).
with source as (
    select *
    from read_csv('geo/LAD11_LAD21_EW_LU.csv', header=true, columns={
        'LAD11CD': 'VARCHAR', 'LAD11NM': 'VARCHAR', 'LAD11NMW': 'VARCHAR',
        'LAD21CD': 'VARCHAR', 'LAD21NM': 'VARCHAR', 'LAD21NMW': 'VARCHAR',
        'ObjectId': 'BIGINT'
    })
),

renamed as (
    select
        ---------- 2011 district
        LAD11CD as lad11_code,
        LAD11NM as lad11_name,
        ---------- 2021 district
        LAD21CD as lad21_code,
        LAD21NM as lad21_name
    from source
)

select * from renamed
