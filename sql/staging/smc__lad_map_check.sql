-- For each 2024 district (all 361 in the UK): the Commission's polygon that covers most of it
-- and the share of the district it covers (pipelines/extracts/smc.py).
with source as (
    select * from raw.smc_lad_check
),

renamed as (
    select
        cast(lad24_code as varchar) as lad24_code,
        cast(best_smc_area as varchar) as best_smc_area,
        cast(best_share as double) as best_share
    from source
)

select * from renamed
