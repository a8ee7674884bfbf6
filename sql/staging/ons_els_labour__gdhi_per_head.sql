-- ONS Explore Local Statistics: gross disposable household income per head (current prices), 1997-2023.
-- One row per area x indicator x period, as published (tidy ELS layout).
with source as (
    select *
    from read_csv('labour/ons_els_gross-disposable-household-income-per-head.csv.gz', header=true, columns={
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
