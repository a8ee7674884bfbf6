-- The crosswalk checked against the Commission's own map (pipelines/extracts/smc.py): for each
-- SMC area, the share of its published polygon that its districts cover and the intersection
-- over union of the two (the Commission's map is generalised, so neither is exactly 1).
with source as (
    select * from raw.smc_shape_check
),

renamed as (
    select
        cast(smc_code as varchar) as smc_code,
        cast(smc_area as varchar) as smc_area,
        ---------- areas in square kilometres
        cast(lads_km2 as double) as lads_km2,
        cast(smc_map_km2 as double) as smc_map_km2,
        ---------- agreement
        cast(smc_map_covered as double) as smc_map_covered,
        cast(iou as double) as iou
    from source
)

select * from renamed
