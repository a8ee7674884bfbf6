-- The register with its corrections overlay applied: data/raw/interventions is raw and never
-- edited, so corrections live in data/seeds/register_corrections.csv, one row per changed field
-- with the document that supports it (source) and why (reason). A correction replaces the field
-- as researched; the list `corrections` keeps what changed and why, for display and export.
--   fields: name, partners, places, themes (';'-separated), lad_codes (';'-separated codes),
--           notes, status ('running' / 'ended' / 'proposed' / 'not established'), coverage
--           (plain words when the coded areas are not the programme's area: UK-wide, part of an
--           authority, a larger unnamed area), source_title + source_url (a source added to the
--           row's list, e.g. the primary source of a row whose only sources were mirror sites)
-- Unknown ids or fields stop the build (sql/tests/interventions_corrections_valid.sql).
with

register as (
    select * from staging.register__interventions
),

corrections as (
    select
        trim(intervention_id) as intervention_id,
        trim(field) as field,
        trim(value) as value,
        trim(source) as source,
        trim(reason) as reason
    from seeds.register_corrections
),

by_row as (
    select
        intervention_id,
        any_value(value) filter (where field = 'name') as name,
        any_value(value) filter (where field = 'partners') as partners,
        any_value(value) filter (where field = 'places') as places,
        any_value(value) filter (where field = 'themes') as themes_text,
        any_value(value) filter (where field = 'lad_codes') as area_codes_text,
        any_value(value) filter (where field = 'notes') as notes,
        any_value(value) filter (where field = 'status') as status,
        any_value(value) filter (where field = 'coverage') as coverage,
        any_value(value) filter (where field = 'source_title') as added_title,
        any_value(value) filter (where field = 'source_url') as added_url,
        list(
            {'field': field, 'value': value, 'source': source, 'reason': reason}
            order by field
        ) as corrections
    from corrections
    group by intervention_id
)

select
    r.intervention_id,
    coalesce(c.name, r.name) as name,
    r.programme,
    r.type,
    coalesce(c.partners, r.partners) as partners,
    coalesce(c.places, r.places) as places,
    coalesce(c.themes_text, r.themes_text) as themes_text,
    coalesce(c.area_codes_text, r.area_codes_text) as area_codes_text,
    r.start_year,
    r.end_year,
    r.funding_gbp,
    r.funder,
    concat_ws(' | ', r.source_titles_text, c.added_title) as source_titles_text,
    concat_ws(' | ', r.source_urls_text, c.added_url) as source_urls_text,
    coalesce(c.notes, r.notes) as notes,
    c.status as corrected_status,
    c.coverage,
    coalesce(
        c.corrections,
        []::struct(field varchar, value varchar, source varchar, reason varchar)[]
    ) as corrections
from register as r
left join by_row as c using (intervention_id)
