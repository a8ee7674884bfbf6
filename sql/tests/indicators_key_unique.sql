-- marts.indicators has one row per indicator_id, and one indicator per family x subgroup.
select indicator_id, null as family, null as subgroup, count(*) as n_rows
from marts.indicators
group by indicator_id
having count(*) > 1 or indicator_id is null
union all
select null, family, subgroup, count(*)
from marts.indicators
group by family, subgroup
having count(*) > 1
