-- One indicator, every period, for the chosen areas and England.
select v.area_code, a.area_name, a.level, v.period, v.year, v.value, v.lower_ci, v.upper_ci,
       v.status, v.source_file, v.source_measure, v.note
from marts.indicator_values as v
join marts.areas as a using (area_code)
where v.indicator_id = $ind
  and (list_contains($codes, v.area_code) or v.area_code = 'E92000001')
order by v.year, a.area_name
