-- Every ranked university with its three ranks, for the catalogue (one row per university).
select
    provider_name,
    max(case when measure = 'equal_access' then "rank" end) as equal_access_rank,
    max(case when measure = 'social_mobility' then "rank" end) as social_mobility_rank,
    max(case when measure = 'social_mobility_location' then "rank" end) as location_rank,
    max(case when measure = 'equal_access' then coefficient end) as equal_access_coefficient,
    max(case when measure = 'social_mobility' then coefficient end) as social_mobility_coefficient,
    max(case when measure = 'social_mobility_location' then coefficient end) as location_coefficient,
    max(of_ranked) as of_ranked,
    max(source_file) as source_file,
    max(line) as line
from marts.university_rankings
group by provider_name
order by provider_name
