-- The precomputed before/after study for one intervention and outcome (pipelines/evidence.py).
select method_version, verdict, result_json
from evidence.results
where intervention_id = $iv and indicator_id = $ind
