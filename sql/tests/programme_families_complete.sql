-- Every programme in the register has a family, and every precomputed outcome is a known indicator.
select 'no family' as problem, i.programme_group as item
from (select distinct programme_group from marts.interventions) as i
anti join marts.programme_families as f using (programme_group)
union all
select 'unknown outcome', o.programme_group || ': ' || o.indicator_id
from marts.evidence_outcomes as o
anti join marts.indicators as i using (indicator_id)
union all
select 'family listed twice', programme_group
from marts.programme_families
group by programme_group
having count(*) > 1
