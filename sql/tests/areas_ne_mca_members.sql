-- The North East Mayoral Combined Authority (2024, E47000014) has exactly its 7 member districts
-- (County Durham, Gateshead, Newcastle, North Tyneside, Northumberland, South Tyneside, Sunderland).
select 'E47000014' as ca_code, count(*) as n_members
from marts.areas
where is_current and is_lad and ca_code = 'E47000014'
having count(*) <> 7
   or count(*) filter (where area_code in ('E06000047', 'E08000037', 'E08000021', 'E08000022',
                                           'E06000057', 'E08000023', 'E08000024')) <> 7
