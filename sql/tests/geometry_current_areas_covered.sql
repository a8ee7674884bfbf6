-- Every current district, upper-tier authority, region and combined authority has a polygon at
-- its map level, and every polygon belongs to a current area.
with needed as (
    select area_code, 'lad' as geo_level from marts.areas where is_current and is_lad
    union all
    select area_code, 'utla' from marts.areas where is_current and is_utla
    union all
    select area_code, 'region' from marts.areas where is_current and level = 'region'
    union all
    select area_code, 'ca' from marts.areas where is_current and level = 'ca'
    union all
    select area_code, 'smc' from marts.areas where is_current and level = 'smc'
)

select coalesce(n.area_code, g.area_code) as area_code,
       coalesce(n.geo_level, g.geo_level) as geo_level,
       case when g.area_code is null then 'no geometry' else 'geometry for no current area' end as problem
from needed as n
full join marts.area_geometry as g on g.area_code = n.area_code and g.geo_level = n.geo_level
where n.area_code is null or g.area_code is null
