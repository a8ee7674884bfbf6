-- Every intervention with the 2024 LADs it covers (one row per intervention x area).
select i.intervention_id, i.name, i.programme, i.programme_group, i.status, i.coverage, i.type, i.partners, i.places,
       i.themes, i.start_year, i.end_year, i.funder, i.source_titles, i.source_urls, i.notes,
       i.is_uncertain, ia.area_code, ia.via
from marts.interventions as i
join marts.intervention_areas as ia using (intervention_id)
order by i.start_year, i.name, ia.area_code
