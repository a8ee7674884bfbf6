"""The partnerships and before/after pages on the real warehouse (AppTest through app.py), plus the
one rule a reader must be able to trust: comparators are chosen from pre-start data only."""

from __future__ import annotations

import json

import pandas as pd
from conftest import map_specs

from atlas.text.formatting import md

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
    charts = [str(c.key) for c in at.get("plotly_chart")]
    assert len(map_specs(at)) == 1 and [c for c in charts if not c.startswith("uni_")] == [
        "pp_timeline"
    ]  # map and timeline, plus CNUA's two universities' decile charts
    assert len([c for c in charts if c.startswith("uni_deciles")]) == 2


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
    assert md("has not been set up (proposed in 2025)") in text_of(ba)  # not "no start date"
    assert ba.selectbox(key="ba_iv").format_func("NE-REP").endswith("(proposed 2025)")
    drawn = [json.loads(c.proto.spec) for c in ba.get("plotly_chart")]
    # no comparison is drawn: the only charts are the evaluation plan's (docs/evidence-planner.md)
    assert all("smallest effect it could detect" in json.dumps(d["layout"]["title"]) for d in drawn)


def test_bad_links_get_a_notice_and_defaults(open_page):
    at = open_page("partnerships", prog="Nope", iv="ZZ-99", year="1066", region="<b>x</b>")
    no_exception(at)
    (notice,) = notices(at)
    for key in ("prog", "iv", "year", "region"):
        assert f"`{key}`" in notice
    assert "**102** of 102" in text_of(at)


# ---------------------------------------------------------------------------------- before / after


def test_cnua_opens_on_one_plain_verdict_with_the_mde_and_synthetic_control(open_page):
    at = open_page("before_after", iv="CUA-NCL", ind="he19_all")
    no_exception(at)
    assert not notices(at)
    boxes = [b.value for b in [*at.warning, *at.info, *at.success]]
    verdict = next(b for b in boxes if b.startswith("**"))
    assert verdict.startswith(("**Areas moved apart", "**No clear change", "**After the programme"))
    text = text_of(at)
    assert "This comparison would reliably notice a change of about ±" in text
    assert "synthetic Newcastle upon Tyne \\= 0.81 Liverpool" in text  # weights in words (escaped)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Smallest change it could see (percentage points)"].startswith("±")
    mde = next(m for m in at.metric if m.label.startswith("Smallest change"))
    assert "85% of the time" in mde.help  # the power the engine states its MDE at
    assert "descriptive evidence, not proof" in text
    side = frame_with(at, "Level achieved")
    assert list(side["Comparison"]) == [
        "Neighbours excluded (default)",
        "Neighbours kept (touching areas added back)",
    ]
    assert side["Level achieved"].str.match(r"9[45]\.\d%").all()
    treated = frame_with(at, "districts")
    assert list(treated["area_code"]) == [NEWCASTLE]
    pool = frame_with(at, "Why chosen")
    assert len(pool) == 40 and pool["Why chosen"].str.startswith("before 2021: mean").all()
    assert not {"E08000037", "E08000003", "E06000021"} & set(
        pool["Code"]
    )  # Gateshead, Manchester, Stoke
    excluded = frame_with(at, "Excluded as")
    assert "touches Newcastle upon Tyne" in excluded.set_index("Code").loc["E08000037", "Reason"]
    events = frame_with(at, "Gap vs reference year")
    ref = events[events["Note"].str.contains("reference year")]
    assert list(ref["Year"]) == [2020] and (ref["Gap vs reference year"] == 0).all()


def test_ks4_drops_covid_years_and_cuts_at_the_2017_reform(open_page):
    at = open_page("before_after", iv="CUA-NCL", ind="ks4_att8_all")
    no_exception(at)
    events = frame_with(at, "Gap vs reference year")
    assert not {2020, 2021, 2022} & set(events["Year"])  # cancelled exams / transitional grading
    assert "before 2017, 2018, 2019, after 2023, 2024, 2025" in text_of(at)


def test_leading_places_shows_the_pooled_programme_estimate(open_page):
    at = open_page("before_after", iv="LP1-01", ind="employment_rate")
    no_exception(at)
    text = text_of(at)
    assert "The whole programme: Leading Places 1" in text
    assert "Leading Places 1 areas (starts 2016)" in text
    assert "95.0% with 199 placebo programmes" in text
    assert "IMD 2019 was published after the start" in text


def test_too_short_a_series_is_explained_not_crashed(open_page):
    at = open_page("before_after", iv="LP1-05", ind="he19_all")
    no_exception(at)
    assert any(
        "have 0 years before the 2016 start (at least two are needed" in w.value for w in at.warning
    )


def test_pool_from_the_url_is_used_and_edits_go_back_to_it(open_page):
    chosen = ["E06000045", "E08000012", "E09000002"]  # Southampton, Liverpool, Barking and Dagenham
    at = open_page("before_after", iv="CUA-NCL", ind="he19_all", pool=",".join(chosen))
    no_exception(at)
    assert sorted(at.multiselect[0].value) == sorted(chosen)
    assert "1 treated vs 3 comparators" in text_of(at)
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
    assert [s["data"][1]["name"] for s in specs] == [
        "Gap: programme areas minus comparators",
        "Synthetic Newcastle upon Tyne",
    ]
    labels = [b.proto.label for b in at.get("download_button") if "Picture" not in b.proto.label]
    # comparators, placebo dates, event study: each as CSV, Excel, datapackage.json and a zip
    # (the event chart's PNG/SVG picture buttons are tested in test_pictures.py)
    assert labels == ["CSV", "Excel", "datapackage.json", "CSV + metadata (zip)"] * 3
