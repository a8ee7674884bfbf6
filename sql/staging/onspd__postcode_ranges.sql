-- ONS Postcode Directory (November 2022) compressed into ranges by mySociety, decoded by
-- pipelines/extracts/postcodes.py: one row per run of consecutive postcodes (base-36 order) that
-- share a local authority. lad_code is the November 2022 code (null: no authority, e.g.
-- non-geographic postcodes); the April 2023 mergers are applied by the postcode_ranges mart.
with source as (
    select * from raw.postcode_ranges
),

renamed as (
    select
        cast(range_start as bigint) as range_start,
        first_postcode,
        lad_code as lad22_code
    from source
)

select * from renamed
