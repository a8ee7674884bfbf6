-- Which 2024 districts each intervention covers, with their upper-tier authority and region.
select ia.intervention_id, ia.area_code, a.area_name, ia.via, ia.listed_code,
       a.utla_code, a.utla_name, a.region_code, a.region_name
from marts.intervention_areas as ia
join marts.areas as a using (area_code)
order by ia.intervention_id, a.area_name
