"""The Before and after page as a lay reader and an analyst see it (AppTest through app.py on the
real warehouse): the estimate and its range in one visible sentence, the sensitivity analysis with
its breakdown value, the evidence grade, the synthetic twin in words, analysts' terms only under
"For analysts"; and the synthetic-control chart's axis title kept out of its heading."""

from __future__ import annotations

import json

import duckdb

from atlas.charts.evidence import synth_chart


def _stored(warehouse, iv: str, ind: str) -> dict:
    con = duckdb.connect(str(warehouse), read_only=True)
    (j,) = con.execute(
        "select result_json from evidence.results where intervention_id = ? and indicator_id = ?",
        [iv, ind],
    ).fetchone()
    con.close()
    return json.loads(j)


def _visible(at) -> str:
    """Text outside the expanders: what a reader sees without opening anything."""
    hidden = {id(n) for e in at.expander for n in _walk(e)}
    parts = [
        e.value
        for kind in ("title", "subheader", "markdown", "caption", "warning", "info")
        for e in getattr(at, kind)
        if id(e) not in hidden
    ]
    return "\n".join(str(p) for p in parts) + "\n" + "\n".join(f"{m.label}" for m in at.metric)


def _walk(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _walk(child)


def test_cnua_reads_for_a_lay_reader_and_carries_the_sensitivity(open_page, warehouse):
    r = _stored(warehouse, "CUA-NCL", "he19_all")
    d, s, g = r["did"], r["sensitivity"], r["grade"]
    at = open_page("before_after", iv="CUA-NCL", ind="he19_all")
    assert not at.exception, [e.message for e in at.exception]
    seen = _visible(at)
    # the estimate with its range, in one visible sentence (figures from the stored study)
    assert (
        f"Best estimate of the change in Newcastle upon Tyne beyond similar areas: "
        f"{d['estimate']:+.1f} percentage points; anything from {d['ci_low']:+.1f} to "
        f"{d['ci_high']:+.1f} fits the data"
    ) in seen.replace("\\", "")
    # method 3: the joint pre-start test decides; the separate checks that flag on their own are
    # still named (a lay reader sees them), then how far trends could bend
    assert "On its own, the gap was already trending" in seen
    assert "taken together the checks before the start are within what chance produces" in seen
    assert f"Even if trends had stayed parallel after {s['reference_year']}" in seen
    assert f"Strength of evidence: {g['label']}." in seen and "What would raise it" in seen
    # the synthetic twin in one sentence, with a note that its areas are far from Newcastle
    assert "the mix of areas whose past best matches Newcastle upon Tyne's" in seen
    assert "None of these areas is in the North East" in seen
    # analysts' terms only under "For analysts"; the MDE sentence once; no "area(s)"
    for term in ("Level achieved", "Placebos", "p-value", "p = "):
        assert term not in seen
    assert seen.count("would reliably notice") <= 1
    assert "(s)" not in seen
    (analysts,) = [e for e in at.expander if e.label == "For analysts"]
    inner = "\n".join(str(n.value) for n in _walk(analysts) if hasattr(n, "value"))
    assert "breakdown M̄ = none" in inner.replace("\\", "")  # the breakdown value, on the page
    tables = [n.value for n in _walk(analysts) if type(n).__name__ == "Dataframe"]
    assert any("Level achieved" in t.columns for t in tables)
    sens = next(t for t in tables if "Excludes zero" in t.columns)
    assert list(sens.iloc[:, 0]) == [x["mbar"] for x in s["ranges"]]
    assert sens["Range low"].iloc[2] == round(s["ranges"][2]["low"], 2)


def test_a_drift_before_the_start_is_said_in_words_and_its_parts_for_analysts(open_page, warehouse):
    # method 10: Nottingham and Nottinghamshire's civic university agreement (two areas) is
    # "moved apart" on HE entry for its gap's drift before 2019 (the comparison at a pretend start
    # alone is within chance)
    r = _stored(warehouse, "CUA-NOTT", "he19_all")
    j = r["pre_test"]
    assert j["flag"] and j["pretend_p"] > 0.05 and j["drift_p"] <= 0.01
    at = open_page("before_after", iv="CUA-NOTT", ind="he19_all")
    assert not at.exception, [e.message for e in at.exception]
    seen = _visible(at).replace("\\", "")  # markdown's escapes
    a, b = j["drift_years"]
    way = "rose" if j["drift_slope"] > 0 else "fell"
    assert (
        f"Before the start: from {a} to {b} the programme's areas {way} about "
        f"{abs(j['drift_slope']):.2f} percentage points a year against their comparators, more "
        "drift than chance produces"
    ) in seen
    assert "p = " not in seen and "rose by about 0.0" not in seen  # plain words outside
    (analysts,) = [e for e in at.expander if e.label == "For analysts"]
    inner = "\n".join(str(n.value) for n in _walk(analysts) if hasattr(n, "value"))
    assert (
        f"its parts: the whole comparison at a pretend start, p = {j['pretend_p']:.3f}, and the "
        f"gap's drift over {a}–{b} ({j['drift_slope']:+.2f} percentage points a year), "
        f"p = {j['drift_p']:.3f}, given 20% of the test's level."
    ) in inner


def test_synthetic_chart_axis_title_stays_short(warehouse):
    r = _stored(warehouse, "CUA-NCL", "he19_all")
    fig = synth_chart(r)
    assert fig.layout.yaxis.title.text == "Per cent"  # not the outcome's long title
    assert fig.layout.margin.t >= 60


def _reading(warehouse, iv: str) -> list[str]:
    """The outcomes whose stored study of ``iv`` reads (is not a refusal)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute(
        "select indicator_id from evidence.results where intervention_id = ? "
        "and verdict <> 'refused' order by indicator_id",
        [iv],
    ).fetchall()
    con.close()
    return [r[0] for r in rows]


def test_a_link_without_an_outcome_opens_on_one_that_reads(open_page, warehouse):
    """Leading Places' Newcastle and Gateshead began in 2016, HE entry's first year: the page's
    usual first outcome can only refuse. Opened from the Partnerships page (no ``ind``) it opens on
    an outcome that reads; asked for HE entry it says why not and links the others."""
    reads = _reading(warehouse, "LP1-05")
    assert reads and "he19_all" not in reads
    at = open_page("before_after", iv="LP1-05")
    assert not at.exception
    assert at.query_params["ind"] in reads
    assert not [w for w in at.warning if "No comparison is possible" in w.value]
    at = open_page("before_after", iv="LP1-05", ind="he19_all")
    assert "No comparison is possible" in at.warning[0].value
    offered = sorted(b.key.removeprefix("ba_try_") for b in at.button if b.key.startswith("ba_try"))
    assert offered == reads
    assert f"on {len(reads)} other outcome" in _visible(at)
    at.button(key=f"ba_try_{reads[-1]}").click().run()  # the offer opens that comparison
    assert at.query_params["ind"] == reads[-1] and not at.warning
    at = open_page("before_after", iv="CUA-NCL")  # HE entry reads: still the first outcome
    assert at.query_params["ind"] == "he19_all"
