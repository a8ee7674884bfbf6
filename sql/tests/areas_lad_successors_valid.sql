-- Every old district code maps to exactly one current (2024) district (unless recorded as a split),
-- and every successor is one of the 296 current districts.
with counts as (
    select old_code, count(*) as n, bool_or(change_type = 'split') as is_split
    from intermediate.lad_successors
    group by old_code
)

select old_code, 'old_code listed more than once' as problem
from counts
where n > 1 and not is_split
union all
select s.old_code, 'successor ' || s.lad24_code || ' is not a 2024 district'
from intermediate.lad_successors as s
where s.lad24_code not in (select lad_code from staging.ons_geo__lad23_rgn23)
union all
select 'all', 'expected 296 unchanged rows, found ' || count(*)
from intermediate.lad_successors
where change_type = 'unchanged'
having count(*) <> 296
