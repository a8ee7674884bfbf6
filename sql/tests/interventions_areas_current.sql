-- Every covered area is a current (2024) district or council of marts.areas (any UK nation), for a
-- known intervention.
select ia.intervention_id, ia.area_code, ia.via,
       case when i.intervention_id is null then 'intervention not in marts.interventions'
            else 'area_code is not a current district in marts.areas' end as problem
from marts.intervention_areas as ia
left join marts.interventions as i using (intervention_id)
left join marts.areas as a on a.area_code = ia.area_code and a.is_lad and a.is_current
where i.intervention_id is null or a.area_code is null
