-- Touching is symmetric, never reflexive, and Newcastle (E08000021) touches Gateshead (E08000037)
-- across the Tyne at both levels.
select n.geo_level, n.area_code, n.neighbour_code, 'not symmetric' as problem
from marts.area_neighbours as n
anti join marts.area_neighbours as m
    on m.geo_level = n.geo_level and m.area_code = n.neighbour_code and m.neighbour_code = n.area_code
union all
select geo_level, area_code, neighbour_code, 'area touches itself'
from marts.area_neighbours
where area_code = neighbour_code
union all
select level, 'E08000021', 'E08000037', 'Newcastle and Gateshead do not touch'
from (values ('lad'), ('utla')) as t(level)
where not exists (
    select 1 from marts.area_neighbours
    where geo_level = t.level and area_code = 'E08000021' and neighbour_code = 'E08000037'
)
