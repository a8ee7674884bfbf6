-- The areas that carry values at a level for some chosen areas: a district itself ('lad'), or the
-- upper-tier authority containing it ('utla'); order kept by first appearance.
select distinct case when $geography = 'utla' then utla_code else area_code end as area_code
from marts.areas
where list_contains($areas, area_code)
  and is_current
  and (($geography = 'utla' and utla_code is not null) or ($geography <> 'utla' and is_lad))
