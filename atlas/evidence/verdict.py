"""One plain verdict from a fixed set of rules, read top to bottom; the first that applies wins.

1. **Refused** — no comparison could be made (a proposal, no data before or after): say why.
2. **Moved apart before** — the pre-period gap has a trend beyond what placebos show, a pretend
   start two or three years early already shows a significant 'effect', or a pre-period year of
   the event study lies outside its placebo band: "Areas moved apart before the programme began,
   so this comparison cannot show its effect."
3. **A change beyond chance** — the interval excludes zero: say which way and how far, and that
   it may still have other causes.
4. **No detectable change** — say so, with the smallest effect the design could reliably see, so
   that "no evidence" is not read as "no effect".

A second sentence compares the synthetic control when it was run: agreement, or disagreement in
sign or significance. The analyst's figures live under "For analysts" on the page.
"""

from __future__ import annotations

import math

from atlas.text.formatting import plural

RULES = ("refused", "moved_apart", "changed", "no_change")


def _where(n: int) -> str:
    return "the programme area" if n == 1 else f"the {n} programme areas"


def _amount(x: float, unit: str) -> str:
    return f"{abs(x):.1f} {unit}".strip()


def _joint(joint: dict | None, reasons: list[str]) -> list[str]:
    """Method 3: the one joint pre-period test decides; the separate checks only explain it."""
    if joint is None:
        return reasons
    if not joint["flag"]:
        return []
    return reasons or [
        "the gap's trend before the start was beyond what chance produces "
        f"(p = {joint['p_value']:.2f})"
    ]


def verdict(r: dict) -> dict:
    """``r`` is a study result (atlas.evidence.engine). Returns rule, headline and reasons."""
    if r.get("problem"):
        return {"rule": "refused", "headline": r["problem"], "reasons": []}
    did, unit = r["did"], r["outcome"]["unit_words"]
    n = len(r["treated"])
    reasons = []
    pt = r["pre_trend"]
    if pt.get("differ"):
        reasons.append(
            f"the gap was already trending by {pt['slope']:+.2f} {unit} a year before the start"
        )
    for p in r["placebo_starts"]:
        if p.get("significant"):
            reasons.append(
                f"a pretend start in {p['fake_start']} already shows a change of "
                f"{p['estimate']:+.1f} {unit}"
            )
    outside = [e["year"] for e in r["event"] if e["period"] == "pre" and e.get("outside_band")]
    if outside:
        reasons.append(
            "the gap in " + ", ".join(map(str, outside)) + " was outside what chance produces"
        )
    title = r["outcome"]["title"]
    joint = r.get("pre_test")
    reasons = _joint(joint, reasons)
    if reasons:
        head = "Areas moved apart before the programme began, so this comparison cannot show its effect."
        rule = "moved_apart"
    elif did["significant"]:
        way = "rose" if did["estimate"] > 0 else "fell"
        head = (
            f"After the programme began, {title[:1].lower() + title[1:]} {way} by about "
            f"{_amount(did['estimate'], unit)} more in {_where(n)} than in similar areas — more "
            "than chance alone usually produces. It may still have other causes."
        )
        rule = "changed"
    else:
        head = (
            f"No clear change: {_where(n)} moved about as much as similar areas. "
            f"This comparison would reliably notice a change of about "
            f"±{_amount(did['mde'], unit)}; smaller effects would go unseen."
        )
        rule = "no_change"
    synth = r.get("synth")
    second = None
    if synth and rule != "moved_apart":
        same_sign = math.copysign(1, synth["effect"]) == math.copysign(1, did["estimate"])
        if synth["significant"] != did["significant"] or (
            not same_sign and (synth["significant"] or did["significant"])
        ):
            second = (
                f"The synthetic-control comparison disagrees: it puts the change at "
                f"{synth['effect']:+.1f} {unit}, "
                + ("beyond" if synth["significant"] else "within")
                + " what chance produces, so treat this reading with extra caution."
            )
        else:
            second = (
                f"The synthetic-control comparison agrees ({synth['effect']:+.1f} {unit}, "
                + ("beyond" if synth["significant"] else "within")
                + " what chance produces)."
            )
    if rule == "moved_apart":
        head += " In short: " + "; ".join(reasons) + "."
    unchecked = [c["reason"] for c in (joint or {}).get("checks", []) if not c["ran"]]
    return {
        "unchecked": unchecked,
        "rule": rule,
        "headline": head,
        "second": second,
        "reasons": reasons,
        "n_areas": plural(n, "programme area"),
    }
