-- The Social Mobility Commission's indices with their categories kept as published: one row per
-- index x SMC area x period (the companion of marts.indicator_values, which has the same z-scores).
select
    indicator_id,
    area_code as smc_code,
    smc_area,
    period,
    year,
    value as zscore,
    category,
    cast(category_rank as integer) as category_rank,
    source_file,
    line
from intermediate.values__mobility
order by indicator_id, smc_area, year
