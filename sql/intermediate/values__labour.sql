-- Labour-market indicator values in the indicator_values shape (see docs/CONTRACT.md), from the
-- ONS Explore Local Statistics files decoded in intermediate.lhd__els_observations.
-- England, regions (E12), combined authorities (E47, where published), counties (E10) and the
-- 296 districts on 2024 codes. value is NULL whenever status <> 'ok'.
with indicator_map as (
    select *
    from (values
        ('employment_rate', 'labour/ons_els_employment-rate.csv.gz', 'Employment rate'),
        ('inactivity_rate', 'labour/ons_els_employment-rate.csv.gz', 'Economically inactive'),
        ('claimant_rate', 'labour/ons_els_claimant-count.csv.gz', 'Claimant Count'),
        ('unemployment_modelled', 'labour/ons_els_modelled-unemployment.csv', 'Modelled unemployment rate'),
        -- ASHE CIs are in the file but undocumented (they look derived from ASHE CVs); kept, caveated
        ('pay_weekly_median', 'labour/ons_els_gross-median-weekly-pay.csv', 'Gross median weekly pay'),
        ('gdhi_per_head', 'labour/ons_els_gross-disposable-household-income-per-head.csv.gz',
            'Gross disposable household income'),
        ('inactive_lts_sick', 'labour/ons_els_economically-inactive-due-to-long-term-sickness.csv.gz',
            'Proportion of people who are economically inactive, who are economically inactive due to long term sickness')
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
