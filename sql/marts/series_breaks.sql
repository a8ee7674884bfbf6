-- Known breaks in indicator series (a change of definition, method or collection), one row per
-- indicator family x period, for annotating trend charts. From the hand-curated seed.
select
    trim(indicator_family) as indicator_family,
    trim(period) as period,
    cast(year as integer) as year,
    note
from seeds.series_breaks
order by indicator_family, year
