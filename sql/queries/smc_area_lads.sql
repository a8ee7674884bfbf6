-- The SMC crosswalk: each 2024 district with its Social Mobility Commission area.
select lad24_code, smc_code, smc_area, grouping, lead_code
from marts.smc_area_lads
order by lad24_code
