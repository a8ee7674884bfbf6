-- The 2024 English districts each intervention covers. Listed districts count as 'listed'
-- (older district codes through their 2024 successor), counties expand to their districts
-- ('county member'), combined authorities to their members ('combined authority member').
-- Councils of Wales, Scotland and Northern Ireland are listed directly. A register row with status
-- 'not established' covers no area.
-- listed_code: the code as written in the register that brought the district in.
select
    intervention_id,
    lad24_code as area_code,
    arg_min(via, case via when 'listed' then 1 when 'county member' then 2 else 3 end) as via,
    arg_min(listed_code, case via when 'listed' then 1 when 'county member' then 2 else 3 end)
        as listed_code
from intermediate.register__area_codes
where lad24_code is not null
  and intervention_id not in (
      select intervention_id from intermediate.register__interventions
      where status = 'not established'
  )
group by intervention_id, lad24_code
order by intervention_id, area_code
