-- The warehouse build an export was taken from (its input fingerprint and build time).
select fingerprint, built_at
from meta.build
