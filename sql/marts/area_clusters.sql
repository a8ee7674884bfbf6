-- ONS Explore Local Statistics clusters: each current English district's cluster (a-d) in the three
-- variants, with ONS's description. The March 2026 file uses 2025 codes for Barnsley (E08000038)
-- and Sheffield (E08000039); they are mapped back to their 2024 codes via the ONS change log, as in
-- marts.statistical_neighbours. Districts ONS left unclustered ('[x]') have no row.
with

current_lads as (
    select area_code from marts.areas
    where is_current and is_lad and country_code = 'E92000001'
),

later_codes as (
    select new_code, old_code
    from staging.ons_geo__changes
    where change_type = 'new_code'
      and new_code not in (select area_code from marts.areas where is_current)
      and old_code in (select area_code from marts.areas where is_current)
),

long as (
    select area_code, 'global' as variant, cluster_global as cluster
    from staging.comparators__ons_els_cluster_allocation
    union all
    select area_code, 'economic', cluster_economic
    from staging.comparators__ons_els_cluster_allocation
    union all
    select area_code, 'demographic', cluster_demographic
    from staging.comparators__ons_els_cluster_allocation
)

select
    coalesce(c.old_code, l.area_code) as area_code,
    'ONS ' || l.variant as cluster_set,
    l.cluster,
    d.description
from long as l
left join later_codes as c on c.new_code = l.area_code
left join staging.comparators__ons_els_cluster_descriptions as d
    on d.variant = l.variant and d.cluster = l.cluster
where l.cluster is not null
  and coalesce(c.old_code, l.area_code) in (select area_code from current_lads)
order by cluster_set, area_code
