-- Every area code listed in the register, what kind of area it is, and the 2024 districts it
-- stands for. One row per (intervention, listed code, 2024 district); a code that stands for no
-- English district (Wales, Scotland, Northern Ireland, unknown, malformed, or a county / combined
-- authority without members) keeps one row with a null lad24_code so the checks can name it.
--   kind: 'district' (2024 LAD), 'former district' (older vintage, via lad_successors),
--         'later district code' (a 2025+ recode of a 2024 district, e.g. Barnsley E08000016 ->
--         E08000038 in 2025: the register uses ONS May 2026 codes),
--         'county' (E10, its 2024 districts), 'former county' (E10 abolished 2019-2023, via
--         utla_successors), 'combined authority' (E47, its 2024 member districts),
--         'outside England' (a W/S/N code that is not a current council), 'malformed', 'unknown'
--   Councils of Wales, Scotland and Northern Ireland are current districts of marts.areas
--   (single-tier), so they resolve as 'district' like English ones.
with

listed as (
    select
        intervention_id,
        unnest(listed_codes) as listed_code,
        generate_subscripts(listed_codes, 1) as position
    from intermediate.register__interventions
),

current_lads as (
    select area_code, utla_code, ca_code
    from marts.areas
    where is_lad and is_current
),

counties as (
    select area_code from marts.areas where level = 'county' and is_current
),

combined_authorities as (
    select area_code from marts.areas where level = 'ca' and is_current
),

former_lads as (
    select old_code, lad24_code
    from intermediate.lad_successors
    where change_type <> 'unchanged'
),

-- code-only changes after 2024 (boundaries unchanged), read back to the 2024 code
later_lads as (
    select c.new_code, c.old_code as lad24_code
    from staging.ons_geo__changes as c
    join current_lads as d on d.area_code = c.old_code
    where c.change_type = 'new_code' and c.start_year > 2024
),

former_counties as (
    select old_utla_code, successor_code
    from intermediate.utla_successors
),

classified as (
    select
        l.*,
        case
            when listed_code in (select area_code from current_lads) then 'district'
            when regexp_matches(listed_code, '^[WSN]\d{8}$') then 'outside England'
            when not regexp_matches(listed_code, '^E\d{8}$') then 'malformed'
            when listed_code in (select area_code from counties) then 'county'
            when listed_code in (select area_code from combined_authorities) then 'combined authority'
            when listed_code in (select old_code from former_lads) then 'former district'
            when listed_code in (select new_code from later_lads) then 'later district code'
            when listed_code in (select old_utla_code from former_counties) then 'former county'
            else 'unknown'
        end as kind
    from listed as l
),

resolved as (
    select c.*, c.listed_code as lad24_code, 'listed' as via
    from classified as c
    where kind = 'district'

    union all
    select c.*, f.lad24_code, 'listed' as via
    from classified as c
    left join former_lads as f on f.old_code = c.listed_code
    where kind = 'former district'

    union all
    select c.*, n.lad24_code, 'listed' as via
    from classified as c
    left join later_lads as n on n.new_code = c.listed_code
    where kind = 'later district code'

    union all
    select c.*, d.area_code, 'county member' as via
    from classified as c
    left join current_lads as d on d.utla_code = c.listed_code
    where kind = 'county'

    union all
    select c.*, f.successor_code, 'county member' as via
    from classified as c
    left join former_counties as f on f.old_utla_code = c.listed_code
    where kind = 'former county'

    union all
    select c.*, d.area_code, 'combined authority member' as via
    from classified as c
    left join current_lads as d on d.ca_code = c.listed_code
    where kind = 'combined authority'

    union all
    select c.*, null as lad24_code, null as via
    from classified as c
    where kind in ('outside England', 'malformed', 'unknown')
)

select intervention_id, position, listed_code, kind, lad24_code, via
from resolved
order by intervention_id, position, lad24_code
