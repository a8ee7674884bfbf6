"""The evidence grade: where a result stands on the Maryland Scientific Methods Scale (SMS) as the
What Works Centre for Local Economic Growth uses it to score evaluations (levels 1–5):

1. a before/after of the treated places, or a comparison at one time, without controls;
2. the same with adequate control variables, or a comparison group that is not shown to be alike;
3. before and after, against a comparison group whose choice is justified and shown to be alike
   (difference-in-differences on matched areas, with the pre-start checks passed);
4. quasi-random variation in who was treated (a cut-off, an instrument, a random roll-out);
5. random assignment.

This engine reaches level 3 at most: comparators matched on the outcome's level and trend (and
deprivation) before the start, with calibrated placebo inference. The grade drops to 2 when a
pre-start check shows the areas moving apart, or when a check could not be run at all (a
comparison group not shown to be alike is not justified). A refused study has no grade; the Social
Mobility Commission's own two-period reading, with no comparison group, is level 1.
Each grade comes with one line why and one line on what would raise it.
"""

from __future__ import annotations

from atlas.evidence.verdict import checks, unrun_reasons

SCALE = "Maryland Scientific Methods Scale"
RAISE_TO_4 = (
    "Level 4 needs places chosen in a way unrelated to their prospects: a lottery, a phased random "
    "roll-out, or a published cut-off score so that places just either side can be compared."
)


def _level(n: int | None, why: str, lift: str) -> dict:
    label = f"Level {n} of 5 on the {SCALE}" if n else f"Not graded on the {SCALE}"
    return {"level": n, "label": label, "why": why, "raise": lift}


def grade(r: dict) -> dict:
    """The grade of a study result (``atlas.evidence.engine.evaluate``)."""
    if r.get("problem") or not r.get("did"):
        return _level(
            None,
            "No comparison could be made, so there is no evidence to grade.",
            "A graded comparison needs the outcome for these areas both before the start and "
            "after its lag.",
        )
    found = checks(r)
    unrun = [c for c in found if not c["ran"]]
    moved = r["pre_test"]["flag"] if r.get("pre_test") else any(c["flag"] for c in found)
    if moved:
        return _level(
            2,
            "The comparison areas were moving apart from the programme's before it began, so they "
            "are not shown to be a fair comparison.",
            "Level 3 needs comparison areas whose trends matched before the start, for example "
            "areas picked by the programme's own selection rule, or more years before the start.",
        )
    if unrun:
        return _level(
            2,
            "Compared with matched areas, but "
            + "; ".join(unrun_reasons(unrun))
            + ", so the comparison is not shown to be fair.",
            "Level 3 needs enough years of the outcome before the start to check that the "
            "comparison areas moved alike (three for the trend test, five for pretend starts).",
        )
    return _level(
        3,
        "Before and after, against matched areas without the programme whose trends before the "
        "start were checked and alike.",
        RAISE_TO_4,
    )


def of(r: dict) -> dict:
    """The grade stored with a result, or computed (a refused study stores none)."""
    return r.get("grade") or grade(r)


def before_after_only() -> dict:
    """A two-period before/after of the programme's places alone (the SMC's own reading)."""
    return _level(
        1,
        "A before/after of the programme's own places, with no comparison group.",
        "Level 3 needs a comparison with similar places without the programme, as above.",
    )
