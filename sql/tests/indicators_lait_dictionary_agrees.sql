-- Indicators fed by a LAIT measure agree with LAIT's data dictionary: the measure exists there,
-- its polarity ('High' / 'Low') matches ours, and our source_url is the dictionary's link.
with used as (
    select distinct indicator_id, source_measure as measure_code
    from marts.indicator_values
    where source_file like 'education/dfe_lait_%'
        and note is distinct from 'derived'
        and coalesce(note, '') not like 'derived;%'
)

select
    u.indicator_id,
    u.measure_code,
    d.polarity as lait_polarity,
    i.polarity,
    case
        when d.measure_code is null then 'measure not in the LAIT dictionary'
        when i.polarity <> case d.polarity when 'High' then 'higher_better' when 'Low' then 'lower_better' end
            then 'polarity differs from LAIT'
        else 'source_url differs from the LAIT dictionary link'
    end as problem
from used as u
left join staging.dfe_lait__measures_dictionary as d on u.measure_code = d.measure_code
left join marts.indicators as i on u.indicator_id = i.indicator_id
where d.measure_code is null
    or i.polarity is distinct from case d.polarity when 'High' then 'higher_better' when 'Low' then 'lower_better' end
    or i.source_url is distinct from trim(d.hyperlinks)
