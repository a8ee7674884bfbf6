-- The tidy export: one row per indicator x area x period, traceable to its source file and measure.
-- An empty $indicators / $areas list means all; $level filters by area level ('' = all;
-- 'utla' / 'lad' use the is_utla / is_lad flags, other values match marts.areas.level).
select v.indicator_id, i.title as indicator_title, v.area_code, a.area_name,
       a.level as geography_level, v.period, v.year, v.value, i.unit, v.lower_ci, v.upper_ci,
       v.status, v.source_file, v.source_measure, v.note
from marts.indicator_values as v
join marts.indicators as i using (indicator_id)
left join marts.areas as a using (area_code)
where (len($indicators::varchar[]) = 0 or list_contains($indicators::varchar[], v.indicator_id))
  and (len($areas::varchar[]) = 0 or list_contains($areas::varchar[], v.area_code))
  and ($level = ''
       or ($level = 'utla' and a.is_utla)
       or ($level = 'lad' and a.is_lad)
       or a.level = $level)
order by v.indicator_id, v.area_code, v.year, v.period
