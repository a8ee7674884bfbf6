-- One row per intervention in the register (contract columns), plus:
--   uncertain_note  the researcher's own words on what is not established
--   listed_codes    area codes as written in the register (incl. Wales/Scotland/NI)
--   flags           notes from the register checks (no area codes, codes outside England, ...)
--   n_areas         number of 2024 districts / councils covered (as in the intervention_areas mart)
--   status          'running' / 'ended' / 'proposed' / 'not established' (register__interventions)
--   coverage        plain words when the coded areas are not the programme's area (UK-wide, part
--                   of an authority, part of a larger area), else null
--   corrections     the corrections applied from data/seeds/register_corrections.csv
--                   (field, value, source, reason)
with

register as (
    select * from intermediate.register__interventions
),

flags as (
    select intervention_id, list(detail order by reason, detail) as flags
    from intermediate.register__problems
    where severity = 'flag'
    group by intervention_id
),

coverage as (
    select intervention_id, count(distinct lad24_code) as n_areas
    from intermediate.register__area_codes
    where lad24_code is not null
    group by intervention_id
)

select
    r.intervention_id,
    r.name,
    r.programme,
    r.programme_group,
    r.status,
    r.coverage,
    r.corrections,
    r.type,
    r.partners,
    r.places,
    r.themes,
    r.start_year,
    r.end_year,
    r.funding_gbp,
    r.funder,
    r.source_titles,
    r.source_urls,
    r.notes,
    r.is_uncertain,
    r.uncertain_note,
    r.listed_codes,
    coalesce(f.flags, []::varchar[]) as flags,
    coalesce(c.n_areas, 0) as n_areas
from register as r
left join flags as f using (intervention_id)
left join coverage as c using (intervention_id)
order by r.intervention_id
