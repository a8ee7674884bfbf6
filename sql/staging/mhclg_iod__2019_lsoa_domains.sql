-- MHCLG English indices of deprivation 2019, File 2: IMD and domain ranks and deciles for the
-- 32,844 LSOAs (2011 codes), each with its 2019 local authority district. No scores in this file.
-- Rank 1 = most deprived; decile 1 = most deprived 10% of LSOAs nationally. UTF-8 with BOM.
with source as (
    select *
    from read_csv('deprivation/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz', header=true, columns={
        'LSOA code (2011)': 'VARCHAR',
        'LSOA name (2011)': 'VARCHAR',
        'Local Authority District code (2019)': 'VARCHAR',
        'Local Authority District name (2019)': 'VARCHAR',
        'Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)': 'DOUBLE',
        'Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)': 'DOUBLE',
        'Income Rank (where 1 is most deprived)': 'DOUBLE',
        'Income Decile (where 1 is most deprived 10% of LSOAs)': 'DOUBLE',
        'Employment Rank (where 1 is most deprived)': 'DOUBLE',
        'Employment Decile (where 1 is most deprived 10% of LSOAs)': 'DOUBLE',
        'Education, Skills and Training Rank (where 1 is most deprived)': 'DOUBLE',
        'Education, Skills and Training Decile (where 1 is most deprived 10% of LSOAs)': 'DOUBLE',
        'Health Deprivation and Disability Rank (where 1 is most deprived)': 'DOUBLE',
        'Health Deprivation and Disability Decile (where 1 is most deprived 10% of LSOAs)': 'DOUBLE',
        'Crime Rank (where 1 is most deprived)': 'DOUBLE',
        'Crime Decile (where 1 is most deprived 10% of LSOAs)': 'DOUBLE',
        'Barriers to Housing and Services Rank (where 1 is most deprived)': 'DOUBLE',
        'Barriers to Housing and Services Decile (where 1 is most deprived 10% of LSOAs)': 'DOUBLE',
        'Living Environment Rank (where 1 is most deprived)': 'DOUBLE',
        'Living Environment Decile (where 1 is most deprived 10% of LSOAs)': 'DOUBLE'
    })
),

renamed as (
    select
        ---------- area
        "LSOA code (2011)" as lsoa11_code,
        "LSOA name (2011)" as lsoa11_name,
        "Local Authority District code (2019)" as lad19_code,
        "Local Authority District name (2019)" as lad19_name,
        ---------- ranks (1 = most deprived) and deciles (1 = most deprived 10%)
        cast("Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)" as integer) as imd_rank,
        cast("Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)" as integer) as imd_decile,
        cast("Income Rank (where 1 is most deprived)" as integer) as income_rank,
        cast("Income Decile (where 1 is most deprived 10% of LSOAs)" as integer) as income_decile,
        cast("Employment Rank (where 1 is most deprived)" as integer) as employment_rank,
        cast("Employment Decile (where 1 is most deprived 10% of LSOAs)" as integer) as employment_decile,
        cast("Education, Skills and Training Rank (where 1 is most deprived)" as integer) as education_rank,
        cast("Education, Skills and Training Decile (where 1 is most deprived 10% of LSOAs)" as integer) as education_decile,
        cast("Health Deprivation and Disability Rank (where 1 is most deprived)" as integer) as health_rank,
        cast("Health Deprivation and Disability Decile (where 1 is most deprived 10% of LSOAs)" as integer) as health_decile,
        cast("Crime Rank (where 1 is most deprived)" as integer) as crime_rank,
        cast("Crime Decile (where 1 is most deprived 10% of LSOAs)" as integer) as crime_decile,
        cast("Barriers to Housing and Services Rank (where 1 is most deprived)" as integer) as barriers_rank,
        cast("Barriers to Housing and Services Decile (where 1 is most deprived 10% of LSOAs)" as integer) as barriers_decile,
        cast("Living Environment Rank (where 1 is most deprived)" as integer) as living_environment_rank,
        cast("Living Environment Decile (where 1 is most deprived 10% of LSOAs)" as integer) as living_environment_decile
    from source
)

select * from renamed
