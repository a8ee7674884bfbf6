-- Each SMC area drawn from its districts matches the Commission's own polygon of that name: its
-- districts cover at least 85% of the polygon and the intersection over union is at least 0.80
-- (the Commission's map is generalised; the lowest, Kensington and Chelsea, is 0.81). Every name
-- on the Commission's map is an SMC area here.
select smc_area, smc_map_covered, smc_map_iou, 'districts do not match the SMC map polygon' as problem
from marts.smc_areas
where smc_map_covered is null or smc_map_covered < 0.85 or smc_map_iou < 0.80
union all
select smc_area, null, null, 'polygon on the SMC map has no SMC area in the crosswalk'
from staging.smc__map_check
where smc_code is null
