-- ONS Explore Local Statistics: GCSEs (and equivalent) in English and maths by age 19 (DfE), 2016/17-2024/25.
-- Tidy ELS layout, one row per area x period; all geographies as published (nation, regions,
-- combined authorities, counties/unitaries, districts). UTF-8 with BOM (DuckDB strips it).
with source as (
    select *
    from read_csv('education/ons_els_gcses-in-english-and-maths.csv', header=true, columns={
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
