-- Every register correction names a register row and a known field, says what supports it and
-- why, and gives a status from the vocabulary; one correction per row and field.
with c as (
    select trim(intervention_id) as intervention_id, trim(field) as field, value, source, reason
    from seeds.register_corrections
)

select intervention_id, field, 'no such register row' as problem
from c
where intervention_id not in (select intervention_id from staging.register__interventions)
union all
select intervention_id, field, 'unknown field'
from c
where field not in (
    'name', 'partners', 'places', 'themes', 'lad_codes', 'notes', 'status', 'coverage',
    'source_title', 'source_url'
)
union all
select intervention_id, 'source_title / source_url', 'a source title without its address or the reverse'
from c
where field in ('source_title', 'source_url')
group by intervention_id
having count(distinct field) <> 2
union all
select intervention_id, field, 'no source or reason'
from c
where coalesce(trim(source), '') = '' or coalesce(trim(reason), '') = ''
union all
select intervention_id, field, 'status ' || value || ' not in running / ended / proposed / not established'
from c
where field = 'status' and value not in ('running', 'ended', 'proposed', 'not established')
union all
select intervention_id, field, 'corrected twice'
from c
group by intervention_id, field
having count(*) > 1
