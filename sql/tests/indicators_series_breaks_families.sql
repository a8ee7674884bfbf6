-- Every series break belongs to a catalogued indicator family, and its period label and year
-- agree with that family's period_type (same rules as indicator_values_period_label).
with families as (
    select family, any_value(period_type) as period_type
    from marts.indicators
    group by family
)

select b.indicator_family, b.period, b.year, 'family not in marts.indicators' as problem
from marts.series_breaks as b
where b.indicator_family not in (select family from families)
union all
select b.indicator_family, b.period, b.year, 'period label / year do not match ' || f.period_type
from marts.series_breaks as b
inner join families as f on b.indicator_family = f.family
where b.year is null
    or case f.period_type
        when 'calendar' then not (regexp_matches(b.period, '^\d{4}$') and b.year = cast(b.period as integer))
        when '3-year' then not (regexp_matches(b.period, '^\d{4}-\d{2}$')
            and b.year = cast(left(b.period, 4) as integer) + 2)
        when 'snapshot' then false
        else not (regexp_matches(b.period, '^\d{4}/\d{2}$')
            and b.year = cast(left(b.period, 4) as integer) + 1
            and right(b.period, 2) = right(cast(b.year as varchar), 2))
    end
