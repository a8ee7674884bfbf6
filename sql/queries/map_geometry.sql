-- Current boundaries at one level ('lad', 'utla', 'region', 'ca') as GeoJSON geometry text.
select area_code, geojson
from marts.area_geometry
where geo_level = $level
  and vintage = (select max(vintage) from marts.area_geometry where geo_level = $level)
order by area_code
