-- Every district-level indicator x period covers all 296 current (2024) districts, with a row
-- even where the value is not available. Healthy life expectancy is upper tier only (not checked
-- here). imd2019_avg_score has 289: the 7 districts created by mergers since 2019 have no value
-- (an average score cannot be rebuilt; see intermediate/values__deprivation.sql).
with v as (
    select indicator_id, area_code, period from intermediate.values__labour
    union all
    select indicator_id, area_code, period from intermediate.values__health
    where indicator_id not like 'hle_%'
    union all
    select indicator_id, area_code, period from intermediate.values__deprivation
),

current_lads as (
    select old_code as lad_code
    from intermediate.lad_successors
    where change_type = 'unchanged'
),

coverage as (
    select v.indicator_id, v.period, count(distinct v.area_code) as n
    from v
    join current_lads as c on c.lad_code = v.area_code
    group by v.indicator_id, v.period
)

select indicator_id, period, n as current_districts
from coverage
where n <> case indicator_id when 'imd2019_avg_score' then 289 else 296 end
