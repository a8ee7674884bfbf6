-- Touching areas at each map level, for the spillover rule of the before/after comparison.
-- 'lad': districts within 500 m of each other (staging.ons_geo__lad_contiguity).
-- 'utla': counties and unitary authorities touch when any of their districts touch.
with lad as (
    select c.area_code, c.neighbour_code
    from staging.ons_geo__lad_contiguity as c
    join marts.areas as a on a.area_code = c.area_code and a.is_current and a.is_lad
    join marts.areas as b on b.area_code = c.neighbour_code and b.is_current and b.is_lad
),

utla as (
    select distinct a.utla_code as area_code, b.utla_code as neighbour_code
    from lad
    join marts.areas as a on a.area_code = lad.area_code
    join marts.areas as b on b.area_code = lad.neighbour_code
    where a.utla_code is not null and b.utla_code is not null and a.utla_code <> b.utla_code
)

select 'lad' as geo_level, area_code, neighbour_code from lad
union all
select 'utla' as geo_level, area_code, neighbour_code from utla
order by geo_level, area_code, neighbour_code
