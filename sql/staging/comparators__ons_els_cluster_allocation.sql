-- ONS Explore Local Statistics clusters: each UK district's cluster (a-d) in three variants (global,
-- economic, demographic); '[x]' = not clustered. Letters are lower-cased to match the descriptions.
with source as (
    select *
    from read_csv('comparators/ons_els_cluster_allocation_lad.csv', header=true, columns={
        'AREACD': 'VARCHAR', 'AREANM': 'VARCHAR', 'Global': 'VARCHAR', 'Economic': 'VARCHAR',
        'Demographic': 'VARCHAR'
    })
),

renamed as (
    select
        AREACD as area_code,
        AREANM as area_name,
        nullif(lower(Global), '[x]') as cluster_global,
        nullif(lower(Economic), '[x]') as cluster_economic,
        nullif(lower(Demographic), '[x]') as cluster_demographic
    from source
)

select * from renamed
