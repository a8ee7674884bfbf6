-- marts.areas has one row per area_code.
select area_code, count(*) as n
from marts.areas
group by area_code
having count(*) > 1
