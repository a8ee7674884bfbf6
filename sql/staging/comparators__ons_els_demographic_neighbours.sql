-- ONS Explore Local Statistics "similar areas" (demographic): the 20 most similar areas per area,
-- columns 1..20 in rank order. 361 UK districts (2023 codes), 21 counties, 15 combined authorities.
with source as (
    select *
    from read_csv('comparators/ons_els_demographic_neighbours_lad.csv', header=true, columns={
        'AREACD': 'VARCHAR', '1': 'VARCHAR', '2': 'VARCHAR', '3': 'VARCHAR', '4': 'VARCHAR', '5': 'VARCHAR',
        '6': 'VARCHAR', '7': 'VARCHAR', '8': 'VARCHAR', '9': 'VARCHAR', '10': 'VARCHAR', '11': 'VARCHAR',
        '12': 'VARCHAR', '13': 'VARCHAR', '14': 'VARCHAR', '15': 'VARCHAR', '16': 'VARCHAR', '17': 'VARCHAR',
        '18': 'VARCHAR', '19': 'VARCHAR', '20': 'VARCHAR'
    })
),

renamed as (
    select
        AREACD as area_code,
        "1" as neighbour_01,
        "2" as neighbour_02,
        "3" as neighbour_03,
        "4" as neighbour_04,
        "5" as neighbour_05,
        "6" as neighbour_06,
        "7" as neighbour_07,
        "8" as neighbour_08,
        "9" as neighbour_09,
        "10" as neighbour_10,
        "11" as neighbour_11,
        "12" as neighbour_12,
        "13" as neighbour_13,
        "14" as neighbour_14,
        "15" as neighbour_15,
        "16" as neighbour_16,
        "17" as neighbour_17,
        "18" as neighbour_18,
        "19" as neighbour_19,
        "20" as neighbour_20
    from source
)

select * from renamed
