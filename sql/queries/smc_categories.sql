-- The Commission's published category of every SMC area for one index and period.
select smc_code as area_code, category, category_rank
from marts.smc_index_values
where indicator_id = $ind
  and period = $period
order by smc_code
