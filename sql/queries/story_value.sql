-- One published value for a story caption placeholder {indicator@area@period}.
select v.value, v.status, i.unit, i.decimals
from marts.indicator_values as v
join marts.indicators as i using (indicator_id)
where v.indicator_id = $ind and v.area_code = $area and v.period = $period
