-- The postcode lookup's ranges (atlas.data.places): start of each range and its current council.
select range_start, area_code
from marts.postcode_ranges
order by range_start
