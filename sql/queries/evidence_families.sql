-- Programme families (programmes with similar aims) and the outcomes precomputed for each programme.
select f.programme_group, f.family, f.aims,
       coalesce(list(o.indicator_id order by o.indicator_id) filter (where o.indicator_id is not null),
                []::varchar[]) as outcomes
from marts.programme_families as f
left join marts.evidence_outcomes as o using (programme_group)
group by f.programme_group, f.family, f.aims
order by f.programme_group
