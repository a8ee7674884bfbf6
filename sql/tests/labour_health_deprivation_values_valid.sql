-- The labour, health and deprivation values obey the indicator_values contract: known indicator
-- ids (catalogued in the seeds), GSS codes, status vocabulary, value NULL exactly when status is
-- not 'ok', CIs around the value, year = end year of the period label, percentages within 0-100,
-- one row per indicator x area x period.
with v as (
    select * from intermediate.values__labour
    union all
    select * from intermediate.values__health
    union all
    select * from intermediate.values__deprivation
),

catalogue as (
    select indicator_id, unit from seeds.indicators_labour
    union all
    select indicator_id, unit from seeds.indicators_health
    union all
    select indicator_id, unit from seeds.indicators_deprivation
)

select v.indicator_id, v.area_code, v.period, 'indicator not in the seeds catalogue' as problem
from v
where v.indicator_id not in (select indicator_id from catalogue)
union all
select indicator_id, area_code, period, 'area code is not a GSS code'
from v
where not regexp_matches(area_code, '^[EWSNK]\d{8}$')
union all
select indicator_id, area_code, period, 'unknown status ' || coalesce(status, 'NULL')
from v
where status is null or status not in ('ok', 'suppressed', 'unreliable', 'not_available')
union all
select indicator_id, area_code, period, 'value must be NULL exactly when status is not ok'
from v
where (value is null) <> (status <> 'ok')
union all
select indicator_id, area_code, period, 'CI does not enclose the value'
from v
where lower_ci > value or upper_ci < value or (lower_ci is null) <> (upper_ci is null)
union all
select indicator_id, area_code, period, 'year ' || year || ' is not the end of period ' || period
from v
where year is null or right(cast(year as varchar), 2) <> right(period, 2)
union all
select v.indicator_id, v.area_code, v.period, 'percentage outside 0-100: ' || v.value
from v
join catalogue as c on c.indicator_id = v.indicator_id
where c.unit = '%' and (v.value < 0 or v.value > 100)
union all
select indicator_id, area_code, period, 'duplicate row (' || count(*) || ')'
from v
group by indicator_id, area_code, period
having count(*) > 1
union all
select indicator_id, '-', '-', 'source_file or source_measure missing'
from v
where source_file is null or source_measure is null
group by indicator_id
