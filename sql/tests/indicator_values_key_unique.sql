-- marts.indicator_values has one row per indicator x area x period, and no part of the key is NULL.
select indicator_id, area_code, period, count(*) as n_rows
from marts.indicator_values
group by indicator_id, area_code, period
having count(*) > 1 or indicator_id is null or area_code is null or period is null
