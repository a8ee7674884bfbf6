-- Map polygons for every current English area, one row per area and map level.
-- Single-tier authorities (E06/E08/E09) appear under both 'lad' (district boundaries) and 'utla'
-- (county-and-unitary boundaries). geojson: a GeoJSON geometry object in WGS84, valid,
-- coverage-simplified, exterior rings clockwise (safe for plotly choropleth and choropleth_map).
with boundaries as (
    select area_code, geo_level, geojson from staging.ons_geo__lad_boundaries
    union all
    select area_code, geo_level, geojson from staging.ons_geo__utla_boundaries
    union all
    select area_code, geo_level, geojson from staging.ons_geo__region_boundaries
    union all
    select area_code, geo_level, geojson from staging.ons_geo__ca_boundaries
    union all
    select area_code, geo_level, geojson from staging.smc__boundaries
)

select
    b.area_code,
    b.geo_level,
    b.geojson,
    a.vintage
from boundaries as b
join marts.areas as a on a.area_code = b.area_code and a.is_current
order by b.geo_level, b.area_code
