-- Every English district, current or historic, sits in a region (Wales, Scotland and Northern
-- Ireland have none); every current district also has an upper-tier authority, and every
-- historic one a successor.
select area_code, area_name, 'no region' as problem
from marts.areas
where is_lad and region_code is null and country_code = 'E92000001'
union all
select area_code, area_name, 'region outside England'
from marts.areas
where region_code is not null and country_code <> 'E92000001'
union all
select area_code, area_name, 'no upper-tier authority'
from marts.areas
where is_lad and is_current and utla_code is null
union all
select a.area_code, a.area_name, 'historic district without a current successor'
from marts.areas as a
left join marts.areas as s on s.area_code = a.successor_code and s.is_current and s.is_lad
where a.is_lad and not a.is_current and s.area_code is null
