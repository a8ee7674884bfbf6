-- marts.area_geometry has one row per area and map level.
select area_code, geo_level, count(*) as n
from marts.area_geometry
group by area_code, geo_level
having count(*) > 1
