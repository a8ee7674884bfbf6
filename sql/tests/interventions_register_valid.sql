-- The intervention register must be usable: every row has an id, name, programme, type, a source
-- URL, a start year and known area codes (documented gaps excepted, see register__problems).
-- Each offending row names the register row and the reason.
select intervention_id as register_row, reason, message
from intermediate.register__problems
where severity = 'error'
order by register_row, reason
