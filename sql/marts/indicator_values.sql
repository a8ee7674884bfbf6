-- Every indicator value, one row per indicator x area x period (docs/CONTRACT.md).
-- A plain union of the intermediate.values__* models, each named here (the runner finds
-- dependencies by these names). Each branch lists the columns, so a model missing one fails loudly.
-- When a domain adds a values model, add a branch for it.
with unioned as (
    select indicator_id, area_code, period, year, value, lower_ci, upper_ci, status,
        source_file, source_measure, note
    from intermediate.values__education_lait
    union all
    select indicator_id, area_code, period, year, value, lower_ci, upper_ci, status,
        source_file, source_measure, note
    from intermediate.values__education_els
    union all
    select indicator_id, area_code, period, year, value, lower_ci, upper_ci, status,
        source_file, source_measure, note
    from intermediate.values__labour
    union all
    select indicator_id, area_code, period, year, value, lower_ci, upper_ci, status,
        source_file, source_measure, note
    from intermediate.values__health
    union all
    select indicator_id, area_code, period, year, value, lower_ci, upper_ci, status,
        source_file, source_measure, note
    from intermediate.values__deprivation
    union all
    select indicator_id, area_code, period, year, value, lower_ci, upper_ci, status,
        source_file, source_measure, note
    from intermediate.values__mobility
    union all
    select indicator_id, area_code, period, year, value, lower_ci, upper_ci, status,
        source_file, source_measure, note
    from intermediate.values__context
    union all
    select indicator_id, area_code, period, year, value, lower_ci, upper_ci, status,
        source_file, source_measure, note
    from intermediate.values__skills
)

select
    cast(indicator_id as varchar) as indicator_id,
    cast(area_code as varchar) as area_code,
    cast(period as varchar) as period,
    cast(year as integer) as year,
    cast(value as double) as value,
    cast(lower_ci as double) as lower_ci,
    cast(upper_ci as double) as upper_ci,
    cast(status as varchar) as status,
    cast(source_file as varchar) as source_file,
    cast(source_measure as varchar) as source_measure,
    cast(note as varchar) as note
from unioned
order by indicator_id, area_code, year
