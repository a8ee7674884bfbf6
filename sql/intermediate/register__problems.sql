-- Everything wrong or notable about each register row, in words a researcher can act on.
--   severity 'error': the build stops (sql/tests/interventions_register_valid.sql)
--   severity 'flag' : allowed, shown with the intervention (national programmes, codes outside
--                     England, gaps the researcher documented in notes as UNVERIFIED / NOT FOUND)
-- A missing source URL or start year is an error unless the row's notes already say it could
-- not be established (is_uncertain); the gap is then a flag, never silently filled.
with

register as (
    select
        *,
        coalesce(intervention_id, '(no id: "' || coalesce(name, '?') || '")') as row_label
    from intermediate.register__interventions
),

codes as (
    select * from intermediate.register__area_codes
),

found as (
    select intervention_id, row_label, 'error' as severity, 'missing id' as reason,
           'the row has no id' as detail
    from register where intervention_id is null

    union all
    select intervention_id, row_label, 'error', 'duplicate id',
           'the id is used by ' || count(*) over (partition by intervention_id) || ' rows'
    from register where intervention_id is not null
    qualify count(*) over (partition by intervention_id) > 1

    union all
    select intervention_id, row_label, 'error', 'missing ' || field, 'no ' || field || ' given'
    from register,
         unnest([
             case when name is null then 'name' end,
             case when programme is null then 'programme' end,
             case when type is null then 'type' end
         ]) as t(field)
    where field is not null

    union all
    select intervention_id, row_label,
           case when is_uncertain or len(corrections) > 0 then 'flag' else 'error' end,
           'no source',
           case when is_uncertain
                then 'no source URL (the notes record the row as unverified)'
                when len(corrections) > 0
                then 'no source URL; the evidence is a document named in the corrections: '
                    || corrections[1].source
                else 'no source URL: every row needs at least one source in source_url' end
    from register where len(source_urls) = 0

    union all
    select intervention_id, row_label, 'flag', 'mirror source only',
           'every source is a mirror or wiki site (' || array_to_string(source_urls, ', ')
               || '): a primary source is still needed'
    from register
    where len(source_urls) > 0
      and len(list_filter(source_urls, lambda u: not regexp_matches(u,
          '(?i)^https?://([a-z0-9-]+\.)*(wikipedia\.org|wikimili\.com|knowpia\.com|piglix\.com|cloudfront\.net|movatter\.jp|docslib\.org|archive\.(md|ph|today))(/|$)'
      ))) = 0

    union all
    select intervention_id, row_label, 'error', 'bad source URL',
           'source URL "' || url || '" does not start with http:// or https://'
    from register, unnest(source_urls) as t(url)
    where not regexp_matches(url, '^https?://\S+$')

    union all
    select intervention_id, row_label,
           case when is_uncertain then 'flag' else 'error' end,
           'no start year',
           case when is_uncertain
                then 'no start year (the notes record it as not found)'
                else 'no start year given' end
    from register where start_year is null

    union all
    select intervention_id, row_label, 'error', 'implausible years',
           'start year ' || start_year || ' / end year ' || coalesce(end_year::varchar, 'none')
               || ' (start must be 1990-2035 and not after the end)'
    from register
    where start_year not between 1990 and 2035 or end_year < start_year

    union all
    select intervention_id, row_label, 'flag', 'no area codes',
           case when coverage is not null then 'no area codes: ' || coverage
                else 'no area codes: a national, UK-wide or uncoded programme, not shown on the map' end
    from register where len(listed_codes) = 0 and status <> 'not established'

    union all
    select c.intervention_id, r.row_label, 'flag', 'outside England',
           'area codes outside England that are not current councils, kept but not mapped: '
               || string_agg(distinct c.listed_code, ', ' order by c.listed_code)
    from codes as c join register as r using (intervention_id)
    where c.kind = 'outside England'
    group by c.intervention_id, r.row_label

    union all
    select c.intervention_id, r.row_label, 'error', 'unknown area code',
           'area code ' || c.listed_code || case c.kind
               when 'malformed' then ' is not a GSS code (expected a letter and 8 digits, e.g. E08000021)'
               when 'unknown' then ' is not a known area'
               else ' (' || c.kind || ') has no 2024 districts in marts.areas'
           end
    from codes as c join register as r using (intervention_id)
    where c.lad24_code is null and c.kind <> 'outside England'
)

select
    intervention_id,
    severity,
    reason,
    detail,
    'interventions/interventions_research.csv row ' || row_label || ': ' || detail as message
from found
order by severity, intervention_id, reason, message
