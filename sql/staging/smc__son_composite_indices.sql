-- Social Mobility Commission, State of the Nation 2025: the four composite indices (CI1-CI4) by
-- SMC area, as published: one row per index x area x period, with the file and line it came from
-- (the header is line 1; the files are small and read in order). Areas are named, never coded.
with
ci1 as (
    select 'mobility/smc_son_CI1-2.0-conditions-of-childhood--full-dataset.csv' as source_file, cast(row_number() over () + 1 as integer) as line, *
    from read_csv('mobility/smc_son_CI1-2.0-conditions-of-childhood--full-dataset.csv', header=true, columns={
        'measure_code': 'VARCHAR', 'measure_title': 'VARCHAR', 'chart_type': 'VARCHAR',
        'area_code': 'VARCHAR', 'area_type': 'VARCHAR', 'area_name': 'VARCHAR',
        'primary_split_type': 'VARCHAR', 'primary_split_value': 'VARCHAR',
        'secondary_split_type': 'VARCHAR', 'secondary_split_value': 'VARCHAR',
        'tertiary_split_type': 'VARCHAR', 'tertiary_split_value': 'VARCHAR',
        'fourth_split_type': 'VARCHAR', 'fourth_split_value': 'VARCHAR',
        'time_period': 'VARCHAR', 'value': 'DOUBLE', 'lci': 'DOUBLE', 'uci': 'DOUBLE',
        'sample_size': 'DOUBLE', 'unit': 'VARCHAR', 'value_note': 'VARCHAR', 'group_number': 'INTEGER'
    })
),

ci2 as (
    select 'mobility/smc_son_CI2-2.0-labour-market-opportunities-for-young-people--full-dataset.csv' as source_file, cast(row_number() over () + 1 as integer) as line, *
    from read_csv('mobility/smc_son_CI2-2.0-labour-market-opportunities-for-young-people--full-dataset.csv', header=true, columns={
        'measure_code': 'VARCHAR', 'measure_title': 'VARCHAR', 'chart_type': 'VARCHAR',
        'area_code': 'VARCHAR', 'area_type': 'VARCHAR', 'area_name': 'VARCHAR',
        'primary_split_type': 'VARCHAR', 'primary_split_value': 'VARCHAR',
        'secondary_split_type': 'VARCHAR', 'secondary_split_value': 'VARCHAR',
        'tertiary_split_type': 'VARCHAR', 'tertiary_split_value': 'VARCHAR',
        'fourth_split_type': 'VARCHAR', 'fourth_split_value': 'VARCHAR',
        'time_period': 'VARCHAR', 'value': 'DOUBLE', 'lci': 'DOUBLE', 'uci': 'DOUBLE',
        'sample_size': 'DOUBLE', 'unit': 'VARCHAR', 'value_note': 'VARCHAR', 'group_number': 'INTEGER'
    })
),

ci3 as (
    select 'mobility/smc_son_CI3-2.0-innovation-and-growth--full-dataset.csv' as source_file, cast(row_number() over () + 1 as integer) as line, *
    from read_csv('mobility/smc_son_CI3-2.0-innovation-and-growth--full-dataset.csv', header=true, columns={
        'measure_code': 'VARCHAR', 'measure_title': 'VARCHAR', 'chart_type': 'VARCHAR',
        'area_code': 'VARCHAR', 'area_type': 'VARCHAR', 'area_name': 'VARCHAR',
        'primary_split_type': 'VARCHAR', 'primary_split_value': 'VARCHAR',
        'secondary_split_type': 'VARCHAR', 'secondary_split_value': 'VARCHAR',
        'tertiary_split_type': 'VARCHAR', 'tertiary_split_value': 'VARCHAR',
        'fourth_split_type': 'VARCHAR', 'fourth_split_value': 'VARCHAR',
        'time_period': 'VARCHAR', 'value': 'DOUBLE', 'lci': 'DOUBLE', 'uci': 'DOUBLE',
        'sample_size': 'DOUBLE', 'unit': 'VARCHAR', 'value_note': 'VARCHAR', 'group_number': 'INTEGER'
    })
),

ci4 as (
    select 'mobility/smc_son_CI4-3.0-promising-prospects--full-dataset.csv' as source_file, cast(row_number() over () + 1 as integer) as line, *
    from read_csv('mobility/smc_son_CI4-3.0-promising-prospects--full-dataset.csv', header=true, columns={
        'measure_code': 'VARCHAR', 'measure_title': 'VARCHAR', 'chart_type': 'VARCHAR',
        'area_code': 'VARCHAR', 'area_type': 'VARCHAR', 'area_name': 'VARCHAR',
        'primary_split_type': 'VARCHAR', 'primary_split_value': 'VARCHAR',
        'secondary_split_type': 'VARCHAR', 'secondary_split_value': 'VARCHAR',
        'tertiary_split_type': 'VARCHAR', 'tertiary_split_value': 'VARCHAR',
        'fourth_split_type': 'VARCHAR', 'fourth_split_value': 'VARCHAR',
        'time_period': 'VARCHAR', 'value': 'DOUBLE', 'lci': 'DOUBLE', 'uci': 'DOUBLE',
        'sample_size': 'DOUBLE', 'unit': 'VARCHAR', 'value_note': 'VARCHAR', 'group_number': 'INTEGER'
    })
),

source as (
    select * from ci1
    union all select * from ci2
    union all select * from ci3
    union all select * from ci4
),

renamed as (
    select
        ---------- provenance
        source_file,
        line,
        ---------- what
        measure_code,
        measure_title,
        unit,
        ---------- where and when
        area_name as smc_area,
        area_type,
        time_period,
        ---------- values
        value as zscore,
        secondary_split_value as category,
        group_number as category_rank,
        value_note
    from source
)

select * from renamed
