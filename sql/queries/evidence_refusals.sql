-- Whether an intervention's precomputed before/after studies can all only refuse: one row per
-- study with its verdict and, for a refusal, the reason the engine gave (pages hide the link to
-- a comparison that can only refuse and say why instead).
select indicator_id, verdict, json_extract_string(result_json, '$.problem') as problem
from evidence.results
where intervention_id = $iv
order by indicator_id
