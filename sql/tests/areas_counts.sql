-- The 2024 English geography is complete: 296 districts, 153 upper-tier authorities
-- (21 counties + 132 single-tier), 9 regions, 11 combined authorities, 1 nation.
with expected (what, n_expected) as (
    values ('lad', 296), ('utla', 153), ('county', 21), ('region', 9), ('ca', 11), ('nation', 1)
),

actual as (
    select 'lad' as what, count(*) filter (where is_lad) as n from marts.areas where is_current
    union all
    select 'utla', count(*) filter (where is_utla) from marts.areas where is_current
    union all
    select level, count(*) from marts.areas where is_current and level in ('county', 'region', 'ca', 'nation')
    group by level
)

select e.what, e.n_expected, coalesce(a.n, 0) as n_actual
from expected as e
left join actual as a on a.what = e.what
where coalesce(a.n, 0) <> e.n_expected
