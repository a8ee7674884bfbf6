-- Census 2021 TS067 highest level of qualification, usual residents aged 16+, by 2021 district
-- (England 309 + Wales 22; before the April 2023 mergers).
with source as (
    select *
    from read_csv('population/census2021_ts067_highest_qualification_lad2021.csv', header=true, columns={
        'lad_code': 'VARCHAR', 'lad_name': 'VARCHAR', 'country': 'VARCHAR',
        'n_aged16plus': 'BIGINT', 'n_no_qualifications': 'BIGINT', 'n_level1_entry': 'BIGINT',
        'n_level2': 'BIGINT', 'n_apprenticeship': 'BIGINT', 'n_level3': 'BIGINT',
        'n_level4_plus': 'BIGINT', 'n_other': 'BIGINT', 'n_under16_does_not_apply': 'BIGINT',
        'pct_level4_plus': 'DOUBLE', 'pct_no_qualifications': 'DOUBLE'
    })
),

renamed as (
    select
        lad_code as lad21_code,
        lad_name as lad21_name,
        country,
        ---------- counts (persons)
        n_aged16plus,
        n_no_qualifications,
        n_level1_entry,
        n_level2,
        n_apprenticeship,
        n_level3,
        n_level4_plus,
        n_other,
        n_under16_does_not_apply,
        ---------- percentages of n_aged16plus, as published in the tidy file (2 dp)
        pct_level4_plus,
        pct_no_qualifications
    from source
)

select * from renamed
