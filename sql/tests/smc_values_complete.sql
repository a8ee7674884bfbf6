-- Every SMC index has a published value and category for all 205 SMC areas in every period, and
-- every value belongs to an SMC area (level 'smc').
with counts as (
    select indicator_id, period, count(*) as n_areas,
        count(*) filter (where category is not null and category_rank between 1 and 7) as n_categorised
    from marts.smc_index_values
    group by indicator_id, period
)

select indicator_id, period, n_areas || ' areas, ' || n_categorised || ' with a category' as problem
from counts
where n_areas <> 205 or n_categorised <> 205
union all
select v.indicator_id, v.period, 'value for ' || v.area_code || ', which is not an SMC area'
from marts.indicator_values as v
join marts.indicators as i using (indicator_id)
left join marts.areas as a on a.area_code = v.area_code and a.level = 'smc'
where i.geography = 'smc' and a.area_code is null
