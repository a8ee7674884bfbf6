-- Known breaks in a series (a change of definition or method), for annotating trend charts.
select indicator_family, period, year, note
from marts.series_breaks
order by indicator_family, year
