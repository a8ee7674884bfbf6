"""University social-mobility rankings (issue 21): the name table matches every register university
the Commission ranks, the marts keep the published figures with their file and line, and the
Partnerships page shows CNUA's universities with their ranks and the decile chart."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw" / "universities"
NAMES = ROOT / "data" / "seeds" / "university_names.csv"
#: partner pieces that mention universities without naming one (or are not universities)
NOT_A_NAMED_UNIVERSITY = re.compile(
    r"NHS Trust|5 NE universities|All 12 Yorkshire universities|colleges, universities|"
    r"names no council or university"
)
#: short forms a register may use for a ranked provider (checked against the partners text)
SHORT_FORMS = re.compile(r"\b(UCL|LSE|UEA|UCLan|KCL|QMUL|LJMU|UWE|MMU|NTU)\b")


def names() -> list[dict[str, str]]:
    with open(NAMES, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def ranked_names() -> set[str]:
    with open(RAW / "smc_2026_university-rankings--full-dataset.csv", encoding="utf-8") as fh:
        return {r["university_name"] for r in csv.DictReader(fh)}


def test_name_table_names_only_ranked_providers_and_says_why_not():
    ranked = ranked_names()
    assert len(ranked) == 94
    for row in names():
        if row["provider_name"]:
            assert row["provider_name"] in ranked, row
        else:
            assert row["why"], f"{row['register_name']} is unmatched without a reason"


def test_every_university_in_the_register_is_in_the_name_table(warehouse):
    """Each partner piece that names a university (or a college, or a short form) is covered by a
    row of the name table, so a ranked university cannot be silently missed."""
    table = [r["register_name"] for r in names()]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        partners = con.execute(
            "select intervention_id, partners from marts.interventions where partners is not null"
        ).fetchall()
    missed = []
    for iv, text in partners:
        for piece in text.split(";"):
            if not re.search(r"universit|college|\bUCL\b", piece, re.I) and not SHORT_FORMS.search(
                piece
            ):
                continue
            if NOT_A_NAMED_UNIVERSITY.search(piece):
                continue
            if not any(
                re.search(r"(^|[^A-Za-z])" + re.escape(n) + r"($|[^A-Za-z])", piece) for n in table
            ):
                missed.append((iv, piece.strip()))
    assert missed == []


def test_matches_in_the_warehouse(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        matched = con.execute(
            "select count(distinct provider_name) from marts.university_partners where is_ranked"
        ).fetchone()[0]
        cnua = con.execute(
            "select provider_name from marts.university_partners where intervention_id = 'CUA-NCL' "
            "and is_ranked order by provider_name"
        ).fetchall()
        unranked = dict(
            con.execute(
                "select distinct register_name, why from marts.university_partners where not is_ranked"
            ).fetchall()
        )
    assert matched == 37
    assert cnua == [("Newcastle University",), ("University of Northumbria at Newcastle",)]
    assert "England only" in unranked["Cardiff University"]
    assert "not among the 94" in unranked["University of Bath"]


def test_rankings_keep_the_published_figures_with_file_and_line(warehouse):
    raw = pd.read_csv(RAW / "smc_2026_university-rankings--full-dataset.csv")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select measure, coefficient, rank, of_ranked, source_file, line "
            "from marts.university_rankings where provider_name = 'Newcastle University' "
            "order by measure_order"
        ).fetchall()
        deciles = con.execute(
            "select curve, cumulative_percentage from marts.university_deciles "
            "where provider_name = 'Newcastle University' and decile = 5 order by curve"
        ).fetchall()
    published = raw[raw["university_name"] == "Newcastle University"].iloc[0]
    line = int(published.name) + 2  # header is line 1
    assert rows == [
        (
            "equal_access",
            published["equal_access_coefficient"],
            published["equal_access_ranking"],
            94,
            "universities/smc_2026_university-rankings--full-dataset.csv",
            line,
        ),
        (
            "social_mobility",
            published["social_mobility_coefficient"],
            published["social_mobility_ranking"],
            94,
            "universities/smc_2026_university-rankings--full-dataset.csv",
            line,
        ),
        (
            "social_mobility_location",
            published["social_mobility_with_location_coefficient"],
            published["social_mobility_with_location_ranking"],
            94,
            "universities/smc_2026_university-rankings--full-dataset.csv",
            line,
        ),
    ]
    assert len(deciles) == 4  # enrolment, equal, and the pool with and without location weighting


@pytest.mark.parametrize(
    ("rank", "coef", "words"),
    [
        (88, -214.0, "88th of 94 (bottom fifth): its intake is less disadvantaged than all 18–19"),
        (1, 300.0, "1st of 94 (top fifth): its intake is more disadvantaged than all 18–19"),
        (57, -83.0, "57th of 94 (fourth fifth)"),
    ],
)
def test_rank_in_words(rank, coef, words):
    from atlas.data.universities import rank_sentence

    row = pd.Series({"rank": rank, "of_ranked": 94, "coefficient": coef, "measure": "equal_access"})
    assert rank_sentence(row).startswith(words)


def test_cnua_page_shows_both_universities_ranks_and_decile_charts(open_page):
    at = open_page("partnerships", iv="CUA-NCL")
    assert not at.exception, [e.message for e in at.exception]
    text = "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)
    assert "**Newcastle University**" in text and "**Northumbria University**" in text
    assert "88th of 94" in text  # Newcastle University, equal access (line 60 of the file)
    assert "57th of 94" in text  # Northumbria, equal access
    assert "not a measure of any partnership's effect" in text and "2018–2020" in text
    titles = [
        c.proto.spec
        for c in at.get("plotly_chart")
        if "Intake by socio-economic decile" in c.proto.spec
    ]
    assert len(titles) == 2


def test_profile_lists_universities_here(open_page):
    at = open_page("profile", area="E08000021")
    assert not at.exception, [e.message for e in at.exception]
    assert "Universities here" in [s.value for s in at.subheader]
    table = next(d.value for d in at.dataframe if "Commission's name" in d.value.columns)
    assert {"Newcastle University", "University of Northumbria at Newcastle"} <= set(
        table["Commission's name"]
    )
