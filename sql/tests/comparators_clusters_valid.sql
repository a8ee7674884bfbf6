-- ONS clusters: one cluster per district and variant, a letter a-d with its description.
select cluster_set, area_code, 'duplicate' as problem
from marts.area_clusters
group by cluster_set, area_code
having count(*) > 1
union all
select cluster_set, area_code, 'cluster not a-d or no description'
from marts.area_clusters
where cluster not in ('a', 'b', 'c', 'd') or description is null
