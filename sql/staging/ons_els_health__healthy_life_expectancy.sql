-- ONS Explore Local Statistics: male / female healthy life expectancy at birth, 3-year periods 2011-13 to 2022-24.
-- Upper tier only (counties/UTLAs, metropolitan districts, London boroughs).
-- One row per area x indicator x period, as published (tidy ELS layout).
with source as (
    select *
    from read_csv('health/ons_els_healthy-life-expectancy.csv', header=true, columns={
        'areacd': 'VARCHAR', 'areanm': 'VARCHAR', 'geography': 'VARCHAR', 'indicator': 'VARCHAR',
        'period': 'VARCHAR', 'observation': 'DOUBLE', 'measure': 'VARCHAR', 'unit': 'VARCHAR',
        'lci_95': 'DOUBLE', 'uci_95': 'DOUBLE', 'status': 'VARCHAR', 'notes': 'VARCHAR'
    })
),

renamed as (
    select
        ---------- area
        areacd as area_code,
        areanm as area_name,
        geography,
        ---------- what and when
        indicator,
        period,
        measure,
        unit,
        ---------- values
        observation as value,
        lci_95 as lower_ci,
        uci_95 as upper_ci,
        status,
        notes
    from source
)

select * from renamed
