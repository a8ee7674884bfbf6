-- Districts that touch (within 500 m, bridging estuaries the coastline-clipped boundaries cut):
-- one row per ordered pair, from pipelines/extracts/contiguity.py on the May 2024 boundaries.
with source as (
    select * from raw.geo_lad_contiguity
),

renamed as (
    select
        cast(area_code as varchar) as area_code,
        cast(neighbour_code as varchar) as neighbour_code,
        cast(distance_m as double) as distance_m
    from source
)

select * from renamed
