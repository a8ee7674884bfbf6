-- Rows per source file stay within the expected range: a file that suddenly yields far fewer or
-- far more rows (a changed layout, a lost year, a duplicated join) fails here. Ranges are the
-- counts of the first full build with a margin; a file with values but no range here also fails.
-- When a domain adds a file, add its range.
with expected (source_file, min_rows, max_rows) as (
    values
        -- education: LAIT 168 areas x 8-10 years per indicator; ELS ~370 areas x 5-9 years
        ('education/dfe_lait_early_years_ks1_by_la.csv.gz', 4500, 5300),             -- 4,865
        ('education/dfe_lait_ks2_by_la.csv.gz', 6100, 7000),                         -- 6,484 (incl. the derived gap)
        ('education/dfe_lait_ks4_ks5_by_la.csv.gz', 10400, 12700),                   -- 11,504 (incl. Progress 8, destinations)
        ('education/ons_els_qualifications-level-3-or-above.csv', 700, 880),         -- 793 (GB, 2022-2023)
        ('education/ons_els_qualifications-none-gb.csv', 700, 880),                  -- 794
        ('education/dfe_lait_post16_age19_he_neet_by_la.csv.gz', 6600, 7800),        -- 7,124
        ('education/ons_els_gcses-in-english-and-maths.csv', 3100, 3700),            -- 3,333
        ('education/ons_els_persistent-absences-for-all-pupils.csv', 2600, 3100),    -- 2,909 (upper tier, 2006/07-2024/25)
        ('education/ons_els_pupils-at-expected-standards-by-end-of-primary-school.csv', 1600, 1950), -- 1,755
        -- labour
        ('labour/ons_els_claimant-count.csv.gz', 9200, 11200),                       -- 10,200 (UK)
        ('labour/ons_els_economically-inactive-due-to-long-term-sickness.csv.gz', 6800, 8300), -- 7,543 (GB)
        ('labour/ons_els_employment-rate.csv.gz', 14300, 17500),                     -- 15,880 (GB)
        ('labour/ons_els_gross-disposable-household-income-per-head.csv.gz', 9600, 11800), -- 10,719 (UK)
        ('labour/ons_els_gross-median-weekly-pay.csv', 6400, 7800),                  -- 7,091 (UK)
        ('labour/ons_els_modelled-unemployment.csv', 6700, 8200),                    -- 7,480 (GB)
        -- health
        ('health/ohid_fingertips_90366_life_expectancy_at_birth_lad.csv', 5000, 6100), -- 5,516
        ('health/ohid_fingertips_92901_sii_life_expectancy_lad.csv', 4300, 5300),    -- 4,752
        ('health/ons_els_healthy-life-expectancy.csv', 5100, 6300),                  -- 5,718 (UK)
        -- deprivation
        ('deprivation/File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx', 570, 700), -- 634
        ('deprivation/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz', 1, 50),       -- 7 (merged districts)
        ('deprivation/mhclg_iod2025_file10_lad_summaries_ltla24_from_humaniverse_IMD.csv', 530, 650), -- 592
        ('deprivation/dwp_els_children-in-relative-poverty.csv', 2200, 2700),        -- 2,436 (UK)
        -- mobility: the SMC indices, 205 areas x 4 periods (CI4: x 2), exactly
        ('mobility/smc_son_CI1-2.0-conditions-of-childhood--full-dataset.csv', 820, 820),
        ('mobility/smc_son_CI2-2.0-labour-market-opportunities-for-young-people--full-dataset.csv', 820, 820),
        ('mobility/smc_son_CI3-2.0-innovation-and-growth--full-dataset.csv', 820, 820),
        ('mobility/smc_son_CI4-3.0-promising-prospects--full-dataset.csv', 410, 410),
        -- context
        ('population/census2021_ts067_highest_qualification_lad2021.csv', 600, 720), -- 658 (England and Wales)
        ('population/ons_mye_population_ew_2011_2023_la2023_long.csv', 3900, 4700)  -- 4,251
),

actual as (
    select source_file, count(*) as n_rows
    from marts.indicator_values
    group by source_file
)

select
    coalesce(a.source_file, e.source_file) as source_file,
    coalesce(a.n_rows, 0) as n_rows,
    e.min_rows,
    e.max_rows,
    case
        when e.source_file is null then 'no expected row range in this test'
        else 'row count outside the expected range'
    end as problem
from actual as a
full join expected as e on a.source_file = e.source_file
where e.source_file is null
    or coalesce(a.n_rows, 0) not between e.min_rows and e.max_rows
