-- Metadata of the indicators in an export, for the data package descriptor and the Excel README.
-- An empty $indicators list means all.
select indicator_id, title, unit, polarity, geography, period_type, definition, caveats,
       publisher, source_title, source_url, licence, attribution, source_file
from marts.indicators
where len($indicators::varchar[]) = 0 or list_contains($indicators::varchar[], indicator_id)
order by indicator_id
