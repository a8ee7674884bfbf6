-- status is one of the four allowed values, and value is NULL exactly when status is not 'ok'
-- (a confidence interval without a value is also an error).
select indicator_id, area_code, period, value, status
from marts.indicator_values
where status is null
    or status not in ('ok', 'suppressed', 'unreliable', 'not_available')
    or (status = 'ok' and value is null)
    or (status <> 'ok' and value is not null)
    or (value is null and (lower_ci is not null or upper_ci is not null))
