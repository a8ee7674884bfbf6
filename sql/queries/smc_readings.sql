-- Every SMC index, every period, for a set of SMC areas: z-score and category as published.
select v.indicator_id, i.short_title, v.smc_code, v.smc_area, v.period, v.year, v.zscore,
       v.category, v.category_rank, v.source_file
from marts.smc_index_values as v
join marts.indicators as i using (indicator_id)
where list_contains($codes, v.smc_code)
order by v.indicator_id, v.smc_code, v.year
