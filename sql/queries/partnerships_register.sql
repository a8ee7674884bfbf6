-- Every intervention in the register with the regions its English districts lie in.
with regions as (
    select ia.intervention_id,
           list(distinct a.region_name order by a.region_name) as regions
    from marts.intervention_areas as ia
    join marts.areas as a using (area_code)
    where a.region_name is not null
    group by ia.intervention_id
)
select i.intervention_id, i.name, i.programme, i.programme_group, i.status, i.coverage,
       i.corrections, i.type, i.partners, i.places,
       i.themes, i.start_year, i.end_year, i.funding_gbp, i.funder, i.source_titles,
       i.source_urls, i.notes, i.is_uncertain, i.uncertain_note, i.listed_codes, i.flags,
       i.n_areas, coalesce(r.regions, []::varchar[]) as regions
from marts.interventions as i
left join regions as r using (intervention_id)
order by i.start_year nulls last, i.name
