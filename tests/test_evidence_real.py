"""The before/after engine on the real warehouse: exclusions, injected effects, the precomputed
table, the command line, the pooled programme estimate and the page."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest

from atlas.evidence.engine import METHOD_VERSION, duckdb_reader, evaluate
from atlas.evidence.frames import StudyError
from atlas.evidence.staggered import pooled

NEWCASTLE, GATESHEAD, STOKE, MIDDLESBROUGH = "E08000021", "E08000037", "E06000021", "E06000002"
MANCHESTER = "E08000003"


@pytest.fixture(scope="module")
def read(warehouse):
    return duckdb_reader(warehouse)


@pytest.fixture(scope="module")
def cnua(read) -> dict:
    return evaluate(read, outcome="he19_all", iv="CUA-NCL")


def test_cnua_pool_excludes_neighbours_and_related_programmes_with_reasons(cnua):
    excluded = {e["area_code"]: e for e in cnua["excluded"]}
    assert "touches Newcastle upon Tyne" in excluded[GATESHEAD]["reason"]
    assert excluded[GATESHEAD]["kind"].startswith("neighbour")
    # civic deals and MoUs belong to the civic-university family: Keele (Stoke), Teesside MoU
    assert "New Keele Deals" in excluded[STOKE]["reason"]
    assert "Teesside University" in excluded[MIDDLESBROUGH]["reason"]
    assert "Greater Manchester Civic University Agreement" in excluded[MANCHESTER]["reason"]
    assert not set(excluded) & set(cnua["pool"])
    assert len(cnua["pool"]) == 40 and NEWCASTLE not in cnua["pool"]


def test_cnua_interval_reports_its_achieved_level_and_its_band_of_placebos(cnua):
    d = cnua["did"]
    assert d["placebos"].startswith("the 79 eligible areas nearest the programme area")
    assert d["n_placebos"] == 79  # its band: the 79 nearest eligible areas, not 40
    assert d["ci_low"] - d["estimate"] != pytest.approx(d["estimate"] - d["ci_high"])  # leans
    assert abs(d["level"] - 0.95) < 0.01
    assert d["ci_low"] < d["estimate"] < d["ci_high"]
    assert d["mde"] > d["critical"]  # 80% power needs more than the 5% threshold
    nb = cnua["did_with_neighbours"]
    assert {"Gateshead", "North Tyneside"} <= set(nb["added"])


def test_cnua_verdict_reads_the_one_joint_pre_test(cnua):
    v, joint = cnua["verdict"], cnua["pre_test"]
    assert joint["ran"] and 0 < joint["p_value"] <= 1 and joint["level"] == pytest.approx(0.95)
    names = [c["name"] for c in joint["checks"]]
    # the joint test is the whole comparison moved back inside 2016-2020, 2020 (the year
    # programmes choose on) left out: 2016-17 before a pretend start in 2018, 2018-19 after it
    assert joint["pretend_years"] == [2018, 2019]
    # method 10: one area's joint test is the pretend start alone (a group's also reads its drift)
    assert names[0] == "the whole comparison at a pretend start in 2018"
    assert "drift_p" not in joint and "drift_years" not in joint
    assert names[1] == "trend of the gap before the start" and "pretend start in 2018" in names
    assert all(c["ran"] and c["reason"] is None for c in joint["checks"])  # 2016-2020: all ran
    assert (v["rule"] == "moved_apart") == joint["flag"]  # one test decides, not four
    if joint["flag"]:
        assert v["headline"].startswith("Areas moved apart before the programme began")
        assert "no evidence of diverging" not in json.dumps(cnua)
        # no longer the end of the story: the direction at face value and the sensitivity range
        way = "fell" if cnua["did"]["estimate"] < 0 else "rose"
        assert (
            f"Taken at face value, pupils entering higher education by age 19 (%) {way}"
            in (v["headline"])
        )
        assert cnua["grade"]["level"] == 2 and "moving apart" in cnua["grade"]["why"]


def test_cnua_carries_the_rambachan_roth_sensitivity_and_its_breakdown(cnua):
    s = cnua["sensitivity"]
    assert s["ran"] and s["reference_year"] == 2020 and s["n_draws"] == cnua["did"]["n_placebos"]
    assert "breakdown" in s  # None: even with parallel trends the range holds zero
    ranges = {x["mbar"]: x for x in s["ranges"]}
    assert s["breakdown"] is None and not ranges[0.0]["excludes_zero"]
    # the range widens with M̄ by exactly the bias allowance on each side
    assert ranges[1.0]["high"] - ranges[1.0]["low"] > ranges[0.0]["high"] - ranges[0.0]["low"]
    assert "Even if trends had stayed parallel after 2020" in cnua["verdict"]["sensitivity"]


def test_a_2018_he_entry_study_names_the_checks_it_could_not_run(read):
    r = evaluate(read, outcome="he19_all", areas=[NEWCASTLE], start=2018)
    assert r["pre_years"] == [2016, 2017]  # the series starts in 2016
    v = r["verdict"]
    assert [u["name"] for u in v["unrun"]] == [
        "the whole comparison at a pretend start",
        "trend of the gap before the start",
        "pretend start in 2016",
        "pretend start in 2015",
    ]
    assert (
        "Not checked: only 2 years before the start: the combined check before it could not be "
        "run (it needs 3: 2017, the year programmes choose on, is left out of it) and trends "
        "before it could not be checked" in (v["headline"])
    )
    assert "pretend starts in 2016 and 2015 could not be tried" in v["headline"]
    assert r["grade"]["level"] == 2 and "only 2 years before the start" in r["grade"]["why"]


def test_with_the_checks_unrun_changed_needs_the_wider_band(read, cnua):
    # method 9: Hull's HE entry from 2018 (only 2016 and 2017 before) is beyond the 96% band
    # (p = 0.04) but not the 98% band "changed" needs when trends before could not be checked
    hull = "E06000010"
    r = evaluate(read, outcome="he19_all", areas=[hull], start=2018, synth=False)
    d, v = r["did"], r["verdict"]
    assert not r["pre_test"]["ran"] and d["significant"] and not d["verdict_significant"]
    assert d["level"] == pytest.approx(0.96) and d["verdict_level"] == pytest.approx(0.98)
    assert 0.02 < d["p_value"] <= 0.04
    assert v["rule"] == "no_change"
    assert v["headline"].startswith(
        "Not enough to say it changed: after the programme began, pupils entering higher "
        f"education by age 19 (%) rose by about {abs(d['estimate']):.1f} percentage points more"
    )
    assert (
        "asks for a change larger than chance produces 98 times in 100: this one is not"
        in (v["headline"])
    )
    assert f"reliably notice a change of about ±{d['mde']:.1f} percentage points" in v["headline"]
    assert "Not checked: only 2 years before the start" in v["headline"]
    # where the checks ran, the bar is the interval's own: CNUA unchanged
    c = cnua["did"]
    assert c["verdict_level"] == c["level"] and c["verdict_significant"] == c["significant"]
    out = _cli("--areas", hull, "--start", "2018", "--outcome", "he19_all").stdout
    assert "'changed' needs the 98.0% band: trends before the start could not be checked" in out
    assert "VERDICT: Not enough to say it changed" in out


def test_a_group_at_the_edge_of_its_regions_needs_the_wider_band(read):
    # method 9: the West Midlands Combined Authority's areas sit at the edge of their region, so
    # "changed" needs the 98% band there too; the interval shown stays 96%
    r = evaluate(read, outcome="employment_rate", iv="CA-WM")
    d = r["did"]
    assert d["at_the_edge"] and d["verdict_why"] == ["edge"] and r["pre_test"]["ran"]
    assert d["level"] == pytest.approx(0.96) and d["verdict_level"] == pytest.approx(0.98)
    head = r["verdict"]["headline"]
    assert r["verdict"]["rule"] == "no_change" and f"±{d['mde']:.1f} percentage points" in head
    assert head.endswith(
        "To say it changed, it asks for a change larger than chance produces 98 times in 100, "
        "not 96, because its areas are among the worst or most deprived of their regions, and "
        "places chosen that way often move differently from similar areas for reasons of their own."
    )
    out = _cli("--iv", "CA-WM", "--outcome", "employment_rate").stdout  # the CLI gives its reason
    assert "'changed' needs the 98.0% band: its areas are among the worst or most deprived" in out
    assert "could not be checked" not in out


LONDON_FIVE = ["E09000002", "E09000012", "E09000014", "E09000025", "E09000030"]


def test_a_steady_drift_before_the_start_is_moved_apart_not_changed(read):
    # method 10: the five most deprived boroughs of London (Barking and Dagenham, Hackney,
    # Haringey, Newham, Tower Hamlets) gained on similar areas' employment about a point a year
    # from 2004 on. A pretend programme from 2014 is beyond even the 98% band, and the comparison
    # at a pretend start alone is within chance; the gap's drift before the start is further out
    # than every placebo group's, so the joint test says they moved apart, not "changed"
    r = evaluate(read, outcome="employment_rate", areas=LONDON_FIVE, start=2014, synth=False)
    d, pt, v = r["did"], r["pre_test"], r["verdict"]
    assert d["verdict_significant"] and d["estimate"] > 2  # method 9 said "changed"
    assert pt["pretend_p"] > 0.05 and pt["drift_p"] == pytest.approx(1 / 200)
    assert pt["flag"] and v["rule"] == "moved_apart"
    assert pt["drift_years"] == [2004, 2012] and 0.6 < pt["drift_slope"] < 1.0
    slope = f"{pt['drift_slope']:.2f}"
    assert (
        f"Before the start: from 2004 to 2012 the programme's areas rose about {slope} percentage "
        "points a year against their comparators, more drift than chance produces" in v["headline"]
    )
    assert r["grade"]["level"] == 2
    out = _cli("--areas", *LONDON_FIVE, "--start", "2014", "--outcome", "employment_rate").stdout
    assert "VERDICT: Areas moved apart before the programme began" in out
    assert (
        f"flagged (its parts: the comparison at a pretend start p = {pt['pretend_p']:.3f}; the "
        f"gap's drift over 2004–2012, +{slope} percentage points/year, p = 0.005, given 20% of "
        "the test's level)" in out
    )


def test_cnua_synthetic_control_weights_sum_to_one(cnua):
    s = cnua["synth"]
    assert sum(w["weight"] for w in s["weights"]) == pytest.approx(1, abs=0.02)
    assert s["n_placebos"] >= 30 and 0 < s["p_value"] <= 1
    assert {f["period"] for f in s["fit"]} == {"pre", "post"}


def test_an_added_effect_moves_the_estimate_by_exactly_that(read, cnua):
    shifted = evaluate(read, outcome="he19_all", iv="CUA-NCL", add_effect=5.0)
    assert shifted["did"]["estimate"] == pytest.approx(cnua["did"]["estimate"] + 5.0, abs=1e-9)
    # a placebo moves only when its own pool holds Newcastle, by a fortieth of the effect; the
    # interval is found by test inversion and moves with the estimate
    assert shifted["did"]["ci_low"] == pytest.approx(cnua["did"]["ci_low"] + 5.0, abs=0.5)
    assert shifted["did"]["ci_high"] == pytest.approx(cnua["did"]["ci_high"] + 5.0, abs=0.5)
    assert "+5 was added" in " ".join(shifted["notes"])


def test_ad_hoc_areas_and_bad_requests(read):
    r = evaluate(read, outcome="employment_rate", areas=[NEWCASTLE, GATESHEAD], start=2019)
    assert len(r["treated"]) == 2 and r["did"]["placebos"].startswith("199 groups of 2 drawn from")
    with pytest.raises(StudyError, match="unknown area code"):
        evaluate(read, outcome="he19_all", areas=["E99999999"], start=2020)
    with pytest.raises(StudyError, match="unknown outcome"):
        evaluate(read, outcome="nope", areas=[NEWCASTLE], start=2020)
    refused = evaluate(read, outcome="employment_rate", areas=[NEWCASTLE], start=2024)
    assert (
        refused["verdict"]["rule"] == "refused" and "Nothing to compare yet" in refused["problem"]
    )


def test_a_check_that_could_not_run_is_named_not_passed(read):
    r = evaluate(read, outcome="he19_all", iv="CUA-NCL", start=2018)  # only 2016 and 2017 before
    not_run = [c for c in r["pre_test"]["checks"] if not c["ran"]]
    assert {c["name"] for c in not_run} >= {"trend of the gap before the start"}
    assert "only 2 years before the start: trends before it could not be checked" in [
        c["reason"] for c in not_run
    ]
    assert r["verdict"]["unchecked"] and not any(c["flag"] for c in not_run)


def test_scottish_areas_are_compared_across_the_uk_on_comparable_outcomes(read):
    r = evaluate(read, outcome="employment_rate", areas=["S12000030"], start=2016)
    assert r["problem"] is None and r["verdict"]["rule"] in {"no_change", "changed", "moved_apart"}
    assert r["did"]["level"] == pytest.approx(0.96)  # 99 placebo areas: method 8's 96.0%
    assert r["did"]["n_placebos"] == 99
    nations = {c[0] for c in r["pool"]}
    assert "E" in nations and ({"S", "W"} & nations)  # comparators from more than one nation
    refused = evaluate(read, outcome="he19_all", areas=["S12000030"], start=2016)
    assert "published for England only" in refused["problem"]
    assert "employment_rate" in refused["problem"] and "hle_female" in refused["problem"]


def test_leading_places_phase_1_pooled_labour_estimate(read):
    r = pooled(read, programme="Leading Places 1", outcome="employment_rate")
    assert r["problem"] is None and r["n_areas"] >= 15
    assert r["did"]["n_placebos"] == 199 and r["did"]["level"] == pytest.approx(0.95)
    assert r["headline"].startswith(f"Across {r['n_areas']} Leading Places 1 areas (starts 2016)")
    both = pooled(read, programme="Leading Places (phases 1 and 2)", outcome="employment_rate")
    assert [c["start"] for c in both["cohorts"]] == [2016, 2017]
    # the cohort-by-cohort event study: 0 the year before each start, chance bands, pre-checks
    es = {e["event_time"]: e for e in both["event"]}
    assert es[-1]["diff_norm"] == 0 and min(es) <= -10 and max(es) >= 7
    assert all(c["event_path"][-1] == 0 for c in both["cohorts"])
    assert {c["name"] for c in both["pre_test"]["checks"]} == {
        "pre-trend test",
        "event study before the start",
    }
    assert both["pre_test"]["flag"] == ("areas moved apart" in both["headline"])
    assert both["grade"]["level"] == (2 if both["pre_test"]["flag"] else 3)


def test_precomputed_results_cover_the_register_and_match_the_engine(warehouse, cnua):
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute(
        "select intervention_id, indicator_id, method_version, result_json from evidence.results"
    ).fetchall()
    con.close()
    keys = {(a, b) for a, b, _, _ in rows}
    assert ("CUA-NCL", "he19_all") in keys and (
        "programme:Leading Places 1",
        "employment_rate",
    ) in keys
    assert ("LP2-07", "gdhi_per_head") in keys  # a presentation slide
    assert {v for _, _, v, _ in rows} == {METHOD_VERSION}
    stored = json.loads(next(j for a, b, _, j in rows if (a, b) == ("CUA-NCL", "he19_all")))
    assert stored["did"]["estimate"] == pytest.approx(cnua["did"]["estimate"], abs=1e-12)
    assert stored["verdict"]["headline"] == cnua["verdict"]["headline"]
    assert stored["sensitivity"] == json.loads(json.dumps(cnua["sensitivity"]))
    assert stored["grade"] == cnua["grade"]


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipelines", "evaluate", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_json_gives_the_page_figures_and_bad_input_exits_2(warehouse, cnua):
    done = _cli("--iv", "CUA-NCL", "--outcome", "he19_all", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    for key in ("estimate", "ci_low", "ci_high", "level", "p_value", "mde"):
        assert out["did"][key] == pytest.approx(cnua["did"][key], abs=1e-12)
    assert out["verdict"]["headline"] == cnua["verdict"]["headline"]
    assert "breakdown" in out["sensitivity"] and out["sensitivity"]["breakdown"] is None
    assert out["sensitivity"] == json.loads(json.dumps(cnua["sensitivity"]))
    assert out["grade"] == cnua["grade"]
    text = _cli("--iv", "CUA-NCL", "--outcome", "he19_all").stdout
    assert "VERDICT:" in text and "synthetic control:" in text and "Gateshead (E08000037)" in text
    for bad, message in (
        (["--areas", "E99999999", "--start", "2020", "--outcome", "he19_all"], "unknown area"),
        (["--areas", NEWCASTLE, "--start", "2020", "--outcome", "nope"], "unknown outcome"),
        (
            ["--areas", NEWCASTLE, "--start", "1850", "--outcome", "he19_all"],
            "not a plausible year",
        ),
    ):
        done = _cli(*bad)
        assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
    assert "for checking the method" in _cli("--help").stdout
