-- Every indicator with values is in the catalogue (marts.indicators), and every catalogued
-- indicator has at least one value.
select distinct v.indicator_id, 'has values but is not in marts.indicators' as problem
from marts.indicator_values as v
where v.indicator_id not in (select indicator_id from marts.indicators)
union all
select i.indicator_id, 'is in marts.indicators but has no values'
from marts.indicators as i
where i.indicator_id not in (select indicator_id from marts.indicator_values)
