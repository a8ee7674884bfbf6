-- The checked crosswalk: Social Mobility Commission area -> the 2024 local authority districts it
-- covers (one row per SMC area x district; data/seeds/smc_area_lad.csv), with the evidence for the
-- grouping and, for every district, the Commission's map polygon that covers most of it.
select
    trim(s.smc_code) as smc_code,
    trim(s.smc_area) as smc_area,
    trim(s.grouping) as grouping,
    trim(s.lead_code) as lead_code,
    trim(s.lad24_code) as lad24_code,
    trim(s.lad24_name) as lad24_name,
    s.evidence,
    c.best_smc_area as smc_map_area,
    c.best_share as smc_map_share
from seeds.smc_area_lad as s
left join staging.smc__lad_map_check as c on c.lad24_code = trim(s.lad24_code)
order by smc_area, lad24_code
