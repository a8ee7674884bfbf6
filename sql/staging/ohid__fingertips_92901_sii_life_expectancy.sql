-- OHID Fingertips indicator 92901 "Inequality in life expectancy at birth" (slope index of
-- inequality, years) by sex, Districts & UAs + England, '2015 - 17' ... '2022 - 24'
-- (Trafford Data Lab extract: values rounded to 1 dp, no CIs).
-- 'NA' marks a value not published (City of London, Isles of Scilly, small districts).
with source as (
    select *
    from read_csv('health/ohid_fingertips_92901_sii_life_expectancy_lad.csv', header=true, nullstr=['NA', ''], columns={
        'area_code': 'VARCHAR', 'area_name': 'VARCHAR', 'area_type': 'VARCHAR', 'period': 'VARCHAR',
        'indicator': 'VARCHAR', 'measure': 'VARCHAR', 'unit': 'VARCHAR', 'value': 'DOUBLE',
        'compared_to_England': 'VARCHAR', 'inequality': 'VARCHAR'
    })
),

renamed as (
    select
        ---------- area
        area_code,
        area_name,
        area_type,
        ---------- what and when
        indicator,
        measure,
        inequality as sex,  -- the extract's 'inequality' column holds the sex (Male / Female)
        period,
        unit,
        ---------- values
        value,
        compared_to_England as compared_to_england
    from source
)

select * from renamed
