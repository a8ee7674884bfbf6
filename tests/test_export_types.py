"""Numbers stay numbers in every export (issue 18, point 7): each view's export and each analyst
table offered for download, written as CSV and XLSX exactly as the download buttons write them,
then read back with pandas and openpyxl. A column of figures must come back as numbers (float or
int), never as text such as ``'+3.57``; the formula guard still applies to real text.
"""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from atlas.exports import files as exports

NEWCASTLE, NORTH_EAST = "E08000021", "E12000001"


def _read_xlsx(data: bytes) -> dict[str, set[type]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True)["data"]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    return {
        col: {type(r[j]) for r in body if r[j] not in (None, "")} for j, col in enumerate(header)
    }


def _check(frame: pd.DataFrame, numeric: list[str]) -> None:
    """Every column in ``numeric`` comes back as numbers from the CSV and the XLSX."""
    frame = exports.numbers_as_numbers(frame)  # as the download buttons do before writing
    csv = pd.read_csv(io.BytesIO(exports.to_safe_csv(frame)))
    cells = _read_xlsx(exports.to_xlsx(frame))
    for col in numeric:
        assert pd.api.types.is_numeric_dtype(csv[col]), (col, csv[col].head(3).tolist())
        assert cells[col] and cells[col] <= {int, float}, (col, cells[col])
        assert not csv[col].astype(str).str.startswith("'").any()


@pytest.fixture(scope="module")
def study(warehouse):
    from atlas.ui import evidence as E

    return E.result("CUA-NCL", "he19_all")


def test_signed_text_becomes_numbers_and_formulas_stay_guarded():
    frame = pd.DataFrame(
        {
            "Estimate": ["+3.57", "-0.82", "", "\u22121.20"],
            "Period": ["2014", "2015", "2016", "2017"],  # whole numbers as text: left alone
            "Note": ["=HYPERLINK(1)", "", "-fine", "ok"],
        }
    )
    csv = pd.read_csv(io.BytesIO(exports.to_safe_csv(frame)), dtype={"Period": str})
    assert csv["Estimate"].tolist()[:2] == [3.57, -0.82] and csv["Estimate"].iloc[3] == -1.2
    assert csv["Note"].iloc[0] == "'=HYPERLINK(1)" and csv["Note"].iloc[2] == "'-fine"
    assert _read_xlsx(exports.to_xlsx(frame))["Estimate"] == {float}


def test_pretend_start_table_exports_numbers(study):
    """The reported case: the placebo-dates table showed '+3.57' and exported it as text."""
    from atlas.ui import evidence as E

    table = E.pretend_table(study)
    assert table["Estimate"].astype(str).str.match(r"^[+-]\d").any()  # signed on screen
    _check(table, ["Estimate", "Interval low", "Interval high"])


def test_event_and_pool_tables_export_numbers(study):
    from atlas.ui import evidence as E

    _check(E.event_table(study), ["Year", "Gap", "Gap vs reference year"])
    pool = E.pool_table(study)
    _check(pool, [c for c in pool.columns if c in ("Weight", "Distance", "Pre-period RMSE")])


def test_view_exports_keep_values_numeric(warehouse):
    from atlas.data import areas as A
    from atlas.data import profile as profile_data
    from atlas.data import spine as spine_data
    from atlas.exports import views

    meta = A.indicators().loc["he19_fsm"]
    frame, others = A.map_data("he19_fsm", meta["latest_period"])
    england = others[A.ENGLAND]["value"]
    _check(
        views.map_export(frame, meta, meta["latest_period"], england),
        ["value", "rank", "quintile", "england_value"],
    )
    trend, _ = profile_data.trend_frame(NEWCASTLE, "he19_fsm")
    _check(views.series_export(trend, meta), ["value", "year"])
    spine = spine_data.spine_frame(NEWCASTLE)
    _check(views.spine_export(spine, "North East"), ["value", "england_value", "la_min", "la_max"])


def test_several_indicators_over_a_year_range(warehouse):
    """The browser's several-indicators export: only what was chosen, numbers as numbers."""
    from atlas.exports.several import several, years_of

    assert years_of(["2015/16", "2023/24", "2021", "2019-2021"]) == [2016, 2021, 2024]
    frame = several(["he19_fsm", "ks4_att8_all"], [NEWCASTLE, "E92000001"], 2018, 2022)()
    assert set(frame["indicator_id"]) == {"he19_fsm", "ks4_att8_all"}
    assert set(frame["area_code"]) == {NEWCASTLE, "E92000001"}
    assert frame["year"].between(2018, 2022).all() and {2018, 2022} <= set(frame["year"])
    _check(frame, ["value", "year"])


def test_compare_offers_labelled_downloads_and_the_several_export(open_page):
    at = open_page("compare", ind="he19_fsm", areas="E08000021,E08000037")
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "Download the ranked table" in text and "Download the trends" in text
    assert "Download 1 indicator" in text  # the several-indicators export, labelled
