-- The universities named among one intervention's partners: each ranked one's three measures
-- (rank of the ranked universities, coefficient, file and line), and each unranked one with why.
select
    p.register_name,
    p.provider_name,
    p.is_ranked,
    p.why,
    r.measure,
    r.measure_order,
    r.measure_title,
    r.coefficient,
    r."rank",
    r.of_ranked,
    r.period,
    r.source_file,
    r.source_measure,
    r.line
from marts.university_partners as p
left join marts.university_rankings as r on r.provider_name = p.provider_name
where p.intervention_id = $iv
order by p.is_ranked desc, p.register_name, r.measure_order
