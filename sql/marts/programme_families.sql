-- Programmes with similar aims (data/seeds/programme_families.csv). The before/after comparison
-- never takes a comparator from a programme of the same family running within three years of the
-- start: those areas got something like the treatment too.
select
    cast(programme_group as varchar) as programme_group,
    cast(family as varchar) as family,
    cast(aims as varchar) as aims
from seeds.programme_families
order by family, programme_group
