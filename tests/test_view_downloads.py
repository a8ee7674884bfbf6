"""Every view offers its data as CSV, Excel and a datapackage.json sidecar, and the files hold
exactly what the view shows, with the source file and measure of every value.

Pages are opened as the app runs them (AppTest through app.py). ``offer_downloads`` is wrapped so a
test can run the very callable a page handed to its buttons (AppTest has no media manager to
click them); ``warehouse`` and ``open_page`` come from tests/conftest.py.
"""

from __future__ import annotations

import io
import json
from types import SimpleNamespace

import duckdb
import pandas as pd
import pytest

from atlas.exports import buttons as downloads
from atlas.exports import files as exports

LABELS = ["CSV", "Excel", "datapackage.json", "CSV + metadata (zip)"]
NEWCASTLE, ENGLAND = "E08000021", "E92000001"
HE19_FILE = "education/dfe_lait_post16_age19_he_neet_by_la.csv.gz"


@pytest.fixture
def offered(monkeypatch) -> dict[str, SimpleNamespace]:
    """{key: the arguments of each offer_downloads call} for pages run during the test."""
    calls: dict[str, SimpleNamespace] = {}
    real = downloads.offer_downloads

    def spy(df, name, title, **kw):
        calls[kw.get("key") or downloads.slug(name)] = SimpleNamespace(
            df=df, name=name, title=title, **{"indicators": None, **kw}
        )
        real(df, name, title, **kw)

    monkeypatch.setattr(downloads, "offer_downloads", spy)
    return calls


def labels(at) -> list[str]:
    """The data download buttons (picture buttons are tested in test_pictures.py)."""
    return [
        b.proto.label for b in at.get("download_button") if not b.proto.label.startswith("Picture")
    ]


def built(call: SimpleNamespace) -> tuple[pd.DataFrame, dict]:
    """What the CSV and datapackage.json buttons hand over (the page's own deferred builder)."""
    pack = downloads._Pack(
        call.df, downloads.slug(call.name), call.title, "", None, call.indicators
    )
    csv = pd.read_csv(io.BytesIO(pack.csv()), keep_default_na=False, na_values=[""])
    descriptor = json.loads(pack.json())
    assert exports.validate_datapackage(descriptor) == []
    return csv, descriptor


def stored(warehouse, ind: str, area: str, period: str) -> dict:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cur = con.execute(
            "select value, status, source_file, source_measure from marts.indicator_values "
            "where indicator_id = ? and area_code = ? and period = ?",
            [ind, area, period],
        )
        names = [d[0] for d in cur.description]
        return dict(zip(names, cur.fetchone(), strict=True))


def test_map_download_is_the_table_with_values_and_sources(open_page, offered, warehouse):
    at = open_page("map", ind="he19_all", period="2023/24")
    assert not at.exception
    assert labels(at) == LABELS
    call = offered["map_dl"]
    assert callable(call.df) and call.indicators == ["he19_all"]  # built only when clicked
    csv, descriptor = built(call)
    shown = at.dataframe[0].value
    assert sorted(csv["area_name"]) == sorted(shown["area_name"])  # exactly the table's areas
    assert list(csv.columns[: len(exports.EXPORT_COLUMNS)]) == exports.EXPORT_COLUMNS
    assert {"rank", "quintile", "comparison", "england_value"} <= set(csv.columns)
    assert set(csv["indicator_id"]) == {"he19_all"} and set(csv["period"]) == {"2023/24"}
    (row,) = csv[csv["area_code"] == NEWCASTLE].to_dict("records")
    want = stored(warehouse, "he19_all", NEWCASTLE, "2023/24")
    assert row["value"] == 45.7 == want["value"]
    assert row["status"] == want["status"] == "ok"
    assert row["source_file"] == want["source_file"] == HE19_FILE
    assert row["source_measure"] == want["source_measure"] == "HE_19_All"
    assert row["unit"] == "%" and row["year"] == 2024
    assert row["england_value"] == stored(warehouse, "he19_all", ENGLAND, "2023/24")["value"]
    table_rank = shown.loc[shown["area_name"] == "Newcastle upon Tyne", "rank_text"].iloc[0]
    assert table_rank.startswith(f"{row['rank']}")  # '63rd best of 153'
    assert (
        row["comparison"]
        == shown.loc[shown["area_name"] == "Newcastle upon Tyne", "comparison"].iloc[0]
    )
    assert descriptor["resources"][0]["indicators"][0]["indicator_id"] == "he19_all"
    assert HE19_FILE in json.dumps(descriptor["sources"])  # the sidecar names the raw file


def test_profile_downloads_spine_and_trend(open_page, offered, warehouse):
    at = open_page("profile", area=NEWCASTLE, ind="he19_all")
    assert not at.exception
    assert labels(at) == LABELS * 2  # the trend chart and the spine chart
    trend, _ = built(offered["profile_dl_trend"])
    assert set(trend["line"]) == {"area", "region", "england"}
    assert set(trend["area_code"]) == {NEWCASTLE, "E12000001", ENGLAND}
    assert not trend.duplicated(["area_code", "period"]).any()
    latest = trend[(trend["area_code"] == NEWCASTLE) & (trend["period"] == "2023/24")].iloc[0]
    assert latest["value"] == 45.7 and latest["source_measure"] == "HE_19_All"

    spine, descriptor = built(offered["profile_dl_spine"])
    assert not spine.duplicated("indicator_id").any()  # one row per indicator, its latest period
    (he,) = spine[spine["indicator_id"] == "he19_all"].to_dict("records")
    assert he["area_code"] == NEWCASTLE and he["period"] == "2023/24" and he["value"] == 45.7
    assert he["source_file"] == HE19_FILE
    assert he["england_value"] == stored(warehouse, "he19_all", ENGLAND, "2023/24")["value"]
    assert he["region_value"] == stored(warehouse, "he19_all", "E12000001", "2023/24")["value"]
    assert he["la_min"] <= he["la_median"] <= he["la_max"]
    published = spine[spine["status"] == "ok"]
    assert len(published) > 20 and published["source_file"].notna().all()
    assert len(descriptor["resources"][0]["indicators"]) == len(spine)


def test_compare_downloads_the_ranked_table_and_the_trends(open_page, offered):
    at = open_page("compare", ind="he19_all", period="2023/24")
    assert not at.exception
    assert labels(at) == LABELS * 2
    table, _ = built(offered["compare_dl_table"])
    shown = at.dataframe[0].value
    assert list(table["area_name"]) == list(shown["area_name"])  # same rows, same order
    assert list(table["group_rank"]) == list(shown["group_rank"])
    assert table.loc[table["area_code"] == NEWCASTLE, "value"].iloc[0] == 45.7
    trends, _ = built(offered["compare_dl_trends"])
    assert set(trends["area_code"]) == set(table["area_code"]) | {ENGLAND}
    assert not trends.duplicated(["area_code", "period"]).any()  # England once, not per chart
    assert trends["source_measure"].eq("HE_19_All").all()


def test_partnership_pages_offer_excel_and_datapackage(open_page, offered):
    at = open_page("partnerships")
    assert not at.exception
    assert labels(at) == LABELS * 5  # coverage, timeline, register, universities, headlines
    register, descriptor = built(offered["pp_list_dl"])
    assert len(register) == 102 and descriptor["resources"][0]["path"].endswith(".csv")

    at = open_page("before_after", iv="CUA-NCL", ind="he19_all")
    assert not at.exception
    assert labels(at) == LABELS * 3
    for key in ("ba_pool_dl", "ba_event_dl", "ba_placebo_dl"):
        assert offered[key].indicators == ["he19_all"]
    events, descriptor = built(offered["ba_event_dl"])
    assert len(events) and any(  # the same rows as the chart's table
        list(d.value.columns) == list(events.columns) and len(d.value) == len(events)
        for d in at.dataframe
    )
    (meta,) = descriptor["resources"][0]["indicators"]
    assert meta["source_file"] == HE19_FILE
