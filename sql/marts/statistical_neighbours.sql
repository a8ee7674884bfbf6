-- Comparator sets: for each area, its most similar areas in rank order.
--   'DfE 2025'  : DfE children's services statistical neighbours, May 2025 set (LAIT). Upper-tier
--                 authorities (E06/E08/E09/E10), 10 each; the workbook's "Old SNs" block is left out.
--   'ONS global', 'ONS economic', 'ONS demographic': ONS Explore Local Statistics "similar areas"
--                 in its three variants, districts plus counties
--                 and combined authorities. ONS ranks 20 areas UK-wide; only current English areas
--                 are kept (no English indicator exists for a Welsh or Scottish neighbour), and
--                 rank is renumbered 1..n over those, keeping ONS's order. The March 2026 file uses
--                 2025 codes for Barnsley (E08000038) and Sheffield (E08000039); they are mapped
--                 back to their 2024 codes (E08000016, E08000019) via the ONS change log.
with

-- English areas only (marts.areas also holds Wales, Scotland and Northern Ireland)
current_areas as (
    select area_code from marts.areas where is_current and country_code = 'E92000001'
),

dfe as (
    select area_code, neighbour_code, "rank", 'DfE 2025' as neighbour_set
    from staging.comparators__dfe_statistical_neighbours
    where sn_set = 2025 and section = 'current'
      and area_code in (select area_code from current_areas)
      and neighbour_code in (select area_code from current_areas)
),

-- districts recoded after 2024 (new_code rows whose new code is not a 2024 area)
later_codes as (
    select new_code, old_code
    from staging.ons_geo__changes
    where change_type = 'new_code'
      and new_code not in (select area_code from current_areas)
      and old_code in (select area_code from current_areas)
),

els_unpivoted as (
    select 'ONS global' as neighbour_set, area_code, cast(right(slot, 2) as integer) as ons_rank, neighbour_code
    from (
        unpivot staging.comparators__ons_els_global_neighbours
        on columns('^neighbour_[0-9]+$')
        into name slot value neighbour_code
    )
    union all
    select 'ONS economic', area_code, cast(right(slot, 2) as integer), neighbour_code
    from (
        unpivot staging.comparators__ons_els_economic_neighbours
        on columns('^neighbour_[0-9]+$')
        into name slot value neighbour_code
    )
    union all
    select 'ONS demographic', area_code, cast(right(slot, 2) as integer), neighbour_code
    from (
        unpivot staging.comparators__ons_els_demographic_neighbours
        on columns('^neighbour_[0-9]+$')
        into name slot value neighbour_code
    )
),

els_long as (
    select
        e.neighbour_set,
        coalesce(a.old_code, e.area_code) as area_code,
        e.ons_rank,
        coalesce(n.old_code, e.neighbour_code) as neighbour_code
    from els_unpivoted as e
    left join later_codes as a on a.new_code = e.area_code
    left join later_codes as n on n.new_code = e.neighbour_code
),

els as (
    select
        area_code,
        neighbour_code,
        row_number() over (partition by neighbour_set, area_code order by ons_rank) as "rank",
        neighbour_set
    from els_long
    where area_code in (select area_code from current_areas)
      and neighbour_code in (select area_code from current_areas)
      and neighbour_code <> area_code
)

select area_code, neighbour_code, cast("rank" as integer) as "rank", neighbour_set from dfe
union all
select area_code, neighbour_code, cast("rank" as integer) as "rank", neighbour_set from els
order by neighbour_set, area_code, "rank"
