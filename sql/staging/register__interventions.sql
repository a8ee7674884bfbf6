-- The intervention register, as researched (data/raw/interventions/interventions_research.csv).
-- Rename and cast only: splitting lists, grouping programmes and validation happen downstream.
with

source as (
    select *
    from read_csv(
        'interventions/interventions_research.csv',
        header = true,
        quote = '"',
        escape = '"',
        columns = {
            'id': 'VARCHAR',
            'name': 'VARCHAR',
            'programme': 'VARCHAR',
            'type': 'VARCHAR',
            'partners': 'VARCHAR',
            'places': 'VARCHAR',
            'lad_codes': 'VARCHAR',
            'themes': 'VARCHAR',
            'start_year': 'INTEGER',
            'end_year': 'INTEGER',
            'funding_gbp': 'DOUBLE',
            'funder': 'VARCHAR',
            'source_title': 'VARCHAR',
            'source_url': 'VARCHAR',
            'notes': 'VARCHAR'
        }
    )
),

renamed as (
    select
        ---------- key
        nullif(trim(id), '') as intervention_id,
        ---------- what
        nullif(trim(name), '') as name,
        nullif(trim(programme), '') as programme,
        nullif(trim(type), '') as type,
        nullif(trim(partners), '') as partners,
        nullif(trim(places), '') as places,
        nullif(trim(themes), '') as themes_text,
        ---------- where (';'-separated GSS codes as written)
        nullif(trim(lad_codes), '') as area_codes_text,
        ---------- when
        start_year,
        end_year,
        ---------- money
        funding_gbp,
        nullif(trim(funder), '') as funder,
        ---------- evidence (' | '-separated lists)
        nullif(trim(source_title), '') as source_titles_text,
        nullif(trim(source_url), '') as source_urls_text,
        nullif(trim(notes), '') as notes
    from source
)

select * from renamed
