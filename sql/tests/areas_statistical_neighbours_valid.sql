-- Comparator sets: unique (set, area, rank) and (set, area, neighbour); no area is its own
-- neighbour; every area and neighbour is a current area; DfE sets are upper-tier with 10 each;
-- every current district has ONS similar areas (catches codes that changed after 2024).
select neighbour_set, area_code, 'duplicate rank or neighbour' as problem
from marts.statistical_neighbours
group by neighbour_set, area_code
having count(*) <> count(distinct "rank") or count(*) <> count(distinct neighbour_code)
union all
select neighbour_set, area_code, 'own neighbour'
from marts.statistical_neighbours
where area_code = neighbour_code
union all
select n.neighbour_set, n.area_code, 'not a current area: ' || n.neighbour_code
from marts.statistical_neighbours as n
left join marts.areas as a on a.area_code = n.area_code and a.is_current
left join marts.areas as b on b.area_code = n.neighbour_code and b.is_current
where a.area_code is null or b.area_code is null
union all
select 'DfE 2025', a.area_code, 'upper-tier authority without 10 DfE neighbours'
from marts.areas as a
left join marts.statistical_neighbours as n on n.area_code = a.area_code and n.neighbour_set = 'DfE 2025'
where a.is_current and a.is_utla and a.country_code = 'E92000001'
group by a.area_code
having count(n.neighbour_code) <> 10
union all
select 'ONS global', a.area_code, 'district without ONS similar areas'
from marts.areas as a
left join marts.statistical_neighbours as n on n.area_code = a.area_code and n.neighbour_set = 'ONS global'
where a.is_current and a.is_lad and a.country_code = 'E92000001'
group by a.area_code
having count(n.neighbour_code) = 0
