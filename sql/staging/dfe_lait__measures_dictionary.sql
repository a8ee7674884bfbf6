-- DfE LAIT data dictionary, education subset: one row per LAIT measure code (148 rows) with its
-- title, polarity, year type, description, update dates, owner and source link(s).
-- Text fields span several lines (quoted). Dates are ISO strings in the extract.
with source as (
    select *
    from read_csv('education/dfe_lait_education_measures_dictionary.csv', header=true, columns={
        'measure_code': 'VARCHAR', 'Topic': 'VARCHAR', 'Measure': 'VARCHAR',
        'Chart_title': 'VARCHAR', 'Polarity': 'VARCHAR', 'y_axis_name': 'VARCHAR',
        'Year_Type': 'VARCHAR', 'Description': 'VARCHAR', 'Last Update': 'DATE',
        'Next Update': 'DATE', 'data_owner': 'VARCHAR', 'Hyperlink(s)': 'VARCHAR',
        'Methodology': 'VARCHAR'
    })
),

renamed as (
    select
        ---------- measure
        measure_code,
        "Topic" as topic,
        "Measure" as measure_title,
        "Chart_title" as chart_title,
        ---------- how to read it
        "Polarity" as polarity,
        y_axis_name,
        "Year_Type" as year_type,
        "Description" as description,
        "Methodology" as methodology,
        ---------- provenance
        "Last Update" as last_update,
        "Next Update" as next_update,
        data_owner,
        "Hyperlink(s)" as hyperlinks
    from source
)

select * from renamed
