-- One row per intervention id; one row per intervention and district.
select 'marts.interventions' as model, intervention_id, null as area_code, count(*) as n
from marts.interventions
group by intervention_id
having count(*) > 1
union all
select 'marts.intervention_areas', intervention_id, area_code, count(*)
from marts.intervention_areas
group by intervention_id, area_code
having count(*) > 1
