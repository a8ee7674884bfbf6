-- The Social Mobility Commission's university rankings (State of the Nation 2026), one row per
-- university x measure, each value with the file, line and column it was read from.
--   equal_access            intake against all 18-19 year olds in England
--   social_mobility         intake against the 18-19 year olds who met the university's entry grades
--   social_mobility_location the same, the qualified pool weighted by where the university recruits
-- Rank 1 = best of the ranked universities; positive coefficient = a more disadvantaged intake.
with

ranked as (
    select count(*) as of_ranked from staging.universities__smc_rankings
),

long as (
    select provider_name, slug, 'equal_access' as measure, 1 as measure_order,
        equal_access_coefficient as coefficient, equal_access_rank as "rank",
        'equal_access_coefficient, equal_access_ranking' as source_measure, source_file, line
    from staging.universities__smc_rankings
    union all
    select provider_name, slug, 'social_mobility', 2,
        social_mobility_coefficient, social_mobility_rank,
        'social_mobility_coefficient, social_mobility_ranking', source_file, line
    from staging.universities__smc_rankings
    union all
    select provider_name, slug, 'social_mobility_location', 3,
        location_coefficient, location_rank,
        'social_mobility_with_location_coefficient, social_mobility_with_location_ranking',
        source_file, line
    from staging.universities__smc_rankings
)

select
    l.provider_name,
    l.slug,
    l.measure,
    l.measure_order,
    case l.measure
        when 'equal_access' then 'Equal access'
        when 'social_mobility' then 'Social mobility coefficient'
        else 'Social mobility coefficient with location weighting'
    end as measure_title,
    l.coefficient,
    cast(l."rank" as integer) as "rank",
    cast(r.of_ranked as integer) as of_ranked,
    '2018-2020 entrants' as period,
    l.source_file,
    l.source_measure,
    l.line
from long as l
cross join ranked as r
order by l.provider_name, l.measure_order
