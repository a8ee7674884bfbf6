-- The indicator catalogue (docs/CONTRACT.md): the hand-curated seeds.indicators_<domain> tables,
-- one row per indicator. Seeds load as text; here they get their types. Each seed is named here
-- (the runner finds dependencies by these names); when a domain adds a seed, add a branch for it.
with unioned as (
    select * from seeds.indicators_education
    union all by name
    select * from seeds.indicators_labour
    union all by name
    select * from seeds.indicators_health
    union all by name
    select * from seeds.indicators_deprivation
    union all by name
    select * from seeds.indicators_mobility
    union all by name
    select * from seeds.indicators_context
    union all by name
    select * from seeds.indicators_skills
)

select
    trim(indicator_id) as indicator_id,
    trim(family) as family,
    family_title,
    title,
    short_title,
    trim(domain) as domain,
    trim(subgroup) as subgroup,
    trim(unit) as unit,
    cast(decimals as integer) as decimals,
    trim(polarity) as polarity,
    trim(geography) as geography,
    definition,
    publisher,
    source_title,
    source_url,
    licence,
    attribution,
    caveats,
    trim(source_file) as source_file,
    trim(period_type) as period_type,
    ---------- data as of (docs/refresh.md): the release held and the publisher's schedule
    release,
    nullif(trim(release_schedule), '') as release_schedule,  -- ISO 8601 duration: P1Y, P3M, P1M
    try_cast(nullif(trim(next_release), '') as date) as next_release
from unioned
order by domain, family, indicator_id
