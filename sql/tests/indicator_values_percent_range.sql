-- Percentages lie within 0-100. A gap between two percentages (subgroup 'Gap', in percentage
-- points) may be negative, so it lies within -100-100.
select v.indicator_id, v.area_code, v.period, v.value, i.subgroup
from marts.indicator_values as v
inner join marts.indicators as i on v.indicator_id = i.indicator_id
where i.unit in ('%', 'pp')
    and (
        (i.subgroup <> 'Gap' and (v.value < 0 or v.value > 100))
        or (i.subgroup = 'Gap' and (v.value < -100 or v.value > 100))
    )
