-- Postcode ranges (ONSPD November 2022) with today's authority: the districts merged in April
-- 2023 (Cumbria's six, North Yorkshire's seven, Somerset's four) become Cumberland, Westmorland
-- and Furness, North Yorkshire and Somerset through intermediate.lad_successors (every old
-- district lies wholly inside one new authority). Codes of Wales, Scotland and Northern Ireland
-- are unchanged since 2019. Northern Ireland's (BT) ranges are kept so a lookup can tell them
-- apart, but atlas.data.places never resolves a BT postcode (the ONSPD licence).
-- range_end: the start of the next range (exclusive); null for the last.
with

successors as (
    select old_code, lad24_code
    from intermediate.lad_successors
    where change_type in ('unchanged', 'renamed', 'merged')
),

current_codes as (
    select area_code
    from marts.areas
    where is_current and is_lad
)

select
    r.range_start,
    lead(r.range_start) over (order by r.range_start) as range_end,
    r.first_postcode,
    r.lad22_code,
    coalesce(s.lad24_code, c.area_code) as area_code
from staging.onspd__postcode_ranges as r
left join successors as s on s.old_code = r.lad22_code
left join current_codes as c on c.area_code = r.lad22_code
order by r.range_start
