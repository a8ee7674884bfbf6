"""Which raw files a refresh can replace, how each is recognised, and where its publisher serves it.

One row per manifest file (``data/sources.csv``'s ``file``). ``online`` names the publisher's API
call (see ``online.py`` and docs/refresh.md); ``names`` are words of the publisher's own file name
that recognise a download; ``series`` the series names (ELS ``indicator``, LAIT ``measure_code``…)
that recognise it by content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipelines.refresh.kinds import ELS, FINGERTIPS, KINDS, LAIT, MYE, Kind

ELS_NOTE = "ONS Explore Local Statistics data repository (no API: the published CSV)"


@dataclass(frozen=True)
class Source:
    file: str  # as in data/sources.csv
    kind_name: str
    names: tuple[str, ...]  # words in the publisher's file name
    online: dict = field(default_factory=dict)  # publisher API call, see online.py

    @property
    def kind(self) -> Kind:
        return KINDS[self.kind_name]

    @property
    def id(self) -> str:
        """The short name used on the command line (``--source``, ``--online``)."""
        stem = self.file.split("/")[-1].split(".")[0]
        for prefix in ("ons_els_", "dwp_els_", "dfe_lait_", "ohid_fingertips_", "ons_"):
            stem = stem.removeprefix(prefix)
        return stem


def _els(file: str, slug: str, **online: str) -> Source:
    """An ELS file: its CSV sits at ``<slug>/<slug>.csv`` in ONS's ELS data repository."""
    spec = {"api": "ons_els", "path": f"{slug}/{slug}.csv", **online}
    return Source(file, ELS.name, (slug,), spec)


SOURCES = [
    _els(
        "labour/ons_els_employment-rate.csv.gz",
        "employment-rate",
        api="nomis",
        dataset="NM_17_5",
        variables="45,111",  # employment rate 16-64; % economically inactive 16-64
        fallback="ons_els",
    ),
    _els("labour/ons_els_claimant-count.csv.gz", "claimant-count"),
    _els(
        "labour/ons_els_gross-disposable-household-income-per-head.csv.gz",
        "gross-disposable-household-income-per-head",
    ),
    _els("labour/ons_els_gross-median-weekly-pay.csv", "gross-median-weekly-pay"),
    _els("labour/ons_els_modelled-unemployment.csv", "modelled-unemployment"),
    _els(
        "labour/ons_els_economically-inactive-due-to-long-term-sickness.csv.gz",
        "proportion-of-people-who-are-economically-inactive-due-to-sickness",
    ),
    _els("education/ons_els_gcses-in-english-and-maths.csv", "gcses-in-english-and-maths"),
    _els(
        "education/ons_els_pupils-at-expected-standards-by-end-of-primary-school.csv",
        "pupils-at-expected-standards-by-end-of-primary-school",
    ),
    _els(
        "education/ons_els_qualifications-level-3-or-above.csv", "qualifications-level-3-or-above"
    ),
    _els("education/ons_els_qualifications-none-gb.csv", "qualifications-none-gb"),
    _els(
        "education/ons_els_persistent-absences-for-all-pupils.csv",
        "persistent-absences-for-all-pupils",
    ),
    _els("health/ons_els_healthy-life-expectancy.csv", "healthy-life-expectancy"),
    _els("deprivation/dwp_els_children-in-relative-poverty.csv", "children-in-relative-poverty"),
    Source(
        "health/ohid_fingertips_90366_life_expectancy_at_birth_lad.csv",
        FINGERTIPS.name,
        ("90366",),
        {"api": "fingertips", "indicator_id": "90366", "area_type_id": "501"},
    ),
    Source(
        "health/ohid_fingertips_92901_sii_life_expectancy_lad.csv",
        FINGERTIPS.name,
        ("92901",),
        {"api": "fingertips", "indicator_id": "92901", "area_type_id": "501"},
    ),
    *[
        Source(
            f"education/dfe_lait_{part}_by_la.csv.gz",
            LAIT.name,
            (part,),
            {"api": "ees", "data_set": f"lait-{part}"},
        )
        for part in ("early_years_ks1", "ks2", "ks4_ks5", "post16_age19_he_neet")
    ],
    Source(
        "population/ons_mye_population_ew_2011_2023_la2023_long.csv",
        MYE.name,
        ("mye", "population", "mid-year"),
        {"api": "ons", "dataset": "mid-year-pop-est"},
    ),
]
BY_FILE = {s.file: s for s in SOURCES}


def find(name: str) -> Source:
    """A source by its id, its manifest path or its file name; ValueError names the choices."""
    hits = [s for s in SOURCES if name in (s.id, s.file, s.file.split("/")[-1])]
    if len(hits) != 1:
        raise ValueError(
            f"unknown source '{name}'; choose one of: {', '.join(s.id for s in SOURCES)}"
        )
    return hits[0]
