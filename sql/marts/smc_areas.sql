-- One row per Social Mobility Commission area (205, all four nations): its atlas code (see
-- README "SMC areas"), nation, how it is grouped, its districts, and how well the union of those
-- districts matches the Commission's own map polygon.
with members as (
    select
        smc_code,
        any_value(smc_area) as smc_area,
        any_value(grouping) as grouping,
        any_value(lead_code) as lead_code,
        count(*) as n_lads,
        list(lad24_code order by lad24_code) as lad_codes,
        list(lad24_name order by lad24_name) as lad_names
    from marts.smc_area_lads
    group by smc_code
)

select
    m.smc_code,
    m.smc_area,
    case left(m.smc_code, 1)
        when 'E' then 'England' when 'W' then 'Wales'
        when 'S' then 'Scotland' when 'N' then 'Northern Ireland'
    end as nation,
    m.grouping,
    m.lead_code,
    m.n_lads,
    m.lad_codes,
    m.lad_names,
    c.smc_map_covered,
    c.iou as smc_map_iou
from members as m
left join staging.smc__map_check as c on c.smc_code = m.smc_code
order by m.smc_area
