-- Series breaks for one indicator family.
select indicator_family, period, year, note
from marts.series_breaks
where indicator_family = $family
order by year
