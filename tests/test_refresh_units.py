"""Fast checks of the refresh's parts on hand-made rows (synthetic, clearly so): the drift checks'
wording, the schedule arithmetic, "data as of" words, and how a download is recognised."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from atlas.text.releases import OVERDUE, as_of
from pipelines.refresh import convert, drift, seeds
from pipelines.refresh.kinds import ELS, LAIT
from pipelines.refresh.recognise import RefreshError, recognise

F = "labour/synthetic.csv"


def synthetic(rows: list[tuple]) -> pd.DataFrame:
    """Tidy rows (series, area_code, period, value, unit) made up for a unit test."""
    df = pd.DataFrame(rows, columns=["series", "area_code", "period", "value", "unit"])
    return df.assign(area_name=df["area_code"] + " name")


OLD = synthetic(
    [("Rate", "E06000001", "2021", 70.0, "%"), ("Rate", "E06000001", "2022", 71.0, "%"),
     ("Rate", "E06000002", "2021", 60.0, "%"), ("Rate", "E06000002", "2022", 62.0, "%"),
     ("Other", "E06000001", "2022", 5.0, "%")]
)  # fmt: skip


def test_a_new_period_and_a_revision_pass_and_a_missing_series_is_withdrawn_not_refused():
    new = synthetic(
        [("Rate", "E06000001", "2021", 70.5, "%"), ("Rate", "E06000001", "2022", 71.0, "%"),
         ("Rate", "E06000001", "2023", 72.0, "%"), ("Rate", "E06000002", "2021", 60.0, "%"),
         ("Rate", "E06000002", "2022", 62.0, "%"), ("Rate", "E06000002", "2023", 63.0, "%")]
    )  # fmt: skip
    found = drift.check(F, OLD, new, {"E06000001", "E06000002"})
    assert found.problems == []
    assert found.withdrawn == ["Other"]


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (("Rate", "E06000002", "2022", 6200.0, "%"), "outside the plausible range 49 to 82"),
        (
            ("Rate", "E06000002", "2022", 62.0, "per cent"),
            "unit changed from ['%'] to ['%', 'per cent']",
        ),
        (("Rate", "E07000999", "2022", 62.0, "%"), "E07000999"),  # E07 is not held: a new scheme
        (("Rate", "E06000099", "2022", 62.0, "%"), "not in the atlas's geography"),
    ],
)
def test_each_drift_is_one_line_naming_file_and_code(row, words):
    new = pd.concat([OLD[OLD["area_code"] != "E06000002"], synthetic([row])], ignore_index=True)
    problems = drift.check(F, OLD, new, {"E06000001", "E06000002"}).problems
    assert problems and all(p.startswith(F + ": ") and "\n" not in p for p in problems)
    assert any(words in p for p in problems), problems


def test_a_blank_release_is_refused_and_keeps_everything():
    blank = OLD.assign(value=float("nan"))
    found = drift.check(F, OLD, blank, set())
    assert found.problems == [
        f"{F}: the new file holds no values (a blank release); the last good release is kept"
    ]


def test_a_renamed_column_is_named():
    cols = [c if c != "observation" else "value" for c in ELS.columns]
    assert drift.columns(F, ELS, cols) == [
        f"{F}: column 'observation' is missing (renamed? the new file has ['value'])"
    ]
    assert convert.layout_of(cols) == "ons_els"  # still recognised, so the drift can be named


def test_next_release_moves_on_by_the_schedule():
    today = dt.date(2026, 12, 4)
    assert seeds.advance("2026-04-14", "P3M", today) == "2027-01-14"
    assert seeds.advance("2026-01-31", "P1M", today) == "2026-12-31"
    assert seeds.advance("2025-07-30", "P1Y", today) == "2027-07-30"
    assert seeds.advance("", "", today) == ""


def test_data_as_of_says_when_a_newer_release_may_exist():
    today = dt.date(2026, 12, 4)
    late = as_of("2023", "APS Jan-Dec 2023", "2026-04-14", today)
    assert (
        late == f"Data as of 2023 (APS Jan-Dec 2023); next release due 14 April 2026 — {OVERDUE}."
    )
    assert OVERDUE not in as_of("2023", "x", pd.Timestamp("2027-01-14"), today)
    assert as_of("2021", "Census 2021", pd.NaT, today).endswith("no further release is scheduled.")


def test_a_download_is_recognised_by_header_and_name(tmp_path):
    header = ",".join(ELS.columns) + "\n"
    path = tmp_path / "employment-rate (1).csv"
    data = (header + "E06000001,Hartlepool,x,Employment rate,2023-01-01/P1Y,70,,%,,,,\n").encode()
    assert recognise(path, data, None, tmp_path).id == "employment-rate"
    lait = (",".join(LAIT.columns) + "\n").encode()
    with pytest.raises(RefreshError, match="cannot tell which source"):
        recognise(tmp_path / "download.csv", lait, None, tmp_path)
    with pytest.raises(RefreshError, match="not a layout refresh knows"):
        recognise(tmp_path / "x.csv", b"a,b,c\n1,2,3\n", None, tmp_path)
