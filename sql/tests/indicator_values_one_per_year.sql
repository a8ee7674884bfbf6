-- marts.indicator_values has at most one value per indicator x area x year: the before/after
-- panel (atlas.evidence.frames.build_frame) places each value in its area's year directly.
select indicator_id, area_code, year, count(*) as n_rows
from marts.indicator_values
group by indicator_id, area_code, year
having count(*) > 1
