-- The level each indicator is published at and its latest year (for --comparators).
select i.indicator_id, i.geography, max(v.year) as last_year
from marts.indicators as i
join marts.indicator_values as v using (indicator_id)
where list_contains($indicators, i.indicator_id)
group by i.indicator_id, i.geography
order by i.indicator_id
