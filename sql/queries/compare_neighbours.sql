-- An area's statistical neighbours in one published set, nearest first.
select neighbour_code as area_code, rank
from marts.statistical_neighbours
where area_code = $area
  and neighbour_set = $neighbour_set
order by rank
