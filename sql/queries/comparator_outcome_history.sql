-- One indicator's published values for every current English area at one level, for periods
-- ending before a year: the history "areas like this on the outcome" is measured on.
select v.area_code, v.year, v.value
from marts.indicator_values as v
join marts.areas as a using (area_code)
where v.indicator_id = $ind
  and v.year < $before
  and v.value is not null
  and a.is_current
  and a.country_code = 'E92000001'
  and ((case when $geography = 'utla' then a.is_utla else a.is_lad end))
order by v.area_code, v.year
