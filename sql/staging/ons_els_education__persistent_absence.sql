-- ONS Explore Local Statistics: persistent absence, all pupils (DfE pupil absence in schools in England),
-- 2006/07-2024/25 (no 2019/20). Academic years are dated from 1 August (2024-08-01/P1Y = 2024/25).
-- Tidy ELS layout, one row per area x period; nation, regions, combined authorities and
-- upper-tier authorities (single-tier councils appear as districts). UTF-8 with BOM.
with source as (
    select *
    from read_csv('education/ons_els_persistent-absences-for-all-pupils.csv', header=true, columns={
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
