-- English counties (E10) that ceased 2019–2023, mapped to the 2024 unitary authorities that
-- replaced them. The change log records each termination but not where the county went, and no
-- pre-2019 district->county lookup is among the raw files, so the pairs are written out here and
-- checked by sql/tests/areas_utla_successors_consistent.sql against the change log (the successor
-- must be a 2024 district whose predecessors merged in the year the county ceased).
--   coverage 'whole': the successor lies wholly inside the old county
--            'part' : the successor also covers areas outside it (BCP = Christchurch, a Dorset
--                     district, plus the former unitaries Bournemouth and Poole)
with pairs (old_utla_code, successor_code, coverage) as (
    values
        ('E10000009', 'E06000059', 'whole'),  -- Dorset -> Dorset
        ('E10000009', 'E06000058', 'part'),   -- Dorset (Christchurch) -> Bournemouth, Christchurch and Poole
        ('E10000002', 'E06000060', 'whole'),  -- Buckinghamshire -> Buckinghamshire
        ('E10000021', 'E06000061', 'whole'),  -- Northamptonshire -> North Northamptonshire
        ('E10000021', 'E06000062', 'whole'),  -- Northamptonshire -> West Northamptonshire
        ('E10000006', 'E06000063', 'whole'),  -- Cumbria -> Cumberland
        ('E10000006', 'E06000064', 'whole'),  -- Cumbria -> Westmorland and Furness
        ('E10000023', 'E06000065', 'whole'),  -- North Yorkshire -> North Yorkshire
        ('E10000027', 'E06000066', 'whole')   -- Somerset -> Somerset
),

terminations as (
    select old_code, old_name, start_year
    from staging.ons_geo__changes
    where change_type = 'termination' and old_code like 'E10%'
)

select
    p.old_utla_code,
    t.old_name as old_utla_name,
    p.successor_code,
    lad.lad_name as successor_name,
    t.start_year as change_year,
    p.coverage
from pairs as p
left join terminations as t on t.old_code = p.old_utla_code
left join staging.ons_geo__lad23_rgn23 as lad on lad.lad_code = p.successor_code
order by p.old_utla_code, p.successor_code
