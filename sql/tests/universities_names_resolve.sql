-- The name table names only providers the Commission ranks, and each ranked measure runs 1..n once.
select 'name table provider not in the rankings' as problem, provider_name as detail
from seeds.university_names
where nullif(trim(provider_name), '') is not null
  and provider_name not in (select provider_name from marts.university_rankings)
union all
select 'duplicate rank or key', provider_name || ' ' || measure
from marts.university_rankings
group by provider_name, measure
having count(*) > 1
union all
select 'rank outside 1..of_ranked', provider_name || ' ' || measure
from marts.university_rankings
where "rank" < 1 or "rank" > of_ranked
union all
select 'register name matched twice in one intervention', intervention_id || ' ' || register_name
from marts.university_partners
group by intervention_id, register_name
having count(*) > 1
