-- DfE children's services statistical neighbours (LAIT), April 2021 and May 2025 sets:
-- ten nearest upper-tier authorities per authority, with DfE's closeness band.
with source as (
    select *
    from read_csv('comparators/dfe_statistical_neighbours_2021_2025_long.csv', header=true, columns={
        'sn_set': 'INTEGER', 'section': 'VARCHAR', 'old_la_code': 'VARCHAR', 'new_la_code': 'VARCHAR',
        'la_name': 'VARCHAR', 'go_ind': 'VARCHAR', 'go_region': 'VARCHAR', 'sn_rank': 'INTEGER',
        'neighbour_old_la_code': 'VARCHAR', 'neighbour_new_la_code': 'VARCHAR',
        'neighbour_la_name': 'VARCHAR', 'closeness': 'VARCHAR'
    })
),

renamed as (
    select
        sn_set,
        section,  -- 'current' or 'old' (the workbook's "Old SNs:" block)
        ---------- authority
        old_la_code as dfe_la_number,
        new_la_code as area_code,
        la_name as area_name,
        go_region,
        ---------- neighbour
        sn_rank as "rank",
        neighbour_old_la_code as neighbour_dfe_la_number,
        neighbour_new_la_code as neighbour_code,
        neighbour_la_name as neighbour_name,
        closeness
    from source
)

select * from renamed
