"""The evaluation planner and pre-registration on the real warehouse: what a planner would read
(the smallest detectable effect by year), that a pre-registration reproduces the planned study
exactly and refuses a changed file, and the command line's and the page section's behaviour."""

from __future__ import annotations

import json
import math

import pytest

from atlas.evidence import planner as PN
from atlas.evidence import prereg as PR
from atlas.evidence.engine import METHOD_VERSION, duckdb_reader, evaluate
from pipelines.__main__ import main

NEWCASTLE_GATESHEAD = ["E08000021", "E08000037"]


@pytest.fixture(scope="module")
def read(warehouse):
    return duckdb_reader(warehouse)


@pytest.fixture(scope="module")
def ne_rep(read) -> dict:
    plan = PN.plan(read, outcomes=["he19_all", "employment_rate"], iv="NE-REP", effect=3)
    return {o["indicator_id"]: o for o in plan["outcomes"]} | {"plan": plan}


def test_ne_rep_mde_falls_as_years_of_data_arrive(ne_rep) -> None:
    emp, he = ne_rep["employment_rate"], ne_rep["he19_all"]
    assert not emp["refused"] and not he["refused"]
    # the register's start (2025) plus the lag: the first year that could show a change
    assert [r["year"] for r in emp["rows"]] == [2026, 2027, 2028, 2029, 2030]
    assert [r["year"] for r in he["rows"]] == [2027, 2028, 2029, 2030, 2031]
    mde = [r["mde"] for r in emp["rows"]]
    assert all(math.isfinite(m) for m in mde)
    # more years narrow it overall (not every year: a longer window also lets areas drift apart)
    assert min(mde[1:]) < mde[0] and mde[-1] < mde[0], mde
    assert he["rows"][-1]["mde"] < he["rows"][0]["mde"]
    assert 1 < mde[-1] < mde[0] < 15  # percentage points: plausible sizes for a 7-area group
    assert len(emp["treated"]) == 7 and len(emp["pool"]) == 40
    assert {"E08000022", "E06000047"} <= set(emp["treated"])  # North Tyneside, County Durham


def test_a_window_of_the_real_shape_is_the_engine_itself(read) -> None:
    """Planned with a past start, the window that is the study itself gives the engine's MDE."""
    plan = PN.plan(
        read, outcomes=["employment_rate"], areas=NEWCASTLE_GATESHEAD, start=2019, years=4
    )
    row = plan["outcomes"][0]["rows"][3]
    direct = evaluate(read, outcome="employment_rate", areas=NEWCASTLE_GATESHEAD, start=2019)
    win = row["windows"][0]
    assert (win["pretend_start"], win["post"]) == (2019, direct["post_years"])
    assert win["pre"] == direct["pre_years"]
    assert win["mde"] == pytest.approx(direct["did"]["mde"], abs=1e-9)
    assert plan["outcomes"][0]["pool"] == direct["default_pool"]


def test_earliest_year_is_the_first_year_the_effect_is_detectable() -> None:
    rows = [
        {"year": 2027, "post_years": 1, "mde": 5.0},
        {"year": 2028, "post_years": 2, "mde": math.nan},
        {"year": 2029, "post_years": 3, "mde": 2.9},
        {"year": 2030, "post_years": 4, "mde": 3.2},
    ]
    assert PN.earliest(rows, 3.0) == {"effect": 3.0, "year": 2029, "post_years": 3}
    assert PN.earliest(rows, -5.0)["year"] == 2027  # either sign: the size counts
    assert PN.earliest(rows, 2.0) == {"effect": 2.0, "year": None, "post_years": None}
    assert PN.earliest(rows, None) is None


def test_prereg_reproduces_the_planned_study_exactly(read, tmp_path, capsys) -> None:
    path = tmp_path / "prereg.json"
    argv = ["--areas", *NEWCASTLE_GATESHEAD, "--start", "2019", "--outcome", "employment_rate"]
    assert main(["plan", *argv, "--years", "1", "--out", str(path)]) == 0
    doc = json.loads(path.read_text())
    assert doc["sha256"] == PR.digest(doc) and doc["method_version"] == METHOD_VERSION
    assert doc["areas"] == NEWCASTLE_GATESHEAD and doc["start"] == 2019 and doc["seed"] == 0
    capsys.readouterr()
    assert main(["evaluate", "--prereg", str(path), "--json"]) == 0
    (got,) = json.loads(capsys.readouterr().out)
    direct = evaluate(
        read,
        outcome="employment_rate",
        areas=NEWCASTLE_GATESHEAD,
        start=2019,
        pool=doc["outcomes"][0]["pool"],
    )
    for key in ("estimate", "ci_low", "ci_high", "p_value", "mde", "level", "n_placebos"):
        assert got["did"][key] == direct["did"][key], key
    assert got["pool"] == direct["pool"] and not got["pool_edited"]
    assert got["preregistration"]["deviations"] == []


def test_a_changed_prereg_is_refused_in_one_line(read, tmp_path, capsys) -> None:
    plan = PN.plan(
        read, outcomes=["employment_rate"], areas=NEWCASTLE_GATESHEAD, start=2019, years=1
    )
    doc = PR.build(plan, fingerprint="test", method_version=METHOD_VERSION)
    assert PR.load(PR.dumps(doc))["sha256"] == doc["sha256"]
    doc["outcomes"][0]["pool"] = doc["outcomes"][0]["pool"][:-1] + ["E08000024"]  # Sunderland in
    path = tmp_path / "tampered.json"
    path.write_text(PR.dumps(doc))
    with pytest.raises(PR.PreregError, match="changed after it was registered"):
        PR.load(path.read_text())
    capsys.readouterr()
    assert main(["evaluate", "--prereg", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "sha256" in err and "Traceback" not in err
    path.write_text("{not json")
    assert main(["evaluate", "--prereg", str(path)]) == 2
    assert "is not JSON" in capsys.readouterr().err
    hollow = {"format": PR.FORMAT, "start": 2019}  # a correct hash over too little
    path.write_text(PR.dumps(hollow | {"sha256": PR.digest(hollow)}))
    assert main(["evaluate", "--prereg", str(path)]) == 2
    assert "lacks fields" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--areas", "E08000021", "--start", "2019", "--outcome", "nope"], "unknown outcome"),
        (["--areas", "X123", "--start", "2019", "--outcome", "he19_all"], "unknown area code"),
        (["--areas", "E08000021", "--outcome", "he19_all"], "--areas needs --start"),
        (["--iv", "NOPE", "--outcome", "he19_all"], "unknown intervention"),
        (["--iv", "NE-REP", "--areas", "E08000021", "--outcome", "he19_all"], "either --iv"),
        (["--iv", "NE-REP", "--outcome", "he19_all", "--years", "0"], "1 to 15 years"),
        (["--iv", "NE-REP", "--outcome", "he19_all", "--start", "3000"], "not a plausible"),
        (["--iv", "NE-REP", "--outcome", "he19_all", "--effect", "0"], "an effect of 0 cannot"),
        (["--iv", "NE-REP", "--outcome", "he19_all", "--effect", "nan"], "give its size"),
    ],
)
def test_plan_bad_input_one_line_exit_2(warehouse, capsys, argv, says) -> None:
    assert main(["plan", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert says in err and err.count("\n") == 0 and err.startswith("PLAN FAILED")


def test_plan_cli_prints_the_table_and_the_earliest_year(warehouse, capsys) -> None:
    argv = [
        "plan",
        "--iv",
        "NE-REP",
        "--outcome",
        "employment_rate",
        "--effect",
        "4",
        "--years",
        "3",
    ]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "North East Regional Education Partnership" in out and "2026  1" in out
    assert "An effect of 4 percentage points on Employment rate" in out


def test_lpips_english_planned_outside_england_refused_with_alternatives(read) -> None:
    memo: dict = {}
    yh = PN.plan(read, outcomes=["employment_rate"], iv="LPIP-YH", years=2, memo=memo)
    (o,) = yh["outcomes"]
    assert not o["refused"] and len(o["treated"]) == 15
    assert all(math.isfinite(r["mde"]) for r in o["rows"]) and o["rows"][0]["year"] == 2025
    wa = PN.plan(read, outcomes=["he19_all"], iv="LPIP-WA", years=1, memo=memo)
    (o,) = wa["outcomes"]
    assert o["refused"]  # HE entry by 19 is published for England only
    cands = ["he19_all", "ks4_att8_all", "employment_rate", "claimant_rate"]
    alt = PN.alternatives(read, "LPIP-WA", None, memo, cands)
    assert "he19_all" not in alt and "ks4_att8_all" not in alt
    with pytest.raises(PR.StudyError, match="nothing to pre-register"):
        PR.build(wa, fingerprint="test", method_version=METHOD_VERSION)


def test_page_section_plans_the_ne_rep(open_page) -> None:
    at = open_page("before_after", iv="NE-REP")
    assert not at.exception, [e.message for e in at.exception]
    assert "Plan an evaluation" in [e.label for e in at.expander]
    tables = [d.value for d in at.dataframe if "Year of data" in d.value.columns]
    assert tables, "no MDE table"
    table = tables[0]
    first = table.iloc[0]
    assert (
        first["Year of data"] == 2027
    )  # Attainment 8 (the programme's outcome), 2025 + 2-year lag
    mde = first.iloc[2]  # as the page prints it, two decimals
    text = "\n".join(m.value for m in at.markdown)
    assert f"(2027), the comparison would detect a change of ±{mde} points" in text
    unread = table[table["Past windows (pretend starts)"] == "none"]  # the series is too short
    assert len(unread) and (unread.iloc[:, 2] == "no past window").all()  # not "None"
    assert (unread.iloc[:, 3] == "–").all() and set(table.iloc[:, 3]) <= {"yes", "no", "–"}
    assert [b.label for b in at.get("download_button") if "pre-registration" in b.label]
    assert any("sha256" in c.value for c in at.caption)
    at.selectbox(key="pl_iv").set_value("LPIP-WA").run()
    assert not at.exception, [e.message for e in at.exception]
    shown = "\n".join(w.value for w in at.warning) + "\n".join(m.value for m in at.markdown)
    assert "Employment rate" in shown


def test_page_section_waits_to_be_asked_on_a_running_intervention(open_page) -> None:
    at = open_page("before_after", iv="CUA-NCL")
    assert not at.exception, [e.message for e in at.exception]
    assert not [d for d in at.dataframe if "Year of data" in d.value.columns]
    at.toggle(key="pl_on").set_value(True).run()
    assert not at.exception, [e.message for e in at.exception]
    assert [d for d in at.dataframe if "Year of data" in d.value.columns]
