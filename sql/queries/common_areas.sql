-- Current areas people can pick: districts and councils, counties, regions, combined authorities,
-- the four nations, the UK and Great Britain.
select area_code, area_name, level, is_lad, is_utla, utla_code, utla_name, region_code,
       region_name, ca_code, ca_name, country_code, country_name, lon, lat
from marts.areas
where is_current
order by area_name
