-- The register (corrections applied, see register__corrected) with its lists split, its status
-- and its evidence graded:
--   status: 'proposed' / 'not established' where a correction says so, otherwise 'ended' when an
--   end year before 2026 (the year of the register's research) is recorded, else 'running'.
--   themes, source_titles, source_urls as lists; programme_group a short label for filters;
--   is_uncertain when the researcher's notes (or the name) flag a fact as unconfirmed,
--   uncertain_note the sentences that say so.
with

register as (
    select * from intermediate.register__corrected
),

split as (
    select
        *,
        list_filter(
            list_transform(string_split(coalesce(themes_text, ''), ';'), lambda t: trim(t)),
            lambda t: t <> ''
        ) as themes,
        list_filter(
            list_transform(string_split(coalesce(source_titles_text, ''), ' | '), lambda t: trim(t)),
            lambda t: t <> ''
        ) as source_titles,
        list_filter(
            list_transform(string_split(coalesce(source_urls_text, ''), ' | '), lambda t: trim(t)),
            lambda t: t <> ''
        ) as source_urls,
        list_filter(
            list_transform(string_split(coalesce(area_codes_text, ''), ';'), lambda t: upper(trim(t))),
            lambda t: t <> ''
        ) as listed_codes,
        -- sentences of the notes (and the name) that flag a fact as not established
        list_filter(
            string_split_regex(coalesce(notes, ''), '\.\s+'),
            lambda s: regexp_matches(
                s,
                '(?i)unconfirmed|not confirmed|not found|unverified|not independently verified|uncertain|inferred|general knowledge|best guess'
            )
        ) as uncertain_sentences
    from register
),

graded as (
    select
        *,
        len(uncertain_sentences) > 0 or coalesce(regexp_matches(name, '(?i)unverified'), false)
            as is_uncertain,
        nullif(
            array_to_string(
                list_transform(uncertain_sentences, lambda s: regexp_replace(trim(s), '\.?$', '.')),
                ' '
            ),
            ''
        ) as uncertain_note
    from split
)

select
    intervention_id,
    name,
    programme,
    coalesce(
        corrected_status,
        case when end_year is not null and end_year < 2026 then 'ended' else 'running' end
    ) as status,
    coverage,
    corrections,
    case
        when intervention_id = 'CUA-NCL' then 'CNUA'
        when programme ilike 'Leading Places (phase 1)%' then 'Leading Places 1'
        when programme ilike 'Leading Places (phase 2)%' then 'Leading Places 2'
        when programme ilike 'Leading Places (phase 3)%' then 'Leading Places 3'
        when programme ilike '%Local Policy Innovation Partnership%' then 'LPIP'
        when programme ilike '%Opportunity Areas%' then 'Opportunity Areas'
        when programme ilike '%Education Investment Areas%' then 'Education Investment Areas'
        when programme ilike 'Civic University Agreements%' then 'Civic University Agreements'
        when programme ilike 'Keele Deals%' or programme ilike '%civic MoU%' then 'Civic deals and MoUs'
        when programme ilike 'Combined authorities%' then 'Combined authorities'
        when programme ilike '%Levelling Up Partnerships%' then 'Levelling Up Partnerships'
        when programme ilike '%Strength in Places%' then 'Strength in Places'
        when programme ilike '%Launchpads%' then 'Launchpads'
        when programme ilike 'Urban Living Partnership%' then 'Urban Living Partnerships'
        when programme ilike 'Regional university partnership%' then 'Regional university partnerships'
        when programme ilike 'Regional Education Partnership%' then 'Regional Education Partnerships'
        else programme
    end as programme_group,
    type,
    partners,
    places,
    themes,
    start_year,
    end_year,
    funding_gbp,
    funder,
    source_titles,
    source_urls,
    notes,
    is_uncertain,
    uncertain_note,
    listed_codes
from graded
