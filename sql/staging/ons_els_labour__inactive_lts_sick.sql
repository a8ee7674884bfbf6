-- ONS Explore Local Statistics pipeline input: proportion of economically inactive people (16-64)
-- who are inactive because of long-term sickness, 2004-2022 (APS-based). Older ELS layout:
-- capitalised headers, a calendar-year Period, empty CI columns; the file starts with a UTF-8 BOM.
with source as (
    select *
    from read_csv('labour/ons_els_economically-inactive-due-to-long-term-sickness.csv.gz', header=true, columns={
        'AREACD': 'VARCHAR', 'AREANM': 'VARCHAR', 'Geography': 'VARCHAR', 'Variable Name': 'VARCHAR',
        'Indicator': 'VARCHAR', 'Mission': 'VARCHAR', 'Category': 'VARCHAR', 'Period': 'VARCHAR',
        'Observation': 'DOUBLE', 'Measure': 'VARCHAR', 'Unit': 'VARCHAR',
        'Lower Confidence Interval (95%)': 'DOUBLE', 'Upper Confidence Interval (95%)': 'DOUBLE',
        'Observation Status': 'VARCHAR', 'Polarity': 'DOUBLE', 'Notes': 'VARCHAR'
    })
),

renamed as (
    select
        ---------- area
        AREACD as area_code,
        AREANM as area_name,
        Geography as geography,
        ---------- what and when
        "Variable Name" as variable_name,
        Indicator as indicator,
        Mission as mission,
        Category as category,
        Period as period,
        Measure as measure,
        Unit as unit,
        ---------- values
        Observation as value,
        "Lower Confidence Interval (95%)" as lower_ci,
        "Upper Confidence Interval (95%)" as upper_ci,
        "Observation Status" as status,
        cast(Polarity as integer) as polarity,
        Notes as notes
    from source
)

select * from renamed
