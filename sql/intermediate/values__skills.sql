-- Skills indicator values in the indicator_values shape (docs/CONTRACT.md) from the Annual
-- Population Survey qualification files of ONS Explore Local Statistics, decoded in
-- intermediate.lhd__els_observations: districts and councils of Great Britain, counties, regions,
-- combined authorities, the four nations (Northern Ireland's national figure only), Great
-- Britain and the UK, all as published, 2022 and 2023. value is NULL whenever status <> 'ok'.
-- Progress 8 and KS4 destinations (apprenticeships, FE colleges) come from LAIT, in
-- intermediate.values__education_lait; Census 2021 qualifications in intermediate.values__context.
with indicator_map as (
    select *
    from (values
        ('aps_level3_plus', 'education/ons_els_qualifications-level-3-or-above.csv',
            'Level 3 or above qualifications (Great Britain)'),
        ('aps_no_quals', 'education/ons_els_qualifications-none-gb.csv', 'No qualifications')
    ) as m (indicator_id, source_file, source_measure)
)

select
    m.indicator_id,
    o.area_code,
    o.period,
    o.year,
    o.value,
    o.lower_ci,
    o.upper_ci,
    o.status,
    o.source_file,
    o.source_measure,
    o.note
from intermediate.lhd__els_observations as o
join indicator_map as m
    on m.source_file = o.source_file and m.source_measure = o.source_measure
order by m.indicator_id, o.area_code, o.year
