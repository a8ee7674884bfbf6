-- Every area's published similar areas in one set (DfE 2025, ONS global/economic/demographic):
-- the whole set at once, for placebo pools drawn from it (atlas.evidence.set_pools).
select area_code, neighbour_code, "rank"
from marts.statistical_neighbours
where neighbour_set = $neighbour_set
order by area_code, "rank", neighbour_code
