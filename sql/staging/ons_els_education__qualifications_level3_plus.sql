-- ONS Explore Local Statistics: qualifications at level 3 or above (APS, aged 16-64), 2022-2023, Great Britain (districts, nations, GB and a UK row).
-- One row per area x indicator x period, as published (tidy ELS layout).
with source as (
    select *
    from read_csv('education/ons_els_qualifications-level-3-or-above.csv', header=true, columns={
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
