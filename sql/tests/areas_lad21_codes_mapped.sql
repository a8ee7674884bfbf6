-- Every English and Welsh 2021 district in the Census file maps to a 2024 district (none dropped when
-- harmonising), and each 2024 district gets exactly one Census value per indicator.
select lad21_code as code, 'census district has no 2024 successor' as problem
from staging.census__ts067_qualifications
where lad21_code like 'E%'
  and lad21_code not in (select old_code from intermediate.lad_successors)
union all
select a.area_code, 'no ' || i.indicator_id || ' value'
from marts.areas as a
cross join (values ('census_level4_plus'), ('census_no_quals')) as i (indicator_id)
left join intermediate.values__context as v
    on v.area_code = a.area_code and v.indicator_id = i.indicator_id
where a.is_current and a.is_lad and a.country_code in ('E92000001', 'W92000004')
group by a.area_code, i.indicator_id
having count(v.value) <> 1
