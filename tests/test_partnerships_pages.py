"""The partnerships and before/after pages on the real warehouse (AppTest through app.py), plus the
one rule a reader must be able to trust: comparators are chosen from pre-start data only."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

COVENTRY, NEWCASTLE = "E08000026", "E08000021"


def no_exception(at) -> None:
    assert not at.exception, [e.message for e in at.exception]


def text_of(at) -> str:
    parts = [
        e.value
        for kind in ("title", "subheader", "markdown", "caption", "warning", "info")
        for e in getattr(at, kind)
    ]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    return "\n".join(str(p) for p in parts)


def frame_with(at, column: str) -> pd.DataFrame:
    hits = [d.value for d in at.dataframe if column in d.value.columns]
    assert hits, f"no table with a {column!r} column"
    return hits[0]


def notices(at) -> list[str]:
    return [w.value for w in at.warning if "not recognised" in w.value]


# ---------------------------------------------------------------------------------- partnerships


def test_partnerships_opens_on_the_whole_register(open_page):
    at = open_page("partnerships")
    no_exception(at)
    assert "**102** of 102 interventions match" in text_of(at)
    listing = frame_with(at, "areas covered")
    assert len(listing) == 102
    assert at.selectbox(key="pp_iv").value == "CUA-NCL"  # the flagship partnership first
    assert len(at.get("plotly_chart")) == 2  # coverage map and timeline


def test_filter_by_programme_changes_the_list_and_the_url(open_page):
    at = open_page("partnerships")
    at.multiselect(key="pp_prog").set_value(["Leading Places 1"]).run()
    no_exception(at)
    listing = frame_with(at, "areas covered")
    assert len(listing) == 6
    assert "Leading Places phase 1 – Coventry" in set(listing["name"])
    assert set(listing["programme"]) == {"Leading Places 1"}
    assert at.query_params["prog"] == "Leading Places 1"
    cover = frame_with(at, "interventions")  # the map as a table
    assert COVENTRY in set(cover["area_code"]) and len(cover) == 21


def test_theme_region_and_year_filters(open_page):
    at = open_page(
        "partnerships", theme="Access to higher education", region="North East", year="2022"
    )
    no_exception(at)
    names = set(frame_with(at, "areas covered")["name"])
    assert "Collaborative Newcastle Universities Agreement (CNUA)" in names
    assert not any(n.startswith("Leading Places phase 1") for n in names)  # ended 2017


def test_detail_shows_sources_years_and_flags(open_page):
    at = open_page("partnerships", iv="LP1-01")
    no_exception(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Years"] == "2016–2017" and metrics["Areas covered"] == "1"
    text = text_of(at)
    assert (
        "](<https://www.local.gov.uk/topics/devolution/leading-places/leading-places-phase-1/coventry>)"
        in text
    )
    heads = frame_with(at, "Compared with England (by value)")
    assert set(heads["Area"]) == {"Coventry"}
    assert "Attainment 8" in set(heads["Indicator"])

    flagged = open_page("partnerships", iv="LP2-08")
    assert "Not fully established" in text_of(flagged)  # the areas are still inferred
    assert "No source URL" in text_of(flagged)  # a documented gap, shown, not hidden
    # corrected from the Leading Places phase 2 evaluation, with the source and the reason
    assert "Leading Places phase 2 – Keele \\(business innovation and leadership centre\\)" in (
        text_of(flagged)
    )
    assert "Corrections to the register (4)" in [e.label for e in flagged.expander]
    assert "Evaluation of Leading Places Phase 2 Programme" in text_of(flagged)


def test_a_proposal_is_drawn_but_refused_by_before_after(open_page):
    at = open_page("partnerships", iv="NE-REP")
    no_exception(at)
    text = text_of(at)
    assert "proposed · register id NE-REP" in text
    assert "is a proposal, not an intervention" in text
    assert {m.label: m.value for m in at.metric}["Areas covered"] == "7"  # the North East MCA
    ba = open_page("before_after", iv="NE-REP")
    no_exception(ba)
    assert "is a proposal, not an intervention" in text_of(ba)
    assert not ba.get("plotly_chart")  # no comparison is drawn


def test_bad_links_get_a_notice_and_defaults(open_page):
    at = open_page("partnerships", prog="Nope", iv="ZZ-99", year="1066", region="<b>x</b>")
    no_exception(at)
    (notice,) = notices(at)
    for key in ("prog", "iv", "year", "region"):
        assert f"`{key}`" in notice
    assert "**102** of 102" in text_of(at)


# ---------------------------------------------------------------------------------- before / after


@pytest.mark.parametrize("ind", ["he19_all", "ks4_att8_all"])
def test_cnua_before_after_runs_with_a_pre_2021_pool(open_page, ind):
    at = open_page("before_after", iv="CUA-NCL", ind=ind)
    no_exception(at)
    assert not notices(at)
    treated = frame_with(at, "districts")
    assert list(treated["area_code"]) == [NEWCASTLE]
    pool = frame_with(at, "Why chosen")
    assert len(pool) == 40
    assert pool["Why chosen"].str.startswith("pre-2021 mean").all()
    assert NEWCASTLE not in set(pool["Code"])
    # areas of other civic university agreements are never comparators (e.g. Manchester, Nottingham)
    assert not {"E08000003", "E06000018"} & set(pool["Code"])
    metrics = {m.label: m.value for m in at.metric}
    est = next(v for k, v in metrics.items() if k.startswith("Difference-in-differences"))
    assert est.startswith(("+", "-"))
    assert " to " in metrics["95% range (placebo areas)"]
    assert "descriptive evidence, not proof" in text_of(at)
    events = frame_with(at, "Gap vs reference year")
    ref = events[events["Note"].str.contains("reference year")]
    assert list(ref["Year"]) == [
        2020 if ind == "he19_all" else 2019
    ]  # last pre-start year with data
    assert (ref["Gap vs reference year"] == 0).all()


def test_ks4_drops_covid_years_and_cuts_at_the_2017_reform(open_page):
    at = open_page("before_after", iv="CUA-NCL", ind="ks4_att8_all")
    no_exception(at)
    events = frame_with(at, "Gap vs reference year")
    assert not {2020, 2021, 2022} & set(events["Year"])  # cancelled exams / transitional grading
    assert "Compared years: before 2017, 2018, 2019; after 2023, 2024, 2025" in text_of(at)


def test_pool_cannot_depend_on_data_after_the_start(warehouse):
    """Scramble every value from 2021 on: the CNUA comparator ranking does not change."""
    from atlas.data import partnerships as P
    from atlas.data.db import query

    panel = query("ba_values", ind="he19_all", geo="utla")[["area_code", "year", "value"]]
    imd = query("ba_values", ind=P.IMD, geo="utla").set_index("area_code")[["value"]]
    args = ([NEWCASTLE], 2021, [], {"E08000003"}, imd)
    before = P.rank_candidates(panel, *args)
    scrambled = panel.copy()
    late = scrambled["year"] >= 2021
    scrambled.loc[late, "value"] = np.random.default_rng(7).normal(0, 50, late.sum())
    pd.testing.assert_frame_equal(before, P.rank_candidates(scrambled, *args))
    assert before["reason"].str.contains("pre-2021").all()


def test_leading_places_coventry_gives_an_estimate_with_an_interval(open_page):
    at = open_page("before_after", iv="LP1-01", ind="employment_rate")
    no_exception(at)
    text = text_of(at)
    assert "**Leading Places phase 1 – Coventry** started in **2016**" in text
    metrics = {m.label: m.value for m in at.metric}
    low, high = (float(x) for x in metrics["95% range (placebo areas)"].split(" to "))
    assert low < high
    assert "IMD 2019 was published in September 2019, after this programme started" in text


def test_too_short_a_series_is_explained_not_crashed(open_page):
    at = open_page("before_after", iv="LP1-05", ind="he19_all")
    no_exception(at)
    assert any("fewer than two years before the 2016 start" in w.value for w in at.warning)


def test_pool_from_the_url_is_used_and_edits_go_back_to_it(open_page):
    chosen = ["E06000002", "E06000004", "E06000001"]  # Middlesbrough, Stockton, Hartlepool
    at = open_page("before_after", iv="CUA-NCL", ind="he19_all", pool=",".join(chosen))
    no_exception(at)
    assert sorted(at.multiselect[0].value) == sorted(chosen)
    assert "1 treated vs 3 comparator areas" in text_of(at)
    at.multiselect[0].set_value(chosen[:2]).run()
    assert at.query_params["pool"] == ",".join(chosen[:2])


def test_bad_before_after_links_fall_back_with_a_notice(open_page):
    at = open_page("before_after", iv="NOPE", ind="imd2019_avg_score", pool="E06000002,DROP TABLE")
    no_exception(at)
    (notice,) = notices(at)
    assert "`iv`" in notice and "`ind`" in notice and "`pool`" in notice
    assert at.selectbox[0].value == "CUA-NCL"


def test_every_chart_has_a_table_and_a_csv(open_page):
    at = open_page("before_after", iv="CUA-NCL", ind="he19_all")
    specs = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    assert len(specs) == 1 and specs[0]["data"][1]["name"] == "Gap vs reference year"
    labels = [b.proto.label for b in at.get("download_button")]
    # comparators, event study, placebo dates: each as CSV, Excel, datapackage.json and a zip
    assert labels == ["CSV", "Excel", "datapackage.json", "CSV + metadata (zip)"] * 3
