-- ONS Explore Local Statistics: the words describing each cluster (a-d) of each variant.
with source as (
    select * from read_json('comparators/ons_els_cluster_descriptions.json')
),

unpacked as (
    select 'global' as variant, unnest(map_entries(cast(to_json("global") as map(varchar, varchar)))) as e from source
    union all
    select 'economic', unnest(map_entries(cast(to_json(economic) as map(varchar, varchar)))) from source
    union all
    select 'demographic', unnest(map_entries(cast(to_json(demographic) as map(varchar, varchar)))) from source
)

select variant, e.key as cluster, e.value as description from unpacked
