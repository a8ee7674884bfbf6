"""Method 'studentised-band/8' on SYNTHETIC panels (codes 'SYN0001', fixed seeds) and the
validation machinery (`make validate`) on a handful of real studies: noise per area, placebo
bands, the non-symmetric studentised interval, the joint pre-period test, the verdict MDE and the
per-scenario table."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from atlas.evidence import calibrate as K
from atlas.evidence import groups as GR
from atlas.evidence import inference as INF
from atlas.evidence import placebo as PL


def synthetic_frame(n=120, years=10, start=6, seed=0, noisy=(), drift=(), effect=0.0, treated=(0,)):
    """SYNTHETIC test data only: levels + a common path + noise (sd 1; 4 for ``noisy`` areas),
    ``drift`` areas trending apart by 1 a year; 4 made-up regions."""
    rng = np.random.default_rng(seed)
    sd = np.ones(n)
    sd[list(noisy)] = 4.0
    y = rng.normal(50, 5, n)[:, None] + np.cumsum(rng.normal(0.3, 0.5, years))[None, :]
    y = y + rng.normal(0, 1, (n, years)) * sd[:, None]
    y[list(drift)] += np.arange(years)
    post = np.arange(years) >= start
    y[np.ix_(list(treated), np.flatnonzero(post))] += effect
    pre = y[:, ~post]
    feats = np.column_stack([pre.mean(1), np.polyfit(np.arange(start), pre.T, 1)[0], pre[:, -1]])
    z = (feats - feats.mean(0)) / feats.std(0)
    codes = np.array([f"SYN{i:04d}" for i in range(1, n + 1)], dtype=object)
    region = np.array([f"R{i % 4}" for i in range(n)], dtype=object)
    frame = PL.Frame(codes, y, post, np.ones(years, bool), z, np.zeros((n, n), bool), region)
    frame.sig = K.noise(y, ~post, post)
    return frame


def _run(frame, treated=(0,)):
    t = np.array(treated)
    ok = np.ones(len(frame.codes), bool)
    ok[t] = False
    return INF.infer(frame, t, ok, ok.copy(), seed=1)


def test_noise_sees_a_noisy_area_and_not_a_programme_step():
    frame = synthetic_frame(noisy=(3,), effect=10.0)
    assert frame.sig[3] > 2.5 * np.median(frame.sig)  # sd 4 against sd 1
    assert frame.sig[0] < 1.5 * np.median(frame.sig)  # a +10 step at the start is not noise


def test_studentised_interval_is_non_symmetric_and_has_its_printed_level():
    est = np.r_[0.0, np.linspace(-1, 3, 79)]  # placebos centred on +1: chance leans upward
    r = K.studentised_interval(est, np.ones(80), np.zeros(80))
    assert r["n_placebos"] == 79 and r["level"] == pytest.approx(0.95)  # 2 in each tail of 80
    assert r["ci_low"] == pytest.approx(-r["q_high"]) and r["ci_high"] == pytest.approx(-r["q_low"])
    assert r["ci_high"] < abs(r["ci_low"])  # the interval leans away from where chance leans
    noisy = K.studentised_interval(est, np.r_[3.0, np.ones(79)], np.zeros(80))
    assert noisy["ci_high"] - noisy["ci_low"] == pytest.approx(3 * (r["ci_high"] - r["ci_low"]))


def test_method_8_interval_is_96_percent_and_never_under_95_with_fewer_placebos():
    alpha = 1 - K.LEVEL
    assert K.one_area_placebos() == 99 and K.one_area_placebos(0.95) == 79
    est = np.r_[0.0, np.linspace(-1, 3, 99)]
    r = K.studentised_interval(est, np.ones(100), np.zeros(100), alpha)
    assert r["level"] == pytest.approx(0.96)  # the 2nd of 99 from each end
    wide = K.studentised_interval(est, np.ones(100), np.zeros(100))  # 95%: the 2nd of 99 too
    assert (
        wide["level"] == pytest.approx(0.96)
        and K.tail_cut(199) == 5
        and K.tail_cut(199, alpha) == 4
    )
    few = K.studentised_interval(est[:80], np.ones(80), np.zeros(80), alpha)
    assert few["level"] == pytest.approx(0.95)  # 79 placebos (CNUA): 95.0%, not 97.5%
    assert K.tail_cut(30, alpha) == 0 == K.tail_cut(30)  # too few for either: no interval


def test_an_effect_is_found_and_its_mde_is_what_the_verdict_sees():
    found = _run(synthetic_frame(effect=6.0, seed=3))
    assert found.did["significant"] and found.did["ci_low"] < 6.0 < found.did["ci_high"]
    assert not found.pre_test["flag"] and found.pre_test["ran"]
    m = found.did["mde"]
    assert 0 < m < 6.0 and math.isfinite(m)


def test_no_effect_gives_about_five_percent_false_positives():
    hits = sum(_run(synthetic_frame(seed=s)).did["significant"] for s in range(40))
    assert hits <= 6  # 5% of 40 is 2; 6 or more has probability < 2%


def test_the_joint_pre_test_flags_areas_that_drift_apart_before_the_start():
    # an area drifting apart by one noise sd a year: flagged in 7 of these 8 panels
    flagged = [_run(synthetic_frame(drift=(0,), seed=s)).pre_test for s in range(4, 12)]
    assert sum(t["flag"] and t["p_value"] <= 0.05 for t in flagged) >= 6
    # the last pre-start year (the one programmes choose on) is left out of the joint test, which
    # needs a year before a pretend start and one after it: three years before the start
    three = _run(synthetic_frame(years=7, start=3, seed=4))
    assert three.pre_test["ran"] and 0 < three.pre_test["p_value"] <= 1
    two_years = _run(synthetic_frame(years=6, start=2, seed=4))
    assert not two_years.pre_test["ran"] and not two_years.pre_test["flag"]


def test_a_noisy_area_with_one_year_each_side_of_the_pretend_start_is_not_moved_apart():
    # three years before the start: the pretend test compares one year with the next, where no
    # area's own noise can be seen; the real post period's years supply it (a tiny area such as
    # the Isles of Scilly swings 20 points a year and was read as moving apart)
    flags = [
        _run(synthetic_frame(years=8, start=3, noisy=(0,), seed=s)).pre_test["flag"]
        for s in range(30)
    ]
    assert sum(flags) <= 6  # 4 of 30 (its noise is still shrunk toward the median); 17 before


def _dip_in_rolling_averages(seed: int, span: int) -> bool:
    """SYNTHETIC: 12 years of 3-year rolling averages of a no-effect panel; the area whose last
    value before the start fell furthest below its earlier mean is the programme. Moved apart?"""
    f = synthetic_frame(n=120, years=14, start=9, seed=seed)
    r = np.stack([f.y[:, t - 2 : t + 1].mean(1) for t in range(2, 14)], axis=1)
    post = np.arange(12) >= 7
    pre = r[:, ~post]
    d = pre - pre.mean(0)
    slope = np.polyfit(np.arange(7), pre.T, 1)[0]
    feats = np.column_stack([pre.mean(1), slope, pre[:, -1]])
    z = (feats - feats.mean(0)) / feats.std(0)
    frame = PL.Frame(f.codes, r, post, np.ones(12, bool), z, f.touch, f.region, span=span)
    frame.sig = K.noise(r, ~post, post)
    return _run(frame, (int(np.argmax(d[:, :-1].mean(1) - d[:, -1])),)).pre_test["flag"]


def test_three_year_averages_leave_out_the_values_that_share_the_chosen_year():
    # a dip in the last 3-year average is partly in the two before it: the pretend start's
    # "after" must not hold them, or selection on the dip reads as moving apart
    assert sum(_dip_in_rolling_averages(s, span=1) for s in range(40)) >= 8  # 11 of 40
    assert sum(_dip_in_rolling_averages(s, span=3) for s in range(40)) <= 5  # 3 of 40
    frame = synthetic_frame(years=10, start=6)
    frame.span = 3
    pre, post = INF.pretend_windows(frame)
    assert list(pre) == [0, 1] and list(post) == [2]  # years 3, 4 and 5 left out
    frame.window[:2] = False
    assert INF.pretend_windows(frame) is None  # five years before the start needed, four here


def test_group_placebos_come_from_the_programme_areas_band_and_regional_pattern():
    frame = synthetic_frame(n=120)
    worst = np.argsort(frame.z[:, 2])[:40]
    treated = np.sort(worst[frame.region[worst] == "R0"][:5])  # the worst five of region R0
    free = np.ones(120, bool)
    free[treated] = False
    groups = K.band_groups(frame, treated, free, draws=30, seed=2)
    assert all(len(g) == 5 and len(set(frame.region[g])) == 1 for g in groups)
    drawn = np.concatenate(groups)
    assert frame.z[drawn, 2].mean() < -0.8  # drawn from the bottom too, not at random (mean 0)


def test_few_host_regions_widen_the_group_band_to_t_with_g_minus_1_degrees_of_freedom():
    rng = np.random.default_rng(0)
    host = np.array([f"R{i % 8}" for i in range(200)], dtype=object)  # 200 draws, 8 regions
    shared = rng.normal(0, 1, 8)[np.arange(200) % 8]  # each region's own shock
    est = np.r_[0.7, shared + rng.normal(0, 0.3, 200)]
    se = np.ones(201)
    wide, info = GR.few_hosts(est, se, np.r_[host])
    assert info["host_regions"] == 8 and info["band_scale"] > 1.15
    assert wide[0] == 0.7  # the programme's own estimate is left as it is
    half = lambda e: (np.sort(e[1:])[195] - np.sort(e[1:])[4]) / 2  # noqa: E731 (2.5% each side)
    assert half(wide) > 1.15 * half(est)  # t(7) = 2.36 against the draws' own tails
    assert np.median(wide[1:]) == pytest.approx(np.median(est[1:]), abs=0.1)  # same centre
    iid = np.r_[0.7, rng.normal(0, 1, 200)]  # 200 independent draws in 200 regions: t(199)
    many = np.array([f"R{i}" for i in range(200)], dtype=object)
    assert half(GR.few_hosts(iid, se, many)[0]) < 1.06 * half(iid)
    two = np.array([f"R{i % 2}" for i in range(200)], dtype=object)  # too few to estimate
    assert np.array_equal(GR.few_hosts(est, se, two)[0], est)


def test_only_a_group_at_the_edge_of_its_regions_keeps_t_g_minus_1_elsewhere_satterthwaite():
    frame = synthetic_frame(n=120)
    mine = np.flatnonzero(frame.region == "R0")
    low = np.sort(mine[np.argsort(frame.z[mine, -1])[:5]])  # the worst five of R0 on the last value
    mid = np.sort(mine[np.argsort(frame.z[mine, -1])[12:17]])  # five from the middle of R0
    free = lambda t: ~np.isin(np.arange(120), t)  # noqa: E731
    assert GR.at_the_edge(frame, low, free(low)) and not GR.at_the_edge(frame, mid, free(mid))
    frame.deprivation = np.zeros(120)
    frame.deprivation[mid] = 9.0  # the middle five are R0's most deprived
    assert GR.at_the_edge(frame, mid, free(mid))
    rng = np.random.default_rng(1)  # 200 draws in 8 regions, a quarter of the spread between
    host = np.array([f"R{i % 8}" for i in range(200)], dtype=object)
    est = np.r_[0.5, rng.normal(0, 0.5, 8)[np.arange(200) % 8] + rng.normal(0, 0.87, 200)]
    se = np.ones(201)
    at_edge, edge_info = GR.few_hosts(est, se, host, edge=True)
    inside, info = GR.few_hosts(est, se, host, edge=False)
    assert edge_info["band_df"] == 7 and 7 < info["band_df"] < 190  # between G - 1 and n - G
    half = lambda e: np.ptp(np.sort(e[1:])[4:196]) / 2  # noqa: E731
    assert half(at_edge) > 1.05 * half(inside)
    assert half(inside) >= half(est)  # never narrower than the draws' own band
    assert edge_info["at_the_edge"] is True and info["at_the_edge"] is False  # in the JSON
    said = GR.band_words(edge_info)  # what the page and the CLI print
    assert "t with 7 degrees of freedom over the 8 regions" in said and "most deprived" in said
    assert f"t with {info['band_df']:.3g} degrees" in GR.band_words(info)
    assert "between those regions" in GR.band_words(info)
    flat = np.r_[0.5, np.zeros(200)]  # placebos all alike: no spread to widen, and no NaN
    assert np.array_equal(GR.few_hosts(flat, se, host, edge=False)[0], flat)


def _band_shock_study(seed: int, method: INF.Method) -> bool:
    """SYNTHETIC: 9 regions of 20 areas; the worst five of each region on the last pre-start
    value share one post-period shock (sd 1), as a region's struggling places often do. The
    programme is region R0's worst five, no effect: does the interval exclude zero?"""
    frame = synthetic_frame(n=180, seed=seed)
    frame.region = np.array([f"R{i % 9}" for i in range(180)], dtype=object)
    rng = np.random.default_rng(seed + 100)
    treated = np.array([], int)
    for r in range(9):
        mine = np.flatnonzero(frame.region == f"R{r}")
        low = np.sort(mine[np.argsort(frame.y[mine, 5])[:5]])
        frame.y[np.ix_(low, np.flatnonzero(frame.post))] += rng.normal(0, 1)
        treated = low if r == 0 else treated  # noqa: PLW2901
    ok = np.ones(180, bool)
    ok[treated] = False
    return INF.infer(frame, treated, ok, ok.copy(), seed=1, method=method).did["significant"]


def test_worst_five_of_a_region_sharing_a_shock_are_not_called_changed():
    # placebo groups of the same rank live in the eight other regions: eight draws of the shared
    # shock, not 200; without the t(G - 1) band a chance shock reads as an effect
    without = replace(INF.FINAL, hosts=False)
    # (a shock as large as each area's own yearly noise: halved, not removed, by the t band)
    assert sum(_band_shock_study(s, without) for s in range(80)) >= 14  # 18 of 80
    assert sum(_band_shock_study(s, INF.FINAL) for s in range(80)) <= 11  # 10 of 80


def test_validation_machinery_runs_and_reports_every_column(warehouse):
    from atlas.evidence import validate as V

    rows = V.run(
        studies=4,
        outcomes=("he19_all",),
        scenarios=("random: one area", "worst 5 in a region"),
        uk=("employment_rate",),
        workers=1,
        log=lambda s: None,
    )
    assert [r["scenario"] for r in rows][:2] == ["random: one area", "worst 5 in a region"]
    assert rows[-1]["outcome"] == "employment_rate (UK)"
    for r in rows:
        assert r["studies"] == 4 and r["interval_fpr"]["n"] == 4
        assert 1 <= r["programmes"] <= 4 and r["interval_fpr"]["programmes"] == r["programmes"]
        assert 1 <= r["areas"] <= 5 * r["programmes"]
        assert 0 <= r["verdict_fpr"]["rate"] <= r["interval_fpr"]["rate"] <= 1
        assert V.format_row(r).count("|") == V.HEADER.splitlines()[0].count("|")


def test_make_validate_names_the_places_a_missed_rate_comes_from(warehouse, monkeypatch, capsys):
    from atlas.evidence import validate as V
    from pipelines.__main__ import main

    london = ("E09000002", "E09000012", "E09000014", "E09000025", "E09000030")
    fives = [london, *[tuple(f"E0800000{r}{k}" for k in range(5)) for r in range(1, 9)]]
    studies = []
    for i in range(900):  # the London five "changed" in 2 of 3 studies, every other five 1 in 25
        changed = (i // 9) % 3 != 0 if i % 9 == 0 else (i // 9) % 25 == 0
        studies.append(
            dict.fromkeys(("interval_fpr", "verdict_fpr"), changed)
            | dict.fromkeys(("moved_apart", "power_at_mde"), False)
            | {"pre_ran": True, "het_coverage": True, "third": i % 3, "mde": 4.0}
            | {"areas": fives[i % 9], "start": 2018 + i % 5}
        )
    row = V.summarise("employment_rate", "5 most deprived in a region", studies)
    assert row["areas"] == 45 and row["hangs_on"]["areas"] == list(london)
    monkeypatch.setattr(V, "run", lambda log, **kw: (log(V.format_row(row)), [row])[1])
    assert main(["validate", "--studies", "900"]) == 1  # 10.9% "changed": outside
    said = capsys.readouterr().out
    assert "| 900 (45; 45) |" in said  # studies (programmes; areas)
    assert (
        "employment_rate / 5 most deprived in a region: “changed” with no effect in 10.9% of 900 "
        "studies from 45 areas: 66.0% of the 100 with Barking and Dagenham, Hackney, Haringey, "
        "Newham and Tower Hamlets (always chosen together), 4.0% (1.0%–15.1%) of the other 800"
    ) in said


def test_a_change_for_the_worst_or_most_deprived_of_their_regions_is_read_with_caution():
    from atlas.evidence.verdict import verdict

    base = {
        "problem": None,
        "outcome": {"unit_words": "percentage points", "title": "Entry to HE by 19"},
        "treated": [{"area_name": "Halton"}, {"area_name": "Knowsley"}],
        "did": {"estimate": -3.1, "significant": True, "mde": 2.5, "at_the_edge": False},
        "pre_test": {"flag": False, "p_value": 0.4, "checks": []},
        "placebo_starts": [],
        "event": [],
        "synth": None,
    }
    plain = verdict(base)
    edge = verdict(base | {"did": base["did"] | {"at_the_edge": True}})
    assert plain["rule"] == edge["rule"] == "changed" and "fell by about 3.1" in edge["headline"]
    assert "most deprived of their regions" not in plain["headline"]
    assert "worst or most deprived of their regions" in edge["headline"]
    assert "weaker evidence" in edge["short"]
    calm = verdict(base | {"did": base["did"] | {"significant": False, "at_the_edge": True}})
    assert calm["rule"] == "no_change" and "deprived" not in calm["headline"]


def test_the_verdict_reads_the_joint_test_not_each_check():
    from atlas.evidence.verdict import verdict

    base = {
        "problem": None,
        "outcome": {"unit_words": "percentage points", "title": "Entry to HE by 19"},
        "treated": [{"area_name": "Newcastle upon Tyne"}],
        "did": {"estimate": 0.5, "significant": False, "mde": 4.2},
        "pre_trend": {"differ": True, "slope": 1.2},  # one separate check flags...
        "placebo_starts": [],
        "event": [],
        "synth": None,
    }
    checks = [{"name": "x", "ran": False, "reason": "only 2 years before the start", "flag": False}]
    calm = verdict(base | {"pre_test": {"flag": False, "p_value": 0.3, "checks": checks}})
    assert calm["rule"] == "no_change"  # ...but the joint test does not: no "moved apart"
    assert calm["unchecked"] == ["only 2 years before the start"]
    apart = verdict(base | {"pre_test": {"flag": True, "p_value": 0.01, "checks": []}})
    assert apart["rule"] == "moved_apart" and "already trending by +1.20" in apart["headline"]
