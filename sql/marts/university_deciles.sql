-- Each ranked university's intake by socio-economic decile, as the Commission draws it: cumulative
-- percentage of students at each decile (0 = none, 10 = all) for the actual intake, the equal
-- scenario and the qualified pool with and without location weighting.
-- Every ranked university has 44 rows (4 curves x 11 points).
select
    provider_name,
    slug,
    curve,
    decile,
    cumulative_percentage,
    source_file,
    line
from staging.universities__smc_deciles
order by provider_name, curve, decile
