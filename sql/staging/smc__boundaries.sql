-- The 205 Social Mobility Commission areas, dissolved from their 2024 districts by
-- pipelines/extracts/smc.py (WGS84, valid, coverage-simplified, clockwise exterior rings, 4 dp).
with source as (
    select * from raw.smc_boundaries
),

renamed as (
    select
        cast(code as varchar) as area_code,
        cast(name as varchar) as area_name,
        cast(geo_level as varchar) as geo_level,
        cast(geojson as varchar) as geojson,
        ---------- label point
        cast(lon as double) as lon,
        cast(lat as double) as lat,
        cast(boundary as varchar) as boundary
    from source
)

select * from renamed
