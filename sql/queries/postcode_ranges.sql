-- The postcode lookup's ranges (atlas.data.places): start of each range, its first postcode
-- and its current council.
select range_start, first_postcode, area_code
from marts.postcode_ranges
order by range_start
