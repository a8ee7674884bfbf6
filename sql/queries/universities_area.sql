-- The ranked universities named in some partnerships (those covering an area): each once, with
-- its three ranks and the partnerships it is named in.
with ivs as (
    select distinct intervention_id
    from marts.interventions
    where list_contains($ivs, intervention_id)
),

unis as (
    select p.provider_name, min(p.register_name) as register_name,
        string_agg(distinct i.name, '; ' order by i.name) as partnerships
    from marts.university_partners as p
    join ivs using (intervention_id)
    join marts.interventions as i using (intervention_id)
    where p.is_ranked
    group by p.provider_name
)

select u.register_name, u.provider_name, u.partnerships, r.measure, r.measure_order,
    r.measure_title, r.coefficient, r."rank", r.of_ranked, r.period, r.source_file, r.line
from unis as u
join marts.university_rankings as r using (provider_name)
order by u.register_name, r.measure_order
