-- Current areas at one map level ('lad' or 'utla') with what the spillover rule reads: the region
-- (placebo groups mirror the programme's regional clustering; outside England the nation plays the
-- role of a region) and the combined authority.
select area_code, area_name, coalesce(region_code, country_code) as region_code, ca_code
from marts.areas
where is_current and ((is_lad and $geo = 'lad') or (is_utla and $geo = 'utla'))
order by area_code
