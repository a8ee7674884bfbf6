-- DfE Local Authority Interactive Tool (LAIT): early years, foundation stage profile and KS1 measures.
-- Long table, one row per measure x year label x area, as extracted from LAIT's bds_long parquet
-- (see data/raw/education/SOURCES.md, section A). Not-published values are '-' in value_note.
with source as (
    select *
    from read_csv('education/dfe_lait_early_years_ks1_by_la.csv.gz', header=true, columns={
        'topic': 'VARCHAR', 'measure_code': 'VARCHAR', 'time_period_label': 'VARCHAR',
        'geographic_level': 'VARCHAR', 'old_la_code': 'VARCHAR', 'new_la_code': 'VARCHAR',
        'la_name': 'VARCHAR', 'region_name': 'VARCHAR', 'value': 'DOUBLE', 'value_note': 'VARCHAR'
    })
),

renamed as (
    select
        ---------- what and when
        topic,
        measure_code,
        time_period_label,
        ---------- area
        geographic_level,
        old_la_code as la_number,
        new_la_code as area_code,
        la_name as area_name,
        region_name,
        ---------- value
        value,
        value_note
    from source
)

select * from renamed
