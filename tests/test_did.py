"""Unit tests for atlas.did on clearly synthetic panels (codes SYN0001...), fixed seeds."""

import numpy as np
import pandas as pd
import pytest

from atlas.evidence.did import (
    CAVEAT,
    choose_comparators,
    did_estimate,
    event_study,
    placebo_start_dates,
    pre_trend_test,
    synthetic_panel,
)

START = 2017


def _setup(effect: float, seed: int = 1) -> tuple[pd.DataFrame, list[str], list[str]]:
    panel, treated = synthetic_panel(effect=effect, seed=seed)
    pool = choose_comparators(panel, treated, START, n=10)["area_code"].tolist()
    return panel, treated, pool


def test_injected_effect_is_recovered_and_range_excludes_zero():
    panel, treated, pool = _setup(effect=3.0)
    r = did_estimate(panel, treated, pool, START, n_perm=499)
    assert abs(r["estimate"] - 3.0) < 1.0
    assert r["ci_low"] < 3.0 < r["ci_high"]
    assert r["ci_low"] > 0
    assert r["p_value"] < 0.01  # 252 placebo groups (10 choose 5): smallest p is 1/253
    assert r["n_placebos"] == 252
    assert (r["n_treated"], r["n_comparators"]) == (5, 10)
    assert r["pre_years"] == list(range(2010, 2017))
    assert r["post_years"] == list(range(2017, 2024))
    assert r["warnings"] == []
    assert r["cluster_ci"][0] < r["estimate"] < r["cluster_ci"][1]
    assert f"moved {r['estimate']:.1f} points up" in r["summary"]
    assert r["summary"].endswith(CAVEAT)
    assert r["summary"].count(". ") == 2  # three sentences


def test_estimate_equals_difference_of_means_on_a_balanced_panel():
    panel, treated, pool = _setup(effect=3.0)
    r = did_estimate(panel, treated, pool, START, n_perm=9)
    d = panel[panel["area_code"].isin(treated + pool)]
    m = d.groupby([d["area_code"].isin(treated), d["year"] >= START])["value"].mean()
    assert r["estimate"] == pytest.approx(
        (m[True, True] - m[True, False]) - (m[False, True] - m[False, False])
    )


def test_no_effect_range_contains_zero_and_placebo_runs_average_zero():
    panel, treated, pool = _setup(effect=0.0)
    r = did_estimate(panel, treated, pool, START, n_perm=199)
    assert r["ci_low"] < 0 < r["ci_high"]
    assert r["p_value"] > 0.05
    assert "may be chance" in r["summary"]
    runs = [did_estimate(*_setup(effect=0.0, seed=s), START, n_perm=99) for s in range(20)]
    estimates = np.array([x["estimate"] for x in runs])
    assert abs(estimates.mean()) < 0.25  # one run's standard error is about 0.3
    assert sum(x["ci_low"] < 0 < x["ci_high"] for x in runs) >= 17
    fake = [p["estimate"] for x in runs for p in x["placebo_dates"]]
    assert len(fake) == 40 and abs(np.mean(fake)) < 0.25


def test_choose_comparators_ignores_everything_after_the_start():
    panel, treated = synthetic_panel(seed=3)
    before = choose_comparators(panel, treated, START, n=10)
    changed = panel.copy()
    post = changed["year"] >= START
    changed.loc[post, "value"] = np.random.default_rng(9).normal(0, 100, post.sum())
    changed.loc[post & (changed.index % 3 == 0), "value"] = np.nan
    pd.testing.assert_frame_equal(before, choose_comparators(changed, treated, START, n=10))


def test_choose_comparators_excludes_treated_and_excluded_areas():
    panel, treated = synthetic_panel(seed=3)
    first = choose_comparators(panel, treated, START, n=10)["area_code"].tolist()
    out = choose_comparators(panel, treated, START, n=10, exclude=first[:3])
    codes = out["area_code"].tolist()
    assert len(codes) == 10 and not set(codes) & (set(treated) | set(first[:3]))
    assert codes[:7] == first[3:]  # the rest of the ranking is unchanged
    assert out["rank"].tolist() == list(range(1, 11))
    assert out["distance"].is_monotonic_increasing


def test_pre_period_twin_of_treated_group_ranks_first_with_a_plain_reason():
    panel, treated = synthetic_panel(seed=3)
    pre = panel[panel["year"] < START]
    twin = pre[pre["area_code"].isin(treated)].groupby("year", as_index=False)["value"].mean()
    lone = pd.DataFrame({"area_code": "SYN9998", "year": [2016], "value": [0.0]})
    panel = pd.concat([panel, twin.assign(area_code="SYN9999"), lone], ignore_index=True)
    codes = sorted(panel["area_code"].unique())
    imd = pd.DataFrame({"imd_score": np.linspace(10, 40, len(codes))}, index=codes)
    imd.loc["SYN9999", "imd_score"] = imd.loc[treated, "imd_score"].mean()
    out = choose_comparators(panel, treated, START, covariates=imd, n=5)
    top = out.iloc[0]
    assert top["area_code"] == "SYN9999" and top["distance"] == pytest.approx(0, abs=1e-9)
    assert list(out.columns) == [
        "area_code",
        "distance",
        "rank",
        "pre_mean",
        "pre_slope",
        "imd_score",
        "reason",
    ]
    assert top["pre_slope"] == pytest.approx(np.polyfit(twin["year"], twin["value"], 1)[0])
    m, s, i = twin["value"].mean(), top["pre_slope"], imd.loc["SYN9999", "imd_score"]
    assert top["reason"] == (
        f"pre-2017 mean {m:.1f} vs treated {m:.1f}; "
        f"trend {s:+.1f}/yr vs {s:+.1f}/yr; imd_score {i:.1f} vs {i:.1f}"
    )
    everyone = choose_comparators(panel, treated, START, covariates=imd, n=100)
    assert "SYN9998" not in set(everyone["area_code"])  # only one pre-period value
    assert len(everyone) == 40 - 5 + 1


def test_break_between_pre_and_post_is_flagged_not_ignored():
    panel, treated, pool = _setup(effect=3.0)
    r = did_estimate(panel, treated, pool, START, lag=2, break_years=[2019], n_perm=99)
    assert r["post_years"] == list(range(2019, 2024))
    assert (
        "post period starts 2 years after start (2019) to allow for the outcome's lag"
        in r["warnings"]
    )
    crossing = [w for w in r["warnings"] if w.startswith("series break in 2019 lies between")]
    assert len(crossing) == 1 and "crosses a break" in crossing[0]
    assert "crosses a break" in r["summary"]


def test_break_inside_post_period_cuts_it():
    panel, treated, pool = _setup(effect=3.0)
    r = did_estimate(panel, treated, pool, START, break_years=[2020], n_perm=99)
    assert r["post_years"] == [2017, 2018, 2019]
    assert (
        "series break in 2020: post period ends at 2019 because later values are not comparable"
    ) in r["warnings"]
    es = event_study(panel, treated, pool, START, break_years=[2020], n_perm=99)
    assert es.loc[~es["comparable"], "year"].tolist() == [2020, 2021, 2022, 2023]
    note = es.loc[es["year"] == 2021, "note"].item()
    assert note == "series break in 2020: not comparable with 2016"


def test_missing_values_are_dropped_and_counted():
    panel, treated, pool = _setup(effect=3.0)
    gaps = panel.copy()
    hit = [(treated[0], 2012), (treated[1], 2020), (pool[0], 2018)]
    for code, year in hit:
        gaps.loc[(gaps["area_code"] == code) & (gaps["year"] == year), "value"] = np.nan
    outsider = next(a for a in gaps["area_code"].unique() if a not in treated + pool)
    gaps.loc[gaps["area_code"] == outsider, "value"] = np.nan  # not in the comparison
    r = did_estimate(gaps, treated, pool, START, n_perm=99)
    assert "3 missing/suppressed values dropped" in r["warnings"]
    assert abs(r["estimate"] - 3.0) < 1.0
    es = event_study(gaps, treated, pool, START, n_perm=99)
    assert es.set_index("year").loc[2020, "n_treated"] == 4


def test_event_study_is_zero_at_reference_year_and_shows_the_effect():
    panel, treated, pool = _setup(effect=3.0)
    es = event_study(panel, treated, pool, START, lag=1)
    assert list(es.columns[:13]) == [
        "year",
        "treated_mean",
        "comparator_mean",
        "diff",
        "diff_norm",
        "band_low",
        "band_high",
        "placebo_low",
        "placebo_high",
        "period",
        "n_treated",
        "n_comparators",
        "n_placebos",
    ]
    by = es.set_index("year")
    assert by.loc[2016, ["diff_norm", "band_low", "band_high"]].tolist() == [0, 0, 0]
    assert by["period"].tolist() == ["pre"] * 7 + ["post"] * 7
    assert abs(by.loc[2017:, "diff_norm"].mean() - 3.0) < 1.0
    assert (by.loc[2017:, "band_low"] > 0).sum() >= 6
    pre = by.loc[2010:2015]
    assert ((pre["band_low"] <= 0) & (pre["band_high"] >= 0)).sum() >= 5
    assert (by["n_placebos"] == 252).all() and (by["n_comparators"] == 10).all()
    assert "within the 1-year lag" in by.loc[2017, "note"]


def test_one_treated_area_uses_each_comparator_in_turn():
    panel, treated, pool = _setup(effect=3.0)
    es = event_study(panel, treated[:1], pool, START)
    assert (es["n_placebos"] == 10).all()
    r = did_estimate(panel, treated[:1], pool, START)
    assert r["n_placebos"] == 10
    assert "only 10 placebo comparisons: the 95% range is rough" in r["warnings"]


def test_diverging_pre_trends_are_detected():
    panel, treated = synthetic_panel(seed=2)
    assert pre_trend_test(panel, treated, _setup(0.0, seed=2)[2], START)["verdict"] == (
        "no evidence of diverging pre-trends"
    )
    drift = panel["area_code"].isin(treated)
    panel.loc[drift, "value"] += 0.5 * (panel.loc[drift, "year"] - 2010)
    pool = choose_comparators(panel, treated, START, n=10, pre_years=2)["area_code"].tolist()
    pt = pre_trend_test(panel, treated, pool, START)
    assert pt["verdict"] == "pre-trends differ: the comparison is less credible"
    assert abs(pt["slope"] - 0.5) < 0.2 and pt["p_value"] < 0.05
    fakes = placebo_start_dates(panel, treated, pool, START, shifts=(-3,))
    assert fakes[0]["fake_start"] == 2014 and fakes[0]["ci_low"] > 0
    r = did_estimate(panel, treated, pool, START, n_perm=99)
    assert "pre-trends differ: the comparison is less credible" in r["warnings"]


def test_treated_area_cannot_be_a_comparator():
    panel, treated, pool = _setup(effect=0.0)
    with pytest.raises(ValueError, match="both treated and comparator"):
        did_estimate(panel, treated, pool + treated[:1], START)
