"""Manifest descriptions for data/raw/mobility (Social Mobility Commission, State of the Nation 2025).

Kept apart from ``make_manifest.py``'s table so the mobility files can be added without touching it;
``make_manifest.py`` merges this dict into its own. Facts from data/raw/mobility/
SOURCES.md and data/raw/geo/SOURCES.md (copied with the files).
"""

SMC_REPO = "ukgov-equality-hub/smc-son"
SMC_COMMIT = "8f835b5e048558f764ca30cd02e9b1c659ec31b7"  # the four CSVs last changed here
SMC_PUB = "Social Mobility Commission"
SMC_ATTR = (
    "Contains public sector information licensed under the Open Government Licence v3.0 "
    "(Social Mobility Commission, State of the Nation 2025)"
)
_CI = "son/content/son/{part}/composite_indices/{name}/{v}/CI{n}-{v}-{slug}--full-dataset.csv"


def _ci(n: int, part: str, name: str, v: str, slug: str, title: str, period: str, sha: str):
    return (
        SMC_PUB,
        f"State of the Nation 2025 composite index CI{n}: {title} (full dataset)",
        period,
        SMC_ATTR,
        SMC_REPO,
        _CI.format(part=part, name=name, v=v, n=n, slug=slug),
        SMC_COMMIT,
        sha,
        "205 SMC areas named, no codes; z-scores with the Commission's 7 categories",
    )


DRIVERS = "drivers_of_social_mobility"
PERIODS4 = "2000-05, 2006-11, 2012-17, 2018-24"

MOBILITY = {
    "mobility/smc_son_CI1-2.0-conditions-of-childhood--full-dataset.csv": _ci(
        1,
        DRIVERS,
        "conditions_of_childhood",
        "2.0",
        "conditions-of-childhood",
        "Conditions of Childhood",
        PERIODS4,
        "4d207c20b9f02dbd2d3646413441468b13bdd1f62a7244817a2b9878a7f2a074",
    ),
    "mobility/smc_son_CI2-2.0-labour-market-opportunities-for-young-people--full-dataset.csv": _ci(
        2,
        DRIVERS,
        "labour_market_opportunities_for_young_people",
        "2.0",
        "labour-market-opportunities-for-young-people",
        "Labour Market Opportunities for Young People",
        PERIODS4,
        "4db95dde3b053bf6dc00caa269ab61f374b353822d7533af631a3c2035e802c8",
    ),
    "mobility/smc_son_CI3-2.0-innovation-and-growth--full-dataset.csv": _ci(
        3,
        DRIVERS,
        "innovation_and_growth",
        "2.0",
        "innovation-and-growth",
        "Innovation and Growth",
        PERIODS4,
        "c11a84e489828bdcdc2ce215d329b6c04e3cd28a308cda71563759b82d23004c",
    ),
    "mobility/smc_son_CI4-3.0-promising-prospects--full-dataset.csv": _ci(
        4,
        "intermediate_outcomes",
        "promising_prospects",
        "3.0",
        "promising-prospects",
        "Promising Prospects",
        "2018-20, 2021-24",
        "ea0fc869b9e697b438d3b3c87c524c14e9626178d0039075a1bb3616f4669d5d",
    ),
    "mobility/smc_son_2025_UK205regions.topojson": (
        SMC_PUB,
        "State of the Nation data explorer map of the 205 UK areas (UK205regions)",
        "2025",
        SMC_ATTR + "; Source: Office for National Statistics licensed under the Open Government "
        "Licence v3.0; Contains OS data © Crown copyright and database right",
        SMC_REPO,
        "son/static/data/maps/2025-UK205regions.json",
        "a329f334c947189ac24baccdcc8f060c00ec7f6c",
        "a205cbfcb4bc0abff3443c1039c1547075a9f1e2cef1e20dcd7b0f18ed75fe93",
        "used only to check the SMC area -> 2024 LAD crosswalk (area overlap); never drawn",
    ),
}
