-- The outcomes each programme's before/after comparisons are precomputed for at build time
-- (data/seeds/evidence_outcomes.csv): what the programme set out to change, where an official
-- yearly series exists. Any other outcome is computed on the page when asked for.
select
    cast(o.programme_group as varchar) as programme_group,
    cast(o.indicator_id as varchar) as indicator_id,
    cast(o.why as varchar) as why
from seeds.evidence_outcomes as o
order by programme_group, indicator_id
