-- ONSvisual uk-topojson change log (input/changes.csv): GSS code changes 2018–2025.
-- type: merger / termination / new_code / new_geo; start = first year the new geography applies.
with source as (
    select *
    from read_csv('geo/onsvisual_geo_changes_2018_2025.csv', header=true, columns={
        'oldcd': 'VARCHAR', 'oldnm': 'VARCHAR', 'newcd': 'VARCHAR', 'newnm': 'VARCHAR',
        'type': 'VARCHAR', 'start': 'INTEGER'
    })
),

renamed as (
    select
        oldcd as old_code,
        oldnm as old_name,
        newcd as new_code,
        newnm as new_name,
        "type" as change_type,
        "start" as start_year
    from source
)

select * from renamed
