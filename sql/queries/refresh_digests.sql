-- One digest per indicator of every value it holds: two warehouses whose digests differ for an
-- indicator hold different values for it (used to recompute only the studies a refresh touches).
select indicator_id,
       count(*) as n_values,
       sum(hash(area_code, period, value, status)) as digest
from marts.indicator_values
group by indicator_id
