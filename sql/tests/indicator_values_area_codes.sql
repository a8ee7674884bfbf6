-- Area codes are GSS codes (^[EWSNK]\d{8}$); Inner/Outer London (E13) is not an atlas area.
select indicator_id, area_code, count(*) as n_rows
from marts.indicator_values
where not regexp_matches(area_code, '^[EWSNK]\d{8}$') or area_code like 'E13%'
group by all
