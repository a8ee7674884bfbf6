-- Catalogue fields use the vocabularies of docs/CONTRACT.md, and nothing a page shows is blank.
select indicator_id, 'domain ' || coalesce(domain, 'NULL') as problem
from marts.indicators
where domain is null or domain not in
    ('attainment', 'he_participation', 'skills', 'labour', 'health', 'deprivation', 'context', 'mobility')
union all
select indicator_id, 'unit ' || coalesce(unit, 'NULL')
from marts.indicators
where unit is null or unit not in ('%', 'score', 'years', '£', '£ per week', 'rank', 'count', 'z-score')
union all
select indicator_id, 'polarity ' || coalesce(polarity, 'NULL')
from marts.indicators
where polarity is null or polarity not in ('higher_better', 'lower_better', 'neutral')
union all
select indicator_id, 'geography ' || coalesce(geography, 'NULL')
from marts.indicators
where geography is null or geography not in ('lad', 'utla', 'smc')
union all
select indicator_id, 'period_type ' || coalesce(period_type, 'NULL')
from marts.indicators
where period_type is null
    or period_type not in ('academic', 'calendar', 'financial', '3-year', 'snapshot', 'pooled')
union all
select indicator_id, 'decimals ' || coalesce(cast(decimals as varchar), 'NULL')
from marts.indicators
where decimals is null or decimals not between 0 and 4
union all
select indicator_id, 'gap is not lower_better'
from marts.indicators
where subgroup = 'Gap' and polarity <> 'lower_better'
union all
select indicator_id, 'blank ' || field
from (
    unpivot (
        select indicator_id, family, family_title, title, short_title, subgroup, definition,
            publisher, source_title, source_url, licence, attribution, caveats, source_file
        from marts.indicators
    )
    on family, family_title, title, short_title, subgroup, definition, publisher, source_title,
        source_url, licence, attribution, caveats, source_file
    into name field value text
)
where coalesce(trim(text), '') = ''
