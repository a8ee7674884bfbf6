-- Every postcode range with an authority in November 2022 maps to exactly one current council
-- (a district merged in 2023 to its successor), and the ranges are unique. The directory's
-- pseudo-codes L99999999 (Channel Islands) and M99999999 (Isle of Man) are not UK councils.
select range_start, lad22_code, area_code, 'no current authority' as problem
from marts.postcode_ranges
where lad22_code is not null and area_code is null
    and lad22_code not in ('L99999999', 'M99999999')
union all
select range_start, any_value(lad22_code), any_value(area_code), 'duplicate range start'
from marts.postcode_ranges
group by range_start
having count(*) > 1
