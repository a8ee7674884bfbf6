-- One university's intake by socio-economic decile, as the Commission draws it (cumulative %).
select curve, decile, cumulative_percentage, source_file, line
from marts.university_deciles
where provider_name = $provider
order by curve, decile
