"""Manifest descriptions for the university rankings (data/raw/universities) and the ONS similar-area
sets beyond "global" (data/raw/comparators). Facts from each folder's SOURCES.md (copied with the
files); ``make_manifest.py`` merges this dict into its own."""

from manifest_constants import ONS_ATTR

SMC_REPO = "ukgov-equality-hub/smc-son"
SMC_COMMIT = "0dcee7a850f927c3c2c6befb3745dd6711ff1c6d"
SMC_PUB = "Social Mobility Commission"
SMC_ATTR = "Source: Social Mobility Commission, State of the Nation 2026 — university rankings"
UNI_DIR = "son/content/universities/2026/"
ELS_APP, ELS_APP_COMMIT = (
    "ONSdigital/explore-local-statistics-app",
    "99fc2df3b9d0884cb6a234aa85e5c7549e89dc68",
)


def _uni(path: str, title: str, sha: str, notes: str) -> tuple:
    return (SMC_PUB, title, "2018-2020 entrants", SMC_ATTR, SMC_REPO, path, SMC_COMMIT, sha, notes)


def _els(name: str, title: str, sha: str, notes: str = "") -> tuple:
    path = "scripts/config/clusters/" + name
    return ("ONS", title, "2026", ONS_ATTR, ELS_APP, path, ELS_APP_COMMIT, sha, notes)


RESEARCH = {
    "universities/smc_2026_university-rankings--full-dataset.csv": _uni(
        UNI_DIR + "university-rankings--full-dataset.csv",
        "State of the Nation 2026: university social-mobility rankings (full dataset)",
        "357856dad0f7807a30a2b78d463f361ae3a97245e3fe5501eb56a4c8478fe65a",
        "94 English universities: three coefficients and their ranks (1 = best of 94)",
    ),
    "universities/smc_2026_university-deciles--full-dataset.csv": _uni(
        UNI_DIR + "university-deciles--full-dataset.csv",
        "State of the Nation 2026: university intake by socio-economic decile (full dataset)",
        "3a24d0e7d07ddc7edba9192b230abe9e3cb540c8e16ce6ca8797d91f9cf0447a",
        "cumulative % of students by decile: enrolment, equal and required pools",
    ),
    "universities/smc_2026_university-commentary.csv": _uni(
        UNI_DIR + "university-commentary.csv",
        "State of the Nation 2026: university commentary options and 5th-decile figures",
        "62bf2c962be25ba0116fb1fa6652c780d3822f86d1cd0606c31b68e6d0a657f3",
        "UTF-8 with BOM",
    ),
    "universities/smc_2026_university_rankings_data_R_input.csv": _uni(
        "R/input/Universities/2026/university_rankings_data.csv",
        "State of the Nation 2026: university rankings as the Commission's R pipeline reads them",
        "485644a215a382c28e15e6e02bb4582b21b38762726051dfba690c8e06a96c93",
        "providers' official names; the same ranks as the full dataset",
    ),
    "comparators/ons_els_economic_neighbours_lad.csv": _els(
        "economic-neighbours.csv",
        "Explore Local Statistics: similar areas (economic), top 20 per district",
        "bc7b43fc320a2096b691d3c9ffbaa0898a59a7802225a9374e5840ebb89c44d1",
    ),
    "comparators/ons_els_demographic_neighbours_lad.csv": _els(
        "demographic-neighbours.csv",
        "Explore Local Statistics: similar areas (demographic), top 20 per district",
        "fbd4f50a5af34883f3a65960e13c238665fc8ee1570c18498e65133e6432922d",
    ),
    "comparators/ons_els_cluster_allocation_lad.csv": _els(
        "cluster-allocation.csv",
        "Explore Local Statistics: cluster allocation (global, economic, demographic) per district",
        "4746102f32710d9f3c95ece14c4d1f4f25e5638adee65fc92f7df7c63754a144",
        "letters a-d, [x] = not clustered; 2023 district codes",
    ),
    "comparators/ons_els_cluster_descriptions.json": _els(
        "cluster-descriptions.json",
        "Explore Local Statistics: cluster descriptions",
        "8289f2b581f3de08076650e39f9c3308ffd0dd89005967176f42f1de7c78cdc6",
        "last changed in 66e3fc6478915ec5477036902894b28c4b515694",
    ),
}
