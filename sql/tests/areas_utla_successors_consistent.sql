-- The hand-written county -> successor pairs agree with the ONS change log: every English county
-- terminated there is listed, and each successor had predecessors merge in the year the county ceased.
select c.old_code as old_utla_code, 'terminated county has no successor' as problem
from staging.ons_geo__changes as c
where c.change_type = 'termination' and c.old_code like 'E10%'
  and c.old_code not in (select old_utla_code from intermediate.utla_successors)
union all
select u.old_utla_code, 'successor ' || u.successor_code || ' did not form in ' || coalesce(u.change_year::varchar, '?')
from intermediate.utla_successors as u
where not exists (
    select 1
    from intermediate.lad_successors as s
    where s.lad24_code = u.successor_code
      and s.change_type = 'merged'
      and s.change_year = u.change_year
)
