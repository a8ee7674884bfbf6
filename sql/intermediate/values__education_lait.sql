-- DfE LAIT education measures in the indicator_values shape: one row per indicator x area x period.
-- Values are as published by LAIT (England and regions too; nothing is averaged from LAs).
--
-- Periods: KS4/KS2/EYFS label 'YYYY' = academic year ending YYYY ('2024' -> '2023/24', 2024);
--   HE by 19 label 'YYYY-YY' -> 'YYYY/YY' (end year); NEET label 'YYYY' = average of Dec YYYY-1 to
--   Feb YYYY -> '2024/25' style label, year YYYY (LAIT's year type for NEET is 'Financial Year').
-- Areas: upper-tier LAs, regions (E12) and England; Inner/Outer London (E13) are dropped.
-- LAIT shows '-' for anything not published, including areas that did not exist that year. For the
--   LAs created or abolished in 2019-2023 such rows are dropped (they are not data); every other
--   '-' becomes status 'not_available' with a NULL value.
-- he19_fsm_gap and ks2_rwm_disadv_gap: LAIT publishes no gap measure for these, so each is derived
--   per area and period from the two published rates (HE_19_Non_FSM - HE_19_FSM;
--   NonDAP_NEW_KS2_RWM - DAP_NEW_KS2_RWM), with note 'derived'.
with

-- which LAIT measure feeds which indicator, and how LAIT labels its years for that measure
measures (indicator_id, source_file, measure_code, period_kind) as (
    values
        ('ks4_att8_all', 'education/dfe_lait_ks4_ks5_by_la.csv.gz', 'AVG_Attain8_Score', 'exam'),
        ('ks4_att8_disadv', 'education/dfe_lait_ks4_ks5_by_la.csv.gz', 'DAP_KS4_ATT8', 'exam'),
        ('ks4_att8_nondisadv', 'education/dfe_lait_ks4_ks5_by_la.csv.gz', 'NonDAP_KS4_ATT8', 'exam'),
        ('ks4_em95_all', 'education/dfe_lait_ks4_ks5_by_la.csv.gz', 'EngMaths9-5', 'exam'),
        ('ks4_p8_all', 'education/dfe_lait_ks4_ks5_by_la.csv.gz', 'AVG_Prog8_Score', 'exam'),
        ('ks4_p8_disadv', 'education/dfe_lait_ks4_ks5_by_la.csv.gz', 'DAP_KS4_Prog8', 'exam'),
        ('ks4_dest_apprenticeship', 'education/dfe_lait_ks4_ks5_by_la.csv.gz', 'KS4_DES_Apprentice', 'exam'),
        ('ks4_dest_fe_college', 'education/dfe_lait_ks4_ks5_by_la.csv.gz', 'KS4_DES_FEColl', 'exam'),
        ('ks2_rwm_all', 'education/dfe_lait_ks2_by_la.csv.gz', 'KS2RWM_Expected_STD', 'exam'),
        ('ks2_rwm_disadv', 'education/dfe_lait_ks2_by_la.csv.gz', 'DAP_NEW_KS2_RWM', 'exam'),
        ('ks2_rwm_nondisadv', 'education/dfe_lait_ks2_by_la.csv.gz', 'NonDAP_NEW_KS2_RWM', 'exam'),
        ('eyfs_gld_all', 'education/dfe_lait_early_years_ks1_by_la.csv.gz', 'FSP_NEW_GOODDEV', 'exam'),
        ('eyfs_gld_fsm', 'education/dfe_lait_early_years_ks1_by_la.csv.gz', 'FSP_Gooddev_FSM', 'exam'),
        ('eyfs_gld_nonfsm', 'education/dfe_lait_early_years_ks1_by_la.csv.gz', 'FSP_Gooddev_FSM_Other', 'exam'),
        ('he19_all', 'education/dfe_lait_post16_age19_he_neet_by_la.csv.gz', 'HE_19_All', 'he19'),
        ('he19_fsm', 'education/dfe_lait_post16_age19_he_neet_by_la.csv.gz', 'HE_19_FSM', 'he19'),
        ('he19_nonfsm', 'education/dfe_lait_post16_age19_he_neet_by_la.csv.gz', 'HE_19_Non_FSM', 'he19'),
        ('neet_16_17', 'education/dfe_lait_post16_age19_he_neet_by_la.csv.gz', '16-17 NEET', 'neet')
),

-- LAs created or abolished since 2019 (1 April of the year). LAIT carries them under one code for
-- all years, with '-' outside their lifetime.
lifetimes (area_code, existed_from, ceased_on) as (
    values
        ('E06000028', null, date '2019-04-01'),  -- Bournemouth (pre-2019 unitary)
        ('E06000029', null, date '2019-04-01'),  -- Poole (pre-2019 unitary)
        ('E10000009', null, date '2019-04-01'),  -- Dorset (pre-2019 county)
        ('E10000021', null, date '2021-04-01'),  -- Northamptonshire
        ('E10000006', null, date '2023-04-01'),  -- Cumbria
        ('E06000058', date '2019-04-01', null),  -- Bournemouth, Christchurch and Poole
        ('E06000059', date '2019-04-01', null),  -- Dorset (unitary)
        ('E06000061', date '2021-04-01', null),  -- North Northamptonshire
        ('E06000062', date '2021-04-01', null),  -- West Northamptonshire
        ('E06000063', date '2023-04-01', null),  -- Cumberland
        ('E06000064', date '2023-04-01', null)   -- Westmorland and Furness
),

lait as (
    select *, 'education/dfe_lait_early_years_ks1_by_la.csv.gz' as source_file
    from staging.dfe_lait__early_years_ks1
    union all
    select *, 'education/dfe_lait_ks2_by_la.csv.gz' from staging.dfe_lait__ks2
    union all
    select *, 'education/dfe_lait_ks4_ks5_by_la.csv.gz' from staging.dfe_lait__ks4_ks5
    union all
    select *, 'education/dfe_lait_post16_age19_he_neet_by_la.csv.gz'
    from staging.dfe_lait__post16_age19_he_neet
),

selected as (
    select
        m.indicator_id,
        m.period_kind,
        l.area_code,
        l.time_period_label,
        -- end year of the period; NULL (and caught by the period tests) if a label is unexpected
        case
            when m.period_kind in ('exam', 'neet') and regexp_matches(l.time_period_label, '^\d{4}$')
                then cast(l.time_period_label as integer)
            when m.period_kind = 'he19' and regexp_matches(l.time_period_label, '^\d{4}-\d{2}$')
                then cast(left(l.time_period_label, 4) as integer) + 1
        end as year,
        l.value,
        l.value_note,
        l.source_file,
        l.measure_code
    from lait as l
    inner join measures as m
        on l.measure_code = m.measure_code and l.source_file = m.source_file
    where l.geographic_level <> 'Inner/Outer London'
),

dated as (
    select
        *,
        (year - 1) || '/' || right(cast(year as varchar), 2) as period,
        -- the date the area is defined at: results of the academic year (summer); NEET around
        -- January; HE by 19 follows pupils from the LA where they were at school aged 15 (January
        -- school census four years earlier)
        case period_kind
            when 'exam' then make_date(year, 8, 31)
            when 'neet' then make_date(year, 1, 31)
            when 'he19' then make_date(year - 4, 1, 31)
        end as reference_date
    from selected
),

lifetime_checked as (
    select
        d.*,
        t.ceased_on,
        t.area_code is null
            or (d.reference_date >= coalesce(t.existed_from, date '1900-01-01')
                and d.reference_date < coalesce(t.ceased_on, date '9999-12-31')) as in_lifetime
    from dated as d
    left join lifetimes as t on d.area_code = t.area_code
),

published as (
    select
        d.indicator_id,
        d.area_code,
        d.period,
        d.year,
        d.value,
        cast(null as double) as lower_ci,
        cast(null as double) as upper_ci,
        case
            when d.value is not null then 'ok'
            when d.value_note = '-' then 'not_available'  -- LAIT does not say suppressed vs not available
        end as status,
        d.source_file,
        d.measure_code as source_measure,
        case
            when d.ceased_on is not null then 'historic area (ceased ' || strftime(d.ceased_on, '%Y') || ')'
            -- kept as published: LAIT files Dorset's 2017/18 EYFS FSM / non-FSM figures under the
            -- 2019 unitary code (the former county, E10000009, shows '-' that year)
            when not d.in_lifetime then 'published for a year before this area existed'
        end as note
    from lifetime_checked as d
    where d.value is not null or d.in_lifetime
),

gap_pairs (indicator_id, minuend, subtrahend) as (
    values
        ('he19_fsm_gap', 'he19_nonfsm', 'he19_fsm'),
        ('ks2_rwm_disadv_gap', 'ks2_rwm_nondisadv', 'ks2_rwm_disadv')
),

gaps as (
    select
        g.indicator_id,
        n.area_code,
        n.period,
        n.year,
        round(n.value - f.value, 4) as value,
        cast(null as double) as lower_ci,
        cast(null as double) as upper_ci,
        case when n.status = 'ok' and f.status = 'ok' then 'ok' else 'not_available' end as status,
        n.source_file,
        n.source_measure || ' - ' || f.source_measure as source_measure,
        concat_ws('; ', 'derived', n.note) as note
    from gap_pairs as g
    inner join published as n on n.indicator_id = g.minuend
    inner join published as f
        on f.indicator_id = g.subtrahend and n.area_code = f.area_code and n.period = f.period
)

select * from published
union all
select * from gaps
