-- Touching areas at one map level (marts.area_neighbours).
select area_code, neighbour_code
from marts.area_neighbours
where geo_level = $geo
order by area_code, neighbour_code
