-- The fingerprint the build stamped into the warehouse (atlas.data.integrity compares it with the
-- record written beside the file).
select fingerprint from meta.build
