"""Comparator sets (issue 21): DfE neighbours, ONS similar areas and clusters, and "like this on the
outcome", as a choice on Compare (in the URL), in the export CLI and as a before/after pool."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import duckdb
import pytest
from conftest import ROOT
from test_exports import cli

from atlas.evidence import comparator_sets as CS

NEWCASTLE = "E08000021"


def published(warehouse, neighbour_set: str, code: str = NEWCASTLE) -> list[str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return [
            r[0]
            for r in con.execute(
                "select neighbour_code from marts.statistical_neighbours where area_code = $a "
                "and neighbour_set = $s order by rank",
                {"a": code, "s": neighbour_set},
            ).fetchall()
        ]


def test_every_ons_variant_and_the_clusters_are_in_the_warehouse(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        sets = dict(
            con.execute(
                "select neighbour_set, count(distinct area_code) from marts.statistical_neighbours "
                "group by 1"
            ).fetchall()
        )
        clusters = con.execute(
            "select cluster_set, count(*) from marts.area_clusters group by 1 order by 1"
        ).fetchall()
    assert sets["DfE 2025"] == 153
    assert sets["ONS global"] == sets["ONS economic"] == sets["ONS demographic"] == 328
    assert clusters == [("ONS demographic", 296), ("ONS economic", 294), ("ONS global", 294)]
    assert published(warehouse, "ONS economic")[:3] != published(warehouse, "ONS demographic")[:3]


def test_compare_uses_the_chosen_set_and_keeps_it_in_the_url(open_page, warehouse):
    at = open_page(
        "compare", group="neighbours", area=NEWCASTLE, ind="ks2_rwm_lad", cset="ons_economic"
    )
    assert not at.exception, [e.message for e in at.exception]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        names = dict(con.execute("select area_code, area_name from marts.areas").fetchall())
    shown = set(at.dataframe[0].value["area_name"])
    assert shown <= {names[c] for c in [NEWCASTLE, *published(warehouse, "ONS economic")]}
    assert len(shown) >= 5 and at.query_params["cset"] in ("ons_economic", ["ons_economic"])
    assert any("ONS similar areas (economic) of Newcastle upon Tyne" in c.value for c in at.caption)


def test_no_toggle_without_published_intervals(open_page):
    at = open_page("compare", group="ne_mca", ind="he19_fsm")
    assert not at.exception and not [t for t in at.toggle if t.key == "compare_ci"]


def test_a_set_not_published_at_the_level_is_not_offered(open_page):
    at = open_page(
        "compare", group="neighbours", area=NEWCASTLE, ind="he19_fsm", cset="ons_cluster"
    )
    assert not at.exception
    picker = next(s for s in at.selectbox if s.label == "Comparator set")
    assert "ons_cluster" not in picker.options and picker.value == "outcome"


def test_confidence_interval_toggle_is_remembered_as_ci_0(open_page):
    at = open_page("compare", group="ne_mca", ind="employment_rate")
    dots = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert dots["data"][0]["error_x"].get("visible", True) is not False
    assert any(v is not None for v in dots["data"][0]["error_x"]["array"])
    at.toggle(key="compare_ci").set_value(False).run()
    assert at.query_params["ci"] in ("0", ["0"])
    at = open_page("compare", group="ne_mca", ind="employment_rate", ci="0")
    dots = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert dots["data"][0]["error_x"]["visible"] is False


def test_export_adds_the_dfe_neighbours(warehouse, tmp_path):
    out = tmp_path / "x.csv"
    run = cli(
        warehouse,
        "--indicator",
        "he19_fsm",
        "--areas",
        NEWCASTLE,
        "--comparators",
        "dfe",
        "--out",
        str(out),
    )
    assert run.returncode == 0, run.stderr
    with open(out, encoding="utf-8") as fh:
        codes = {r["area_code"] for r in csv.DictReader(fh)}
    assert codes == {NEWCASTLE, *published(warehouse, "DfE 2025")}
    sidecar = json.loads((tmp_path / "x.csv.datapackage.json").read_text())
    assert "Comparator set: dfe." in sidecar["description"]


def test_before_after_pool_is_the_sets_eligible_areas(warehouse):
    from atlas.evidence.engine import duckdb_reader, evaluate

    read = duckdb_reader(warehouse)
    first = evaluate(read, outcome="he19_all", iv="CUA-NCL", synth=False)
    pool = CS.pool_for(first, read, "dfe")
    ranked = [r["area_code"] for r in first["ranking"]]
    assert set(pool) <= set(published(warehouse, "DfE 2025")) and len(pool) >= 2
    assert pool == [c for c in ranked if c in set(pool)]  # the engine's order
    again = evaluate(read, outcome="he19_all", iv="CUA-NCL", pool=pool, synth=False)
    assert again["pool"] == pool and again["pool_edited"]
    assert CS.pool_for(first, read, "outcome") is None


@pytest.mark.parametrize(("cset", "says"), [("bogus", "unknown comparator set 'bogus'")])
def test_evaluate_refuses_an_unknown_set_in_one_line(warehouse, cset, says):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines",
            "evaluate",
            "--iv",
            "CUA-NCL",
            "--outcome",
            "he19_all",
            "--comparators",
            cset,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"CIVIC_ATLAS_WAREHOUSE": str(warehouse), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 2 and says in run.stderr and "Traceback" not in run.stderr


def test_profile_trend_hides_its_interval_band_with_ci_0(open_page):
    """The same toggle on the profile's trend chart (employment rate publishes 95% intervals)."""
    shown = open_page("profile", area=NEWCASTLE, ind="employment_rate")
    band = json.loads(shown.get("plotly_chart")[0].proto.spec)["data"]
    assert any(t.get("legendgroup") == "ci" for t in band)
    hidden = open_page("profile", area=NEWCASTLE, ind="employment_rate", ci="0")
    assert not hidden.exception
    lines = json.loads(hidden.get("plotly_chart")[0].proto.spec)["data"]
    assert not any(t.get("legendgroup") == "ci" for t in lines)
    assert len(lines) == len(band) - 2  # the band's two edges gone, every line kept


def test_before_after_starts_from_the_chosen_set(open_page, warehouse):
    at = open_page("before_after", iv="CUA-NCL", ind="he19_all", cset="dfe")
    assert not at.exception, [e.message for e in at.exception]
    pool = next(m for m in at.multiselect if m.label == "Comparator areas").value
    assert 2 <= len(pool) and set(pool) <= set(published(warehouse, "DfE 2025"))
    # the count said is the set's, not the engine's default 40
    assert any(c.value == f"{len(pool)} comparator areas in this comparison." for c in at.caption)
    assert not any(e.label.startswith("Comparator areas: 40") for e in at.expander)
    assert any(
        "placebo areas take their comparators from the same set" in c.value for c in at.caption
    )
    said = "The pool is DfE statistical neighbours: each placebo area or group took its comparators"
    assert any(said in m.value for m in [*at.markdown, *at.caption, *at.info])
