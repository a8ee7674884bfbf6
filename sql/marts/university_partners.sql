-- Universities named among a register intervention's partners, matched to the Commission's
-- rankings through the name table data/seeds/university_names.csv (register name -> provider's
-- official name, or empty with the reason it is not ranked). A register name matches when it is
-- written in the partners text as a whole name (not inside a longer word).
with

names as (
    select
        register_name,
        nullif(trim(provider_name), '') as provider_name,
        why
    from seeds.university_names
),

matched as (
    select
        i.intervention_id,
        n.register_name,
        n.provider_name,
        n.why,
        position(n.register_name in i.partners) as at
    from marts.interventions as i
    join names as n
        on regexp_matches(i.partners, '(^|[^A-Za-z])' || n.register_name || '($|[^A-Za-z])')
)

select
    m.intervention_id,
    m.register_name,
    m.provider_name,
    m.provider_name is not null and exists (
        select 1 from marts.university_rankings as r where r.provider_name = m.provider_name
    ) as is_ranked,
    m.why
from matched as m
order by m.intervention_id, m.at
