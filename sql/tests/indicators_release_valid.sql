-- Every indicator says which release it holds; a recurring one has a schedule (an ISO 8601
-- duration) and a next-release date that parses; a one-off (census, IoD) has neither.
select indicator_id, release, release_schedule, next_release
from marts.indicators
where coalesce(trim(release), '') = ''
   or (release_schedule is not null and release_schedule not in ('P1Y', 'P6M', 'P3M', 'P1M'))
   or ((release_schedule is null) <> (next_release is null))
