-- Which of the requested ids exist: area codes in marts.areas (current and historic), indicator
-- ids in marts.indicators. The export refuses the others by name.
select 'area' as kind, area_code as id
from marts.areas
where list_contains($areas::varchar[], area_code)
union all
select 'indicator' as kind, indicator_id as id
from marts.indicators
where list_contains($indicators::varchar[], indicator_id)
