-- The 2024 geography is complete: in England 296 districts, 153 upper-tier authorities
-- (21 counties + 132 single-tier), 9 regions, 11 combined authorities; 22 Welsh principal areas,
-- 32 Scottish council areas, 11 Northern Irish districts (single-tier); 4 nations; the UK and GB.
with expected (what, n_expected) as (
    values ('lad', 296), ('utla', 153), ('county', 21), ('region', 9), ('ca', 11), ('nation', 4),
        ('uk', 2), ('lad W92000004', 22), ('lad S92000003', 32), ('lad N92000002', 11)
),

actual as (
    select 'lad' as what, count(*) filter (where is_lad) as n
    from marts.areas where is_current and country_code = 'E92000001'
    union all
    select 'utla', count(*) filter (where is_utla)
    from marts.areas where is_current and country_code = 'E92000001'
    union all
    select level, count(*) from marts.areas
    where is_current and level in ('county', 'region', 'ca', 'nation', 'uk')
    group by level
    union all
    select 'lad ' || country_code, count(*) filter (where is_lad and is_utla and utla_code = area_code)
    from marts.areas where is_current and country_code <> 'E92000001'
    group by country_code
)

select e.what, e.n_expected, coalesce(a.n, 0) as n_actual
from expected as e
left join actual as a on a.what = e.what
where coalesce(a.n, 0) <> e.n_expected
