"""One-off helper that wrote data/sources.csv from the shared SOURCES.md facts (kept for the record).

Re-run after adding a raw file: `python scripts/make_manifest.py` recomputes `sha256` of the stored
files; the descriptive columns live in the table below.
"""

import csv
import gzip
import hashlib
from pathlib import Path

from manifest_mobility import MOBILITY

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
OGL = "Open Government Licence v3.0"
ONS_ATTR = "Source: Office for National Statistics licensed under the Open Government Licence v3.0"
OS_ATTR = ONS_ATTR + "; Contains OS data © Crown copyright and database right {year}"
PSI = "Contains public sector information licensed under the Open Government Licence v3.0"
ELS_REPO, ELS_COMMIT = (
    "ONSdigital/explore-local-statistics-data",
    "4972c588d0c192839afc8fa54ae82cb3dc7721ed",
)
LAIT_REPO, LAIT_COMMIT = (
    "dfe-analytical-services/local-authority-interactive-tool",
    "2e30e3959a6ab8b2d22941b84764da41a40ac91b",
)
FT_REPO, FT_COMMIT = "traffordDataLab/trafford_themes", "ae20a088ae35b93b57843c79ee56e0072915db9e"
FN_REPO, FN_COMMIT = "dhsc-govuk/FingertipsNext", "d1600f4a5a6dc3eacaaad5d23e00f6eb312fdbba"
IMD_REPO, IMD_COMMIT = "humaniverse/IMD", "2f6c9050afee99a40041eb63b02b6b0c58850704"

# file: (publisher, title, period, attribution, origin_repo, origin_path, origin_commit, source_sha256, notes)
FILES = {
    "geo/LAD_MAY_2024_UK_BUC.gpkg": (
        "ONS",
        "Local Authority Districts (May 2024) Boundaries UK BUC",
        "May 2024",
        OS_ATTR.format(year=2024),
        "dfe-analytical-services/apprenticeships-provider-dashboard",
        "data/boundary_files/Local_Authority_Districts_May_2024_Boundaries_UK_BUC_-3799209068982948111.gpkg",
        "eb85a55153ead3cf098ec61921c7187a8ad5474f",
        "3ef49647b7c307e8c3b48c6340c7b65c138fda47be2d326192f0bf36bac31bb1",
        "LAD map polygons (simplified at build)",
    ),
    "geo/CTYUA_DEC_2023_UK_BSC.geojson.gz": (
        "ONS",
        "Counties and Unitary Authorities (December 2023) Boundaries UK BSC",
        "Dec 2023",
        OS_ATTR.format(year=2023),
        FN_REPO,
        "frontend/fingertips-frontend/public/maps/Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC_4952317392296043005.geo.json",
        FN_COMMIT,
        "45cb114c2fa38e1af61cabfc9da86f76c7ebc535e1a81e440d49f27decbc9fc1",
        "gzip -n -9 of the original",
    ),
    "geo/RGN_DEC_2023_EN_BUC.geojson": (
        "ONS",
        "Regions (December 2023) Boundaries EN BUC",
        "Dec 2023",
        OS_ATTR.format(year=2023),
        FN_REPO,
        "frontend/fingertips-frontend/public/maps/Regions_December_2023_Boundaries_EN_BUC_1958740832896680092.geo.json",
        FN_COMMIT,
        "259d10d19dced3b29d6885c08d3277e3a779fdcadaed5d41a937105e4531964e",
        "",
    ),
    "geo/LAD23_RGN23_EN_LU.csv": (
        "ONS",
        "Local Authority District to Region (December 2023) Lookup in England",
        "Dec 2023",
        ONS_ATTR,
        "open-innovations/true-north",
        "working/cs/Local_Authority_District_to_Region_(December_2023)_Lookup_in_England.csv",
        "423d134347a1d987164f8bc4d0150d7b47df1ea3",
        "349b93e3abb85948627b98de57ebb1033ba3972292d664b87da79ad16c900b39",
        "",
    ),
    "geo/LAD23_CTYUA23_EW_LU.csv": (
        "ONS",
        "Local Authority District to County and Unitary Authority (April 2023) Lookup in EW",
        "Apr 2023",
        ONS_ATTR,
        "BenGoodair/Care_Entries_Data",
        "Data/Raw/Local_Authority_District_to_County_and_Unitary_Authority_(April_2023)_Lookup_in_EW.csv",
        "a374ad9a82e283a54b4041da8a2810823fcbf9a0",
        "63d04f464198ccf80f5b0c255ce689ad222d827d2db2d0e07902145b21ec201e",
        "",
    ),
    "geo/LAD24_CAUTH24_EN_LU.csv": (
        "ONS",
        "Local Authority District to Combined Authority (May 2024) Lookup in EN",
        "May 2024",
        ONS_ATTR,
        "dfe-analytical-services/lsip_dashboard",
        "Data/1-3_MCA_lookup/Local_Authority_District_to_Combined_Authority_(May_2024)_Lookup_in_EN.csv",
        "7f23039b047832caf7aed87f5a1331ac3bfab712",
        "756c9036275a3ff14ad700d154be0a7defa21259c903a021a549e59fc9b015ef",
        "",
    ),
    "geo/LAD11_LAD21_EW_LU.csv": (
        "ONS",
        "Local Authority District (2011) to Local Authority District (2021) Lookup for England and Wales",
        "2011-2021",
        ONS_ATTR,
        "dfe-analytical-services/lsip_dashboard",
        "Data/1-4_LaLookup/Local_Authority_District_(2011)_to_Local_Authority_District_(2021)_Lookup_for_England_and_Wales.csv",
        "5120177f9074f0b2fc8c9322dbe967437b26c92b",
        "8661cf97d3015de348ca42f2b97d989d99ab8421f36ee9ba7933634fe53f4cd6",
        "code changes 2019-2021",
    ),
    "geo/onsvisual_geo_changes_2018_2025.csv": (
        "ONS (data visualisation team)",
        "uk-topojson input/changes.csv: GSS code changes 2018-2025",
        "2018-2025",
        ONS_ATTR,
        "ONSvisual/uk-topojson",
        "input/changes.csv",
        "b2fde50cb130908b897de10b65cdc392f9b4ff78",
        "f1e0a528e818d15bcfb8764be7645f15768e08287eb5834d70aaa3351f0e8c52",
        "derived ONS working file; 2023 mergers",
    ),
    "education/dfe_lait_early_years_ks1_by_la.csv.gz": (
        "Department for Education",
        "Local Authority Interactive Tool (LAIT): early years, foundation stage, KS1 measures",
        "2016-2025",
        PSI,
        LAIT_REPO,
        "01_data/02_prod/bds_long_0.parquet (extract)",
        LAIT_COMMIT,
        "becfbee125b6ada46f450609b27a8ed5b501d5c9ec112b6a2ecaa77f33c92a0d",
        "gzip -n -9 of the shared extract",
    ),
    "education/dfe_lait_ks2_by_la.csv.gz": (
        "Department for Education",
        "Local Authority Interactive Tool (LAIT): Key Stage 2 measures",
        "2016-2025",
        PSI,
        LAIT_REPO,
        "01_data/02_prod/bds_long_0.parquet (extract)",
        LAIT_COMMIT,
        "a130e81e2d1454cbb9b1e3757d3f91bdd31393e4f3cecfa04696e3e49d49e6aa",
        "gzip -n -9 of the shared extract",
    ),
    "education/dfe_lait_ks4_ks5_by_la.csv.gz": (
        "Department for Education",
        "Local Authority Interactive Tool (LAIT): Key Stage 4 and 5 measures",
        "2016-2025",
        PSI,
        LAIT_REPO,
        "01_data/02_prod/bds_long_0.parquet (extract)",
        LAIT_COMMIT,
        "81a62b56f91a0e983061e19d6d5b912b48b2c8ab5fb33a5c091a77ca423b0d4d",
        "gzip -n -9 of the shared extract",
    ),
    "education/dfe_lait_post16_age19_he_neet_by_la.csv.gz": (
        "Department for Education",
        "Local Authority Interactive Tool (LAIT): post-16, attainment by 19, entry to HE by 19, NEET",
        "2015/16-2025",
        PSI,
        LAIT_REPO,
        "01_data/02_prod/bds_long_0.parquet (extract)",
        LAIT_COMMIT,
        "dddbdd40361af24b5565eb2dbd3ef6168902f4ddd9904155eb375ecc0bac556d",
        "gzip -n -9 of the shared extract",
    ),
    "education/dfe_lait_education_measures_dictionary.csv": (
        "Department for Education",
        "LAIT data dictionary (education measures subset)",
        "2026-04",
        PSI,
        LAIT_REPO,
        "01_data/02_prod/lait_data_dictionary.csv (subset)",
        LAIT_COMMIT,
        "ffb1c423035355abf45eacf7e5ff922499af7420df17f4af99ea5982bebe6966",
        "measure definitions, polarity, source links",
    ),
    "education/ons_els_pupils-at-expected-standards-by-end-of-primary-school.csv": (
        "ONS (from DfE)",
        "Explore Local Statistics: pupils at expected standards by end of primary school",
        "2018/19-2024/25",
        PSI,
        ELS_REPO,
        "pupils-at-expected-standards-by-end-of-primary-school/pupils-at-expected-standards-by-end-of-primary-school.csv",
        "4182826cddf63e6ca01414e4d19bc0c079d9387f",
        "ce4d2124987abb979dd8dfc923935a090ed4a063d788effd967f4419abba7f6d",
        "LAD-level KS2",
    ),
    "education/ons_els_pupils-at-expected-standards-by-end-of-primary-school.metadata.json": (
        "ONS",
        "Explore Local Statistics metadata: pupils at expected standards by end of primary school",
        "",
        PSI,
        ELS_REPO,
        "pupils-at-expected-standards-by-end-of-primary-school/pupils-at-expected-standards-by-end-of-primary-school.json",
        "4182826cddf63e6ca01414e4d19bc0c079d9387f",
        "4badd0a2cd1d90edd4162dfd176a721af84d98057c1276ea660a86ca309851cb",
        "definition and caveats for the catalogue",
    ),
    "education/ons_els_gcses-in-english-and-maths.csv": (
        "ONS (from DfE)",
        "Explore Local Statistics: GCSEs in English and maths by age 19",
        "2016/17-2024/25",
        PSI,
        ELS_REPO,
        "gcses-in-english-and-maths/gcses-in-english-and-maths.csv",
        "30823b3a29ebba5dee2f8d4d9fecb5fd2e64c4f9",
        "f3b4c9393e60fdba58d2b919d2055871501c65de9588daeed046fa337ff554fa",
        "LAD-level",
    ),
    "education/ons_els_gcses-in-english-and-maths.metadata.json": (
        "ONS",
        "Explore Local Statistics metadata: GCSEs in English and maths",
        "",
        PSI,
        ELS_REPO,
        "gcses-in-english-and-maths/gcses-in-english-and-maths.json",
        "30823b3a29ebba5dee2f8d4d9fecb5fd2e64c4f9",
        "95a89e67b5650b62144c8603c7deccc154a1474b0ba8fcfed97b32650e8897c1",
        "definition and caveats for the catalogue",
    ),
    "education/ons_els_qualifications-level-3-or-above.csv": (
        "ONS",
        "Explore Local Statistics: qualifications at level 3 or above (Annual Population Survey)",
        "2022-2023",
        ONS_ATTR,
        ELS_REPO,
        "qualifications-level-3-or-above/qualifications-level-3-or-above.csv",
        "1dd9487365393afb7fd8db5f0545d3eb340d6305",
        "dfb5e9312503c56c268459ff249edc6d61803886ae7cdb93b2b6a8ce4e70cad9",
        "GB districts, nations, UK (label 'Great Britain'); 95% CIs",
    ),
    "education/ons_els_qualifications-level-3-or-above.metadata.json": (
        "ONS",
        "Explore Local Statistics metadata: qualifications at level 3 or above",
        "",
        ONS_ATTR,
        ELS_REPO,
        "qualifications-level-3-or-above/qualifications-level-3-or-above.json",
        "1dd9487365393afb7fd8db5f0545d3eb340d6305",
        "57424ec90d74f8a321d00240093531eae70f7d2c476b2cb73872ee8ce7d3cd32",
        "definition and caveats for the catalogue",
    ),
    "education/ons_els_qualifications-none-gb.csv": (
        "ONS",
        "Explore Local Statistics: no qualifications (Annual Population Survey)",
        "2022-2023",
        ONS_ATTR,
        ELS_REPO,
        "qualifications-none-gb/qualifications-none-gb.csv",
        "1dd9487365393afb7fd8db5f0545d3eb340d6305",
        "1b2451aa95b366432600fdf40f3f856e301a7873c04db0889843289dfe4009e3",
        "GB districts, nations, UK; 95% CIs",
    ),
    "education/ons_els_qualifications-none-gb.metadata.json": (
        "ONS",
        "Explore Local Statistics metadata: no qualifications",
        "",
        ONS_ATTR,
        ELS_REPO,
        "qualifications-none-gb/qualifications-none-gb.json",
        "1dd9487365393afb7fd8db5f0545d3eb340d6305",
        "a4bc35010d7156d301bf234c727e95598c3d0b29bcb21e8e13cf58e0351d959c",
        "definition and caveats for the catalogue",
    ),
    "health/ohid_fingertips_90366_life_expectancy_at_birth_lad.csv": (
        "Office for Health Improvement and Disparities (Fingertips)",
        "Life expectancy at birth (indicator 90366), districts and UAs",
        "2015-17 to 2023-25",
        PSI,
        FT_REPO,
        "data/health/life_expectancy.csv",
        FT_COMMIT,
        "424e845ecdcc1d9335b597116eaa381ad947c50d1aa563170c52766dcad09261",
        "third-party extract of the Fingertips API",
    ),
    "health/ohid_fingertips_92901_sii_life_expectancy_lad.csv": (
        "Office for Health Improvement and Disparities (Fingertips)",
        "Inequality in life expectancy at birth: slope index of inequality (indicator 92901)",
        "2015-17 to 2022-24",
        PSI,
        FT_REPO,
        "data/health/inequality_life_expectancy.csv",
        FT_COMMIT,
        "8d69f6c910c2e06a95a7dc3ea62d8edf8e79926706337681a9d722ab96bf3dda",
        "third-party extract of the Fingertips API",
    ),
    "health/ons_els_healthy-life-expectancy.csv": (
        "ONS",
        "Explore Local Statistics: healthy life expectancy (male, female)",
        "2011-13 to 2022-24",
        PSI,
        ELS_REPO,
        "healthy-life-expectancy/healthy-life-expectancy.csv",
        ELS_COMMIT,
        "587fcf04e8bea97bda01dab4b0d4ffa4c834e0877731ebd7eb9fb9d9aa60e299",
        "upper tier only",
    ),
    "health/ons_els_healthy-life-expectancy.metadata.json": (
        "ONS",
        "Explore Local Statistics metadata: healthy life expectancy",
        "",
        PSI,
        ELS_REPO,
        "healthy-life-expectancy/healthy-life-expectancy.json",
        ELS_COMMIT,
        "1b7f4d6aa37fd1732796788d00189e0f294b898da86d5dcb295df60020270299",
        "definition and caveats for the catalogue",
    ),
    "deprivation/File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx": (
        "Ministry of Housing, Communities and Local Government",
        "English indices of deprivation 2019: File 10 local authority district summaries",
        "2019",
        PSI,
        "gqlNU/wwprev",
        "inst/extdata/File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx",
        "1f4612d0c9ce8edfa57a7305186fd6940aa735dc",
        "e4ade0ca7fa5e00e1f89b6c1ae754cd6561dd777543e04ff8a38cadea10b5366",
        "2019 LAD codes (317)",
    ),
    "deprivation/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz": (
        "Ministry of Housing, Communities and Local Government",
        "English indices of deprivation 2019: File 2 domains of deprivation (LSOA ranks and deciles)",
        "2019",
        PSI,
        "anetobradley/energy_flex",
        "02-EnergyModel/Energy_Intensity_Analysis/data/imd/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz",
        "709f2f8b79a86e273a86f6c7324f4fc2b1aeeefd",
        "79753957098266a1c61e43df43ef9ed081ee370731f6a2decd5f73ab2821b76f",
        "used to rebuild IMD 2019 decile shares for merged districts; source_sha256 is of the decompressed CSV",
    ),
    "deprivation/mhclg_iod2025_file10_lad_summaries_ltla24_from_humaniverse_IMD.csv": (
        "Ministry of Housing, Communities and Local Government",
        "English indices of deprivation 2025: File 10 local authority district summaries (via R package IMD)",
        "2025",
        PSI,
        IMD_REPO,
        "data/imd2025_england_ltla24.rda (converted to CSV)",
        IMD_COMMIT,
        "06fe73fc7e9460c76abfad29b46e9f9f76dc24f338f7997b5e93b1493bf8b5f3",
        "2024 LAD codes (296)",
    ),
    "deprivation/dwp_els_children-in-relative-poverty.csv": (
        "Department for Work and Pensions (via ONS Explore Local Statistics)",
        "Children in low income families: children in relative poverty",
        "FYE 2022-2025",
        PSI,
        ELS_REPO,
        "children-in-relative-poverty/children-in-relative-poverty.csv",
        ELS_COMMIT,
        "46f53d5ed5bc8740923e2b5ca7d13d64bbb28516a532c7f8300b523a044e6eb6",
        "",
    ),
    "deprivation/dwp_els_children-in-relative-poverty.metadata.json": (
        "ONS",
        "Explore Local Statistics metadata: children in relative poverty",
        "",
        PSI,
        ELS_REPO,
        "children-in-relative-poverty/children-in-relative-poverty.json",
        ELS_COMMIT,
        "d97f46bd349c0bd637d928ad640e59ac941c332a759d605994a690461bd0e828",
        "definition and caveats for the catalogue",
    ),
    "population/ons_mye_population_ew_2011_2023_la2023_long.csv": (
        "ONS",
        "Mid-year population estimates 2011-2023 by local authority (Census 2021 based, tidy)",
        "2011-2023",
        ONS_ATTR,
        "see population/SOURCES.md",
        "ons_mye_population_ew_2011_2023_la2023_long.csv",
        "",
        "",
        "context indicator and weights",
    ),
    "population/census2021_ts067_highest_qualification_lad2021.csv": (
        "ONS",
        "Census 2021 TS067 highest level of qualification by local authority district",
        "2021",
        ONS_ATTR,
        "see population/SOURCES.md",
        "census2021_ts067_highest_qualification_lad2021.csv",
        "",
        "",
        "LAD 2021 codes",
    ),
    "comparators/dfe_statistical_neighbours_2021_2025_long.csv": (
        "Department for Education",
        "Children's services statistical neighbours (April 2021 and May 2025 sets), tidy",
        "2021, 2025",
        PSI,
        LAIT_REPO,
        "01_data/02_prod/sn_may_2025.xlsx + sn_april_2021.xlsx (tidied)",
        LAIT_COMMIT,
        "66b726660f5477469cb351c827dcf9720d30dfd8f9cff4e57559db4a64d0d70f",
        "",
    ),
    "comparators/ons_els_global_neighbours_lad.csv": (
        "ONS",
        "Explore Local Statistics: similar areas (global), top 20 per district",
        "2024",
        ONS_ATTR,
        "see comparators/SOURCES.md",
        "ons_els_global_neighbours_lad.csv",
        "",
        "",
        "",
    ),
    "interventions/interventions_research.csv": (
        "Civic Atlas research register (compiled from public sources)",
        "Place-based partnerships and area initiatives register",
        "2014-2026",
        "Compiled by Civic Atlas from the sources listed per row",
        "see interventions/SOURCES.md",
        "interventions_research.csv",
        "",
        "",
        "one source URL or more per row",
    ),
}
LABOUR = {
    "ons_els_claimant-count.csv.gz": (
        "Claimant count (% of residents aged 16-64)",
        "2001-2025",
        "claimant-count/claimant-count.csv",
        "8e4b5d94cbae6090318ac18c5669c792aa9a1edf432a010b65e9435de2ffee2d",
    ),
    "ons_els_employment-rate.csv.gz": (
        "Employment rate and economic inactivity rate (APS, 16-64)",
        "2004-2023",
        "employment-rate/employment-rate.csv",
        "ce716dd803b332f7181b4da53b2f1150db3d1aba79d94b5ce7a4cf7f66960e7d",
    ),
    "ons_els_gross-disposable-household-income-per-head.csv.gz": (
        "Gross disposable household income per head",
        "1997-2023",
        "gross-disposable-household-income-per-head/gross-disposable-household-income-per-head.csv",
        "bdc0a5b12185dcf7669492cb4555559be74d4da0099c4b65692f0476e13da4a0",
    ),
    "ons_els_gross-median-weekly-pay.csv": (
        "Gross median weekly pay (ASHE, residence-based)",
        "2008-2025",
        "gross-median-weekly-pay/gross-median-weekly-pay.csv",
        "285a76982afdfd38e9366535b43bf3e68c878ada7b819d722d2ec188c38eff17",
    ),
    "ons_els_modelled-unemployment.csv": (
        "Modelled unemployment rate",
        "2004-2023",
        "modelled-unemployment/modelled-unemployment.csv",
        "96905fd71cc216a74397300cafa827fe310c231efe4872addfa9486813a2e766",
    ),
    "ons_els_economically-inactive-due-to-long-term-sickness.csv.gz": (
        "Economically inactive due to long-term sickness (% of the inactive)",
        "2004-2022",
        "scripts/insights/raw/family-ess-main/proportion-of-people-who-are-economically-inactive-due-to-sickness/proportion-of-people-who-are-economically-inactive-due-to-sickness.csv",
        "4ad9256275d6677df9483c795181fae52792b57d41ee7c48849e29af2eba3f9b",
    ),
}

FILES.update(MOBILITY)  # Social Mobility Commission files (scripts/manifest_mobility.py)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    rows = []
    for path in sorted(RAW.rglob("*")):
        rel = path.relative_to(RAW).as_posix()
        if not path.is_file() or path.name.endswith(".md"):
            continue
        name = path.name
        if rel in FILES:
            pub, title, period, attr, repo, opath, commit, src_sha, notes = FILES[rel]
        elif rel.startswith("labour/"):
            key = name if name in LABOUR else name.replace(".metadata.json", ".csv.gz")
            key = key if key in LABOUR else name.replace(".metadata.json", ".csv")
            title, period, opath, src_sha = LABOUR[key]
            repo, commit = (ELS_REPO, ELS_COMMIT)
            if "long-term-sickness" in name:
                repo, commit = (
                    "ONSdigital/explore-local-statistics-app",
                    "128f0a65684af0ee15ae5b0f807503c43f8b7cf7",
                )
            pub, attr, notes = "ONS", PSI, "see labour/SOURCES.md"
            if name.endswith(".json"):
                title, opath, src_sha, notes = (
                    "Metadata: " + title,
                    opath.replace(".csv", ".json"),
                    "",
                    "definition and caveats for the catalogue",
                )
        else:
            raise SystemExit(f"no description for {rel}")
        if not src_sha and name.endswith(".gz"):
            src_sha = hashlib.sha256(gzip.decompress(path.read_bytes())).hexdigest()
        rows.append(
            {
                "file": rel,
                "domain": rel.split("/")[0],
                "publisher": pub,
                "title": title,
                "period": period,
                "licence": OGL,
                "attribution": attr,
                "origin_repo": repo,
                "origin_path": opath,
                "origin_commit": commit,
                "source_sha256": src_sha,
                "sha256": sha(path),
                "used_by": "",
                "notes": notes,
            }
        )
    out = ROOT / "data" / "sources.csv"
    old = {}
    if out.exists():
        old = {r["file"]: r for r in csv.DictReader(open(out, encoding="utf-8"))}
    for r in rows:  # keep hand-edited used_by
        r["used_by"] = old.get(r["file"], {}).get("used_by", "")
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
