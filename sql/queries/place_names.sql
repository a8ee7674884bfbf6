-- The place search's names (atlas.data.places): name, how it matched, the area it opens.
select name, how, area_code, area_name, level, country_name, population
from marts.place_names
