-- One indicator for every current local authority at one level ('lad' or 'utla'): the panel a
-- before/after comparison is drawn from. Missing and suppressed values keep their status.
-- English authorities only ($uk false: devolved policy differs), or every UK authority ($uk true)
-- for the outcomes published comparably across the nations (atlas.evidence.study.UK_OUTCOMES).
select v.area_code, a.area_name, v.period, v.year, v.value, v.status
from marts.indicator_values as v
join marts.areas as a using (area_code)
where v.indicator_id = $ind
  and a.is_current
  and (a.country_code = 'E92000001' or $uk)
  and ((a.is_lad and $geo = 'lad') or (a.is_utla and $geo = 'utla'))
order by v.area_code, v.year
