-- IoD2019 harmonisation to 2024 districts:
--   every 2019 district of File 10 is known to intermediate.lad_successors;
--   a merged 2019 district keeps its published values as historic rows (both measures, noted);
--   each successor of a merger has a rebuilt share and NO invented average score;
--   unchanged districts carry no harmonisation note.
with file10 as (
    select f.lad19_code, s.lad24_code, s.change_type
    from staging.mhclg_iod__2019_lad_imd as f
    left join intermediate.lad_successors as s on s.old_code = f.lad19_code
),

v as (
    select * from intermediate.values__deprivation where indicator_id like 'imd2019_%'
),

successors as (
    select distinct lad24_code from file10 where change_type <> 'unchanged'
)

select lad19_code as area_code, 'File 10 district not in intermediate.lad_successors' as problem
from file10
where change_type is null
union all
select f.lad19_code, 'merged district lacks historic row for ' || m.indicator_id
from file10 as f
cross join (values ('imd2019_avg_score'), ('imd2019_pct_most_deprived')) as m (indicator_id)
where f.change_type <> 'unchanged'
  and not exists (
      select 1 from v
      where v.area_code = f.lad19_code and v.indicator_id = m.indicator_id
        and v.note like 'historic area: %'
  )
union all
select s.lad24_code, 'successor lacks a rebuilt imd2019_pct_most_deprived'
from successors as s
where not exists (
    select 1 from v
    where v.area_code = s.lad24_code and v.indicator_id = 'imd2019_pct_most_deprived'
      and v.note = 'rebuilt from LSOA deciles (IoD2019 File 2) for 2024 boundaries'
)
union all
select v.area_code, 'invented imd2019_avg_score for a successor of merged districts'
from v
where v.indicator_id = 'imd2019_avg_score' and v.area_code in (select lad24_code from successors)
union all
select f.lad19_code, 'unchanged district carries a note: ' || v.note
from file10 as f
join v on v.area_code = f.lad19_code
where f.change_type = 'unchanged' and v.note is not null
