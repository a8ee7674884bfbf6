-- One indicator in one period for every area that publishes it (LAs, regions, CAs, England).
select v.area_code, a.area_name, a.level, v.year, v.value, v.lower_ci, v.upper_ci, v.status,
       v.source_file, v.source_measure, v.note
from marts.indicator_values as v
join marts.areas as a using (area_code)
where v.indicator_id = $ind
  and v.period = $period
order by a.area_name
