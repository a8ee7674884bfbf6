"""The before/after engine's arithmetic on hand-made numbers and SYNTHETIC panels (codes 'SYN0001',
fixed seeds): order statistics, minimum detectable effect, injected effects recovered, synthetic
control weights, contiguity and the verdict rules. The real-warehouse checks are in
tests/test_evidence_real.py."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
import shapely

from atlas.evidence import placebo as PL
from atlas.evidence.synth import synthetic_control, weights
from atlas.evidence.verdict import verdict
from pipelines.extracts.contiguity import touching


def synthetic_frame(
    n: int = 80,
    years: int = 10,
    start: int = 6,
    effect: float = 0.0,
    seed: int = 0,
    treated: tuple[int, ...] = (0,),
) -> PL.Frame:
    """SYNTHETIC test data only: area levels + a common year path + noise, in 4 made-up regions."""
    rng = np.random.default_rng(seed)
    level = rng.normal(50, 5, n)
    path = np.cumsum(rng.normal(0.3, 0.5, years))
    y = level[:, None] + path[None, :] + rng.normal(0, 1, (n, years))
    post = np.arange(years) >= start
    y[np.ix_(list(treated), np.flatnonzero(post))] += effect
    pre = y[:, ~post]
    feats = np.column_stack([pre.mean(1), np.polyfit(np.arange(start), pre.T, 1)[0]])
    z = (feats - feats.mean(0)) / feats.std(0)
    codes = np.array([f"SYN{i:04d}" for i in range(1, n + 1)], dtype=object)
    touch = np.zeros((n, n), bool)
    for i in range(n - 1):  # a chain: each area touches the next
        touch[i, i + 1] = touch[i + 1, i] = True
    region = np.array([f"R{i % 4}" for i in range(n)], dtype=object)
    return PL.Frame(codes, y, post, np.ones(years, bool), z, touch, region)


def test_order_statistic_interval_has_the_printed_level():
    placebos = np.arange(1.0, 63.0)  # 62 placebos: |values| 1..62
    r = PL.interval(0.0, placebos)
    assert r["n_placebos"] == 62
    assert r["level"] == pytest.approx(1 - 3 / 63)  # 95.2% with 62 placebos
    assert f"{r['level']:.1%}" == "95.2%"
    assert (r["ci_low"], r["ci_high"]) == (-60.0, 60.0)  # the 3rd largest |placebo|
    assert not r["significant"]
    hit = PL.interval(61.5, placebos)  # only 62 is as far from zero
    assert hit["significant"] and hit["p_value"] == pytest.approx(2 / 63)
    assert PL.interval(0.0, np.arange(1.0, 200.0))["level"] == pytest.approx(0.95)  # 199: exact


def test_too_few_placebos_give_no_interval_rather_than_a_rough_one():
    r = PL.interval(1.0, np.arange(1.0, 11.0))  # 10 placebos cannot give anything near 95%
    assert math.isnan(r["ci_low"]) and not r["significant"]


def test_mde_is_the_effect_detected_at_the_stated_power():
    rng = np.random.default_rng(1)
    pl = rng.normal(0, 1, 4000)
    c = PL.interval(0.0, pl)["critical"]
    m80 = PL.mde(pl, c, target=0.8)
    assert m80 == pytest.approx(1.96 + 0.84, abs=0.1)  # the textbook 2.8 standard errors
    m = PL.mde(pl, c)  # stated at 85% (placebo.POWER, see make validate): 1.96 + 1.04
    assert PL.POWER == 0.85 and m == pytest.approx(1.96 + 1.04, abs=0.1)
    assert (PL.power(pl, c, m) + PL.power(pl, c, -m)) / 2 == pytest.approx(PL.POWER, abs=0.01)


def test_an_injected_effect_is_recovered_and_called_significant():
    frame = synthetic_frame(effect=4.0, seed=3)
    eligible = np.ones(len(frame.codes), bool)
    eligible[[0, 1]] = False  # the treated area and its neighbour
    contr = PL.contrasts(frame, np.array([0]), eligible)
    est = contr.estimates(frame)
    r = PL.interval(float(est[0]), est[1:])
    assert r["estimate"] == pytest.approx(4.0, abs=2.0)  # one area: noise sd about 0.7
    assert r["significant"] and r["ci_low"] < 4.0 < r["ci_high"]
    assert r["n_placebos"] == 78 and len(contr.pools[0]) == 40


def test_no_effect_gives_about_five_percent_false_positives():
    hits = 0
    for seed in range(60):
        frame = synthetic_frame(seed=seed)
        eligible = np.ones(len(frame.codes), bool)
        eligible[[0, 1]] = False
        est = PL.contrasts(frame, np.array([0]), eligible).estimates(frame)
        hits += PL.interval(float(est[0]), est[1:])["significant"]
    assert hits <= 8  # 5% of 60 is 3; 8 or more has probability < 1%


def test_placebo_groups_mirror_the_regional_pattern():
    frame = synthetic_frame(n=80)
    treated = np.array([0, 4, 8, 12, 16])  # five areas, all in region R0
    eligible = np.ones(80, bool)
    eligible[treated] = False
    groups = PL.placebo_groups(frame, treated, eligible, draws=50, seed=2)
    assert len(groups) == 50
    assert all(len(g) == 5 and len(set(frame.region[g])) == 1 for g in groups)
    assert len({frame.region[g[0]] for g in groups}) == 4  # every region gets drawn


def test_estimate_equals_the_difference_of_mean_changes_on_a_complete_panel():
    frame = synthetic_frame(seed=5)
    delta = frame.deltas()
    y, post = frame.y, frame.post
    manual = lambda i: y[i, post].mean() - y[i, ~post].mean()  # noqa: E731
    pool = np.arange(2, 42)
    did = manual(0) - np.mean([manual(i) for i in pool])
    assert PL.estimate(frame, np.array([0]), pool, delta) == pytest.approx(did)


def test_synthetic_control_recovers_known_weights():
    rng = np.random.default_rng(0)
    donors = rng.normal(50, 5, (12, 1)) + rng.normal(0, 2, (12, 25)).cumsum(1)  # 20 pre, 5 post
    target = 0.6 * donors[3] + 0.4 * donors[7] + rng.normal(0, 0.1, 25)
    w = weights(target[:20], donors[:, :20].T)
    assert w[3] == pytest.approx(0.6, abs=0.05) and w[7] == pytest.approx(0.4, abs=0.05)
    y = np.vstack([target + np.r_[np.zeros(20), np.full(5, 3.0)], donors])
    pre = np.arange(25) < 20
    sc = synthetic_control(y, pre, ~pre, 0, np.arange(1, 13))
    assert sc["effect"] == pytest.approx(3.0, abs=0.3)
    assert sc["rank"] == 1 and sc["p_value"] == pytest.approx(1 / 13)


def test_touching_bridges_a_river_but_not_a_sea():
    sq = lambda x: shapely.box(x, 0, x + 1000, 1000)  # noqa: E731
    geoms = np.array([sq(0), sq(1200), sq(5000)], dtype=object)  # 200 m river, then 3.8 km sea
    pairs = touching(["A", "B", "C"], geoms)
    assert sorted(zip(pairs["area_code"], pairs["neighbour_code"], strict=True)) == [
        ("A", "B"),
        ("B", "A"),
    ]


def _case(**over) -> dict:
    base = {
        "problem": None,
        "outcome": {"unit_words": "percentage points", "title": "Entry to HE by 19"},
        "treated": [{"area_name": "Newcastle upon Tyne"}],
        "did": {"estimate": 0.5, "significant": False, "mde": 4.2},
        "pre_trend": {"differ": False, "slope": 0.1},
        "placebo_starts": [{"fake_start": 2018, "estimate": 0.3, "significant": False}],
        "event": [{"year": 2019, "period": "pre", "outside_band": False}],
        "synth": None,
    }
    return base | over


def test_verdict_rules_in_order():
    assert verdict(_case(problem="No comparison is possible: x."))["rule"] == "refused"
    v = verdict(_case())
    assert v["rule"] == "no_change"
    assert "the programme area moved about as much" in v["headline"]
    assert "about ±4.2 percentage points; smaller effects would go unseen" in v["headline"]
    many = verdict(_case(treated=[{}] * 5))
    assert "the 5 programme areas" in many["headline"] and many["n_areas"] == "5 programme areas"
    up = verdict(_case(did={"estimate": 3.26, "significant": True, "mde": 2.0}))
    assert up["rule"] == "changed" and "rose by about 3.3 percentage points more" in up["headline"]
    apart = verdict(
        _case(
            did={"estimate": 3.26, "significant": True, "mde": 2.0},
            placebo_starts=[{"fake_start": 2018, "estimate": 3.3, "significant": True}],
        )
    )
    assert apart["rule"] == "moved_apart"  # never "changed" when the checks say the areas drifted
    assert apart["headline"].startswith("Areas moved apart before the programme began")
    assert "a pretend start in 2018" in apart["headline"]
    drift = verdict(_case(event=[{"year": 2017, "period": "pre", "outside_band": True}]))
    assert drift["rule"] == "moved_apart" and "2017" in drift["headline"]
    flat = {"estimate": 0.01, "significant": False, "mde": 4.2, "ci_low": -2.6, "ci_high": 2.5}
    still = verdict(_case(did=flat, placebo_starts=apart_starts()))["headline"]
    assert "rose by about 0.0" not in still  # a face value of +0.01 is not a rise
    assert (
        "Taken at face value, entry to HE by 19 changed about as much in the programme area as in "
        "similar areas (less than 0.1 percentage points apart; range -2.6 to +2.5), within what "
        "chance produces." in still
    )


def apart_starts() -> list[dict]:
    return [{"fake_start": 2018, "estimate": 3.3, "significant": True}]


def test_beyond_the_interval_but_not_the_wider_unchecked_band_is_not_enough():
    # method 9: with the checks before the start unrun, "changed" needs the 98% band
    did = {"estimate": -2.44, "significant": True, "verdict_significant": False, "mde": 6.1}
    v = verdict(_case(did=did | {"level": 0.96, "verdict_level": 0.98}))
    assert v["rule"] == "no_change"
    assert v["headline"].startswith(
        "Not enough to say it changed: after the programme began, entry to HE by 19 fell by "
        "about 2.4 percentage points more in the programme area than in similar areas."
    )
    assert "larger than chance produces 98 times in 100: this one is not" in v["headline"]
    assert "reliably notice a change of about ±6.1 percentage points" in v["headline"]
    beyond = did | {"verdict_significant": True, "level": 0.96, "verdict_level": 0.98}
    assert verdict(_case(did=beyond))["rule"] == "changed"  # beyond the wider band too
    older = {k: v for k, v in did.items() if k != "verdict_significant"}  # a stored method-8 result
    assert verdict(_case(did=older))["rule"] == "changed"
    assert "trends before the start could not be checked, so this comparison" in v["headline"]
    edge = did | {
        "level": 0.96,
        "verdict_level": 0.98,
        "verdict_why": ["edge"],
        "at_the_edge": True,
    }
    e = verdict(_case(did=edge, treated=[{}] * 5))["headline"]
    assert "but its areas are among the worst or most deprived of their regions, and places" in e
    assert "could not be checked" not in e and e.count("worst or most deprived") == 1


def test_the_verdict_bar_is_wider_only_unchecked_or_at_the_edge():
    from atlas.evidence import bar as B
    from atlas.evidence import inference as INF

    ran = np.array([1.3, 0.2, 2.0])  # the joint pre-test's statistics: it ran
    assert B.needs(INF.FINAL, ran, {"at_the_edge": False}) == (None, [])
    assert B.needs(INF.FINAL, None, {}) == (0.98, ["unchecked"])
    assert B.needs(INF.FINAL, np.array([np.nan, 1.0]), {}) == (0.98, ["unchecked"])
    assert B.needs(INF.FINAL, ran, {"at_the_edge": True}) == (0.98, ["edge"])
    assert B.needs(INF.FINAL, None, {"at_the_edge": True})[1] == ["unchecked", "edge"]
    assert B.needs(replace(INF.FINAL, unchecked=None, edge_bar=None), None, {}) == (None, [])

    rng = np.random.default_rng(3)
    est = np.concatenate([[0.0], rng.normal(0, 1, 99)])
    ts = np.sort(est[1:])
    est[0] = (ts[-2] + ts[-1]) / 2  # beyond the 2nd largest placebo (96%), not the largest (98%)
    se, expo = np.ones(100), np.r_[1.0, np.zeros(99)]
    at96 = INF.interval(est, se, expo, INF.FINAL)
    at98 = INF.interval(est, se, expo, replace(INF.FINAL, level=INF.FINAL.unchecked))
    assert at96["significant"] and at96["level"] == pytest.approx(0.96)
    assert not at98["significant"] and at98["level"] == pytest.approx(0.98)


def test_the_joint_pre_test_with_its_drift_part_keeps_its_level():
    # method 10, on made-up statistics: the programme and 199 placebos drawn alike for each part
    from atlas.evidence import calibrate as K
    from atlas.evidence import drift as DR

    rng = np.random.default_rng(10)
    fired = [
        K.joint_pre_test(DR.joint(rng.normal(size=200) ** 2, rng.normal(size=200) ** 2)[0])["flag"]
        for _ in range(4000)
    ]
    assert 0.04 < np.mean(fired) < 0.06  # 5% whichever part carries it
    pretend, drift = np.linspace(0.01, 2, 200), np.linspace(0.01, 2, 200)

    def flag(a: float, b: float) -> tuple[bool, dict]:
        stat, parts = DR.joint(np.r_[a, pretend[1:]], np.r_[b, drift[1:]])
        return K.joint_pre_test(stat)["flag"], parts

    assert flag(1.0, 9.0) == (True, {"pretend_p": 0.51, "drift_p": 0.005, "drift_share": 0.2})
    assert flag(1.97, 1.0)[0]  # the pretend part alone at p = 0.025: within its 4%
    assert not flag(1.0, 1.97)[0]  # the drift part alone at p = 0.025: beyond its 1%
    assert DR.which({"pretend_p": 0.5, "drift_p": 0.005, "drift_share": 0.2}) == "drift"
    assert DR.which({"pretend_p": 0.03, "drift_p": 0.01, "drift_share": 0.2}) == "pretend"
    # a part that cannot run leaves the other as it was; no share: the pretend part alone
    assert DR.joint(None, None) == (None, {}) and DR.joint(pretend, None)[0] is pretend
    assert DR.joint(pretend, drift, share=0.0)[0] is pretend


def test_the_drift_part_is_for_groups_only():
    # method 10: one area's joint pre-test is the pretend start alone (its 99 placebos let the
    # drift part fire only at the very edge, and it took a fifth of the level for that)
    from atlas.evidence import inference as INF

    rng = np.random.default_rng(5)
    years, n = 10, 120
    y = np.cumsum(rng.normal(0, 1, (n, years)), axis=1)  # synthetic series
    post = np.arange(years) >= 7
    z = np.column_stack([y[:, :7].mean(1), y[:, 6]])
    frame = PL.Frame(
        np.array([f"A{i:03d}" for i in range(n)], dtype=object),
        y,
        post,
        np.ones(years, bool),
        (z - z.mean(0)) / z.std(0),
        np.zeros((n, n), bool),
        np.array(["R1", "R2", "R3", "R4"] * (n // 4), dtype=object),
    )
    frame.sig, frame.span, frame.deprivation = np.ones(n), 1, None
    free = np.ones(n, bool)
    for treated, has_parts in ((np.array([0]), False), (np.array([0, 4, 8, 12, 16]), True)):
        rest = free.copy()
        rest[treated] = False
        res = INF.infer(frame, treated, rest, rest, seed=1)
        assert ("drift_p" in res.pre_test) == has_parts and res.pre_test["ran"]


def test_the_drift_part_reads_the_years_before_the_one_programmes_choose_on():
    from atlas.evidence import drift as DR

    years = np.arange(2004, 2013)  # a made-up study starting in 2011: 2004-2010 before it
    y = np.zeros((3, len(years)))
    y[0] = 0.5 * (years - 2004)  # the programme area gains half a point a year
    y[0, 6] += 4.0  # its last pre-start value (2010) jumps: left out of the drift
    post = years >= 2011
    frame = PL.Frame(None, y, post, np.ones(len(years), bool), np.zeros((3, 1)), None, None)
    frame.span = 1
    assert DR.columns(frame).tolist() == list(range(6))  # 2004-2009
    # the pretend start's two periods are the same years: both parts run in the same studies
    from atlas.evidence.inference import pretend_windows

    assert np.concatenate(pretend_windows(frame)).tolist() == DR.columns(frame).tolist()
    contr = PL.Contrasts([np.array([0])], [np.array([1, 2])])
    assert DR.describe(frame, contr, years) == {"drift_years": [2004, 2009], "drift_slope": 0.5}
    frame.span = 3  # three-year averages: the two values sharing the last one's years go too
    assert DR.columns(frame).tolist() == list(range(4))


def test_verdict_says_when_the_synthetic_control_disagrees():
    agree = verdict(_case(synth={"effect": 0.4, "significant": False}))
    assert agree["second"].startswith("The synthetic-control comparison agrees")
    differ = verdict(_case(synth={"effect": -3.0, "significant": True}))
    assert differ["second"].startswith("The synthetic-control comparison disagrees")
