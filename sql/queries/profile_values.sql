-- Every indicator, every period, for a handful of areas (an area, its UTLA, region and England).
select indicator_id, area_code, period, year, value, lower_ci, upper_ci, status, note,
       source_file, source_measure
from marts.indicator_values
where list_contains($codes, area_code)
order by indicator_id, year, area_code
