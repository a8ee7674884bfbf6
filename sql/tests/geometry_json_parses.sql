-- Every geometry is GeoJSON a map can draw: it parses, is a (Multi)Polygon with coordinates, and
-- its first vertex lies in or near the UK (lon -9..2.5, lat 49.5..61; SMC areas cover all four nations).
with parsed as (
    select
        area_code,
        geo_level,
        json_valid(geojson) as is_json,
        try(geojson ->> '$.type') as gtype,
        try(cast(coalesce(geojson -> '$.coordinates[0][0][0][0]', geojson -> '$.coordinates[0][0][0]') as double)) as lon,
        try(cast(coalesce(geojson -> '$.coordinates[0][0][0][1]', geojson -> '$.coordinates[0][0][1]') as double)) as lat
    from marts.area_geometry
)

select *
from parsed
where not is_json
   or gtype not in ('Polygon', 'MultiPolygon')
   or lon is null or lat is null
   or lon not between -9 and 2.5
   or lat not between 49.5 and 61
