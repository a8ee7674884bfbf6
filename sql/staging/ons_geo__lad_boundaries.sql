-- UK local authority districts (May 2024 BUC: England, Wales, Scotland, Northern Ireland): map-ready geometry from pipelines/extracts/geo.py
-- (WGS84, valid, coverage-simplified, clockwise exterior rings, 4 dp).
with source as (
    select * from raw.geo_lad_boundaries
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
