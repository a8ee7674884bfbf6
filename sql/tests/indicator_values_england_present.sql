-- Every indicator x period with any published value has a published England (E92000001) value,
-- as the source gives it (never averaged from areas) - except for sources without an England row:
--   imd2019_*, imd2025_*  : the IoD local authority district summaries (File 10) rank districts
--                           only; MHCLG publishes no England summary score or share.
--   child_poverty_*       : the ONS Explore Local Statistics file (DWP data) has UK, Wales,
--                           Scotland and Northern Ireland rows but no England row.
--   smc_*                 : the Social Mobility Commission's indices are z-scores of its 205 UK
--                           areas (0 = the UK average by construction); no England value exists.
with exceptions (indicator_id) as (
    values
        ('imd2019_avg_score'), ('imd2019_pct_most_deprived'),
        ('imd2025_avg_score'), ('imd2025_pct_most_deprived'),
        ('child_poverty_bhc'), ('child_poverty_ahc'),
        ('smc_childhood'), ('smc_labour_young'), ('smc_innovation'), ('smc_prospects')
),

published as (
    select distinct indicator_id, period
    from marts.indicator_values
    where status = 'ok'
)

select p.indicator_id, p.period, 'no published England value' as problem
from published as p
where p.indicator_id not in (select indicator_id from exceptions)
    and not exists (
        select 1
        from marts.indicator_values as e
        where e.indicator_id = p.indicator_id
            and e.period = p.period
            and e.area_code = 'E92000001'
            and e.status = 'ok'
    )
