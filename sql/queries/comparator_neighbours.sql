-- The published similar areas of some areas in one set (DfE 2025, ONS global/economic/demographic),
-- each neighbour once at its best rank, nearest first.
select neighbour_code as area_code, min("rank") as "rank"
from marts.statistical_neighbours
where list_contains($codes, area_code)
  and neighbour_set = $neighbour_set
  and not list_contains($codes, neighbour_code)
group by neighbour_code
order by "rank", neighbour_code
