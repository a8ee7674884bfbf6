-- Every English district code in use at any time 2011–2024, mapped to its 2024 district.
--   change_type 'unchanged': a current (2024) code, old_code = lad24_code
--               'renamed'  : one old code -> one new code (boundary tweak / code change only)
--               'merged'   : several old districts -> one successor (possibly via an interim code,
--                            e.g. Taunton Deane -> Somerset West and Taunton 2019 -> Somerset 2023)
--               'split'    : one old district -> several successors (one row per successor; none
--                            occur among English districts 2011–2024, kept so the rule is explicit)
-- change_year: the year the old code ceased (first April it was no longer in use).
-- Sources: ONS LAD11->LAD21 lookup (2011–2021 changes) and the ONSvisual change log (2018–2025).
with recursive

current_lads as (
    select lad_code, lad_name
    from staging.ons_geo__lad23_rgn23
),

lookup_edges as (
    select lad11_code as old_code, lad11_name as old_name, lad21_code as new_code
    from staging.ons_geo__lad11_lad21
    where lad11_code like 'E%' and lad11_code <> lad21_code
),

changelog_edges as (
    select old_code, old_name, new_code, start_year
    from staging.ons_geo__changes
    where change_type in ('merger', 'new_code')
      and regexp_matches(old_code, '^E0[6-9]')
      and regexp_matches(new_code, '^E0[6-9]')
),

edges as (
    select
        coalesce(c.old_code, l.old_code) as old_code,
        coalesce(c.old_name, l.old_name) as old_name,
        coalesce(c.new_code, l.new_code) as new_code,
        -- The LAD11->LAD21 lookup carries no dates. The only changes missing from the change log
        -- are the six April 2013 boundary-change recodes (Northumberland, Gateshead, East Herts,
        -- St Albans, Stevenage, Welwyn Hatfield).
        coalesce(c.start_year, 2013) as change_year
    from lookup_edges as l
    full join changelog_edges as c
        on l.old_code = c.old_code and l.new_code = c.new_code
),

typed_edges as (
    select
        *,
        case
            when count(*) over (partition by old_code) > 1 then 'split'
            when count(*) over (partition by new_code) > 1 then 'merged'
            else 'renamed'
        end as edge_type
    from edges
),

-- follow interim codes until a 2024 district is reached
chain as (
    select old_code, old_name, new_code as code, change_year, edge_type as change_type, 1 as depth
    from typed_edges
    union all
    select
        chain.old_code,
        chain.old_name,
        e.new_code,
        chain.change_year,
        case
            when 'split' in (chain.change_type, e.edge_type) then 'split'
            when 'merged' in (chain.change_type, e.edge_type) then 'merged'
            else 'renamed'
        end,
        chain.depth + 1
    from chain
    join typed_edges as e on e.old_code = chain.code
    where chain.depth < 5
),

historic as (
    select
        chain.old_code,
        chain.old_name,
        cur.lad_code as lad24_code,
        cur.lad_name as lad24_name,
        chain.change_year,
        chain.change_type
    from chain
    join current_lads as cur on cur.lad_code = chain.code
    where chain.old_code not in (select lad_code from current_lads)
),

unchanged as (
    select
        lad_code as old_code,
        lad_name as old_name,
        lad_code as lad24_code,
        lad_name as lad24_name,
        cast(null as integer) as change_year,
        'unchanged' as change_type
    from current_lads
)

select * from historic
union all
select * from unchanged
order by old_code, lad24_code
