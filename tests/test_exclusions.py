"""The comparator pool's exclusions on a hand-made register (SYNTHETIC codes 'SYN…'): which
related programmes count as overlapping the start (WINDOW years either side, unknown dates
assumed to overlap), neighbours, and the reasons as the page prints them."""

from __future__ import annotations

import pandas as pd

from atlas.evidence import study as S

AREAS = {f"SYN000{i}": f"Synthetic {i}" for i in range(1, 8)}


def synthetic_register() -> S.Register:
    """SYNTHETIC: one programme under study (A) and five of the same family around a 2020 start."""
    ivs = pd.DataFrame(
        [
            ("A", "Civic", "The studied one", 2020, None),
            ("B", "Civic", "Ended three years before", 2012, 2017),  # 2017 = 2020 - 3: counts
            ("C", "Civic", "Ended four years before", 2010, 2016),  # too early
            ("D", "Civic", "Starts three years after", 2023, None),  # counts
            ("E", "Civic", "Starts four years after", 2024, None),  # too late
            ("F", "Civic", "Dates unknown", None, None),  # counts: cannot be shown clear
            ("G", "Other", "Another family", 2020, 2022),  # different aims: ignored
        ],
        columns=["intervention_id", "programme_group", "name", "start_year", "end_year"],
    ).set_index("intervention_id", drop=False)
    cover = [("A", 1), ("B", 2), ("C", 3), ("D", 4), ("E", 5), ("F", 4), ("G", 6), ("B", 1)]
    coverage = pd.DataFrame(
        [
            (iv, f"SYN000{a}", AREAS[f"SYN000{a}"], f"SYN000{a}", AREAS[f"SYN000{a}"])
            for iv, a in cover
        ],
        columns=["intervention_id", "area_code", "area_name", "utla_code", "utla_name"],
    )
    families = pd.DataFrame(
        {"programme_group": ["Civic", "Other"], "family": ["civic", "other"]}
    ).set_index("programme_group", drop=False)
    return S.Register(ivs, coverage, families)


def synthetic_outcome() -> S.Outcome:
    areas = pd.DataFrame({"area_code": list(AREAS), "area_name": list(AREAS.values())})
    touch = pd.DataFrame(
        [("SYN0001", "SYN0007"), ("SYN0007", "SYN0001"), ("SYN0001", "SYN0002")],
        columns=["area_code", "neighbour_code"],
    )
    return S.Outcome(
        meta={"geography": "lad"},
        panel=pd.DataFrame(columns=["area_code", "year", "value"]),
        names=dict(AREAS),
        cuts=[],
        drops=[],
        breaks=pd.DataFrame(),
        areas=areas,
        touch=touch,
        imd=pd.Series(dtype=float),
        lag=0,
        lag_why="",
    )


def test_related_programmes_within_three_years_of_the_start_are_excluded_with_their_dates():
    out = S.exclusions(synthetic_register(), "A", ["SYN0001"], 2020, synthetic_outcome())
    rows = {r.area_code: r for r in out.itertuples()}
    assert set(rows) == {"SYN0002", "SYN0004", "SYN0007"}  # not C's, E's, G's or the programme's
    assert rows["SYN0002"].kind == "neighbour and related programme"
    assert rows["SYN0002"].reason == (
        "touches Synthetic 1; in a programme with similar aims (civic): "
        "Ended three years before (2012–2017)"
    )
    assert rows["SYN0004"].reason == (
        "in a programme with similar aims (civic): "
        "Dates unknown (dates not established); Starts three years after (2023–)"
    )
    assert rows["SYN0007"].kind == "neighbour"
    assert list(out["area_code"]) == ["SYN0007", "SYN0002", "SYN0004"]  # by kind, then name


def test_without_a_register_only_neighbours_are_excluded():
    out = S.exclusions(None, None, ["SYN0001", "SYN0002"], 2020, synthetic_outcome())
    assert out.to_dict("records") == [
        {
            "area_code": "SYN0007",
            "area_name": "Synthetic 7",
            "kind": "neighbour",
            "reason": "touches Synthetic 1",
        }
    ]


def test_treated_areas_list_their_districts_once():
    got = S.treated_areas(synthetic_register(), "B", "lad")
    assert got.to_dict("records") == [
        {"area_code": "SYN0001", "area_name": "Synthetic 1", "districts": "Synthetic 1"},
        {"area_code": "SYN0002", "area_name": "Synthetic 2", "districts": "Synthetic 2"},
    ]
