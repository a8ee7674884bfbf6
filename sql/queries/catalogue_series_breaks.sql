-- Known breaks in each indicator family's series (a change of definition or method).
select indicator_family, period, year, note
from marts.series_breaks
order by indicator_family, year, period
