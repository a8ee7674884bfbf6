-- Every GSS code in marts.areas looks like one (letter + 8 digits).
select area_code, column_name, code
from (
    unpivot (
        select area_code, area_code as area, utla_code as utla, region_code as region, ca_code as ca,
               successor_code as successor
        from marts.areas
    ) on area, utla, region, ca, successor into name column_name value code
)
where not regexp_full_match(code, '[EWSNK][0-9]{8}')
