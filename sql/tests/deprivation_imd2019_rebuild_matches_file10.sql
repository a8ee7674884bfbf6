-- The rebuild used for merged districts (share of LSOAs in IMD decile 1, from IoD2019 File 2)
-- reproduces File 10's 'proportion of LSOAs in most deprived 10% nationally' for every one of
-- the 317 districts of 2019, to within 0.0001 (File 10 publishes it to 4 decimal places).
with recomputed as (
    select
        lad19_code,
        count(*) as lsoas,
        avg(case when imd_decile = 1 then 1 else 0 end) as prop_decile_1
    from staging.mhclg_iod__2019_lsoa_domains
    group by lad19_code
)

select
    coalesce(f.lad19_code, r.lad19_code) as lad19_code,
    f.imd_prop_lsoas_most_deprived_10pc as file10,
    r.prop_decile_1 as recomputed
from staging.mhclg_iod__2019_lad_imd as f
full join recomputed as r on r.lad19_code = f.lad19_code
where r.lad19_code is null
   or f.lad19_code is null
   or abs(f.imd_prop_lsoas_most_deprived_10pc - r.prop_decile_1) > 0.0001
