-- The districts in the same ONS cluster as some districts (one cluster set), with the cluster's
-- letter and ONS's description of it.
with mine as (
    select distinct cluster
    from marts.area_clusters
    where list_contains($codes, area_code) and cluster_set = $cluster_set
)
select c.area_code, c.cluster, c.description
from marts.area_clusters as c
where c.cluster_set = $cluster_set
  and c.cluster in (select cluster from mine)
  and not list_contains($codes, c.area_code)
order by c.area_code
