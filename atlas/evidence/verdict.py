"""One plain verdict from a fixed set of rules, read top to bottom; the first that applies wins.

1. **Refused** — no comparison could be made (a proposal, no data before or after): say why.
2. **Moved apart before** — a check before the start shows the programme areas and their
   comparators drifting apart (the pre-trend test, a pretend start two or three years early, or a
   pre-start year of the event study outside its placebo band). This no longer ends the story:
   the headline says so as a caution, then gives the estimate's direction and range at face
   value, and the sensitivity sentence says how far trends would have to bend to overturn it
   (``atlas.evidence.sensitivity``).
3. **A change beyond chance** — the interval excludes zero: say which way and how far, and that
   it may still have other causes (more so for a programme of the worst or most deprived areas
   of their regions, which the validation finds read as "changed" more often with no effect).
   When the checks before the start could not run, or the areas are at the edge of their
   regions, "changed" needs the wider band the engine gives for it (``did.verdict_level``, 98%:
   method 9, ``atlas.evidence.bar``); a change beyond the interval's band but within that one is
   "not enough to say it changed", with the reason.
4. **No detectable change** — say so, with the smallest effect the design could reliably see, so
   that "no evidence" is not read as "no effect".

A check that could not be computed (too few years before the start) is named in ``unrun`` and in
the headline, never passed silently; it also lowers the evidence grade (``atlas.evidence.grade``).
When the engine gives ``pre_test`` (one combined pre-start test with its named checks) the verdict
reads it; otherwise it reads ``pre_trend``, ``placebo_starts`` and ``event`` itself.
A second sentence compares the synthetic control when it was run.
"""

from __future__ import annotations

import math

from atlas.evidence.bar import why_words
from atlas.evidence.sensitivity import sentence as sensitivity_sentence
from atlas.text.formatting import finite, plural

RULES = ("refused", "moved_apart", "changed", "no_change")
#: a change for areas chosen as the worst or most deprived of their regions (``did.at_the_edge``):
#: in ``make validate`` every scenario read as "changed" with no effect in more than 5% of its
#: studies is such a group: the places chosen moved for reasons of their own (docs/evidence.md)
EDGE_WORDS = (
    " Its areas are among the worst or most deprived of their regions, and places chosen that way"
    " often move differently from similar areas for reasons of their own: this is weaker evidence"
    " of the programme's effect than the range alone suggests."
)


def _where(n: int) -> str:
    return "the programme area" if n == 1 else f"the {n} programme areas"


def _amount(x: float, unit: str) -> str:
    return f"{abs(x):.1f} {unit}".strip()


def checks(r: dict) -> list[dict]:
    """Every pre-start check as ``{name, ran, reason, flag, finding}``: from ``pre_test`` when the
    engine gives it, else from the pre-trend test, the pretend starts and the event study."""
    if r.get("pre_test"):
        return [{"finding": ""} | c for c in r["pre_test"]["checks"]]
    unit, out = r["outcome"]["unit_words"], []
    pt = r["pre_trend"]
    n = pt.get("n_years", 3)
    out.append(
        {
            "name": "pre-trend test",
            "ran": finite(pt.get("slope")),
            "reason": f"only {plural(n, 'year')} before the start: the trend before it could not "
            "be checked (it needs three)",
            "flag": bool(pt.get("differ")),
            "finding": f"the gap was already trending by {pt.get('slope', 0):+.2f} {unit} a year "
            "before the start",
        }
    )
    for p in r["placebo_starts"]:
        out.append(
            {
                "name": f"pretend start {p['fake_start']}",
                "ran": finite(p.get("estimate")),
                "reason": f"a pretend start in {p['fake_start']} could not be tried: it needs "
                "years before the start on both sides of it",
                "flag": bool(p.get("significant")),
                "finding": f"a pretend start in {p['fake_start']} already shows a change of "
                f"{p.get('estimate', 0):+.1f} {unit}",
            }
        )
    pre = [e for e in r["event"] if e["period"] == "pre"]
    outside = [e["year"] for e in pre if e.get("outside_band")]
    ref = r.get("reference_year")
    compared = [e for e in pre if e["year"] != ref and e.get("comparable", True)]
    out.append(
        {
            "name": "event study before the start",
            "ran": bool(compared) or not pre,
            "reason": "no year before the start could be compared with the year just before it",
            "flag": bool(outside),
            "finding": "the gap in " + ", ".join(map(str, outside)) + " was outside what chance "
            "produces",
        }
    )
    return out


def unrun_reasons(unrun: list[dict]) -> list[str]:
    """Why each check could not run, pretend starts said once ('pretend starts in 2016 and 2015')."""
    fake = [c["name"].split()[-1] for c in unrun if c["name"].startswith("pretend start")]
    out = [c["reason"] for c in unrun if not c["name"].startswith("pretend start")]
    if len(fake) > 1:
        out.append(
            f"pretend starts in {' and '.join(fake)} could not be tried: they need years "
            "before the start on both sides of them"
        )
    else:
        out += [c["reason"] for c in unrun if c["name"].startswith("pretend start")]
    return _said_once(out)


def _said_once(reasons: list[str]) -> list[str]:
    """Reasons that open alike ('only 2 years before the start: ...') joined under one opening."""
    out: list[str] = []
    for r in reasons:
        head, _, rest = r.partition(": ")
        if rest and out and out[-1].startswith(head + ": "):
            out[-1] += " and " + rest
        else:
            out.append(r)
    return out


def _unrun_sentence(unrun: list[dict]) -> str:
    return " Not checked: " + "; ".join(unrun_reasons(unrun)) + "."


def _face_value(r: dict, n: int) -> str:
    did, unit, title = r["did"], r["outcome"]["unit_words"], r["outcome"]["title"]
    way = "rose" if did["estimate"] > 0 else "fell"
    rng = (
        f" (range {did['ci_low']:+.1f} to {did['ci_high']:+.1f})"
        if finite(did.get("ci_low"))
        else ""
    )
    moved = f"{way} by about {_amount(did['estimate'], unit)} more in {_where(n)} than in similar areas{rng}"
    if round(abs(did["estimate"]), 1) == 0:  # not "rose by about 0.0"
        apart = f"less than {_amount(0.1, unit)} apart" + (f"; {rng[2:-1]}" if rng else "")
        moved = f"changed about as much in {_where(n)} as in similar areas ({apart})"
    return (
        f"Taken at face value, {title[:1].lower() + title[1:]} {moved}, "
        + ("beyond" if did["significant"] else "within")
        + " what chance produces."
    )


def _asks_more(did: dict) -> str:
    """Why the smallest change it could see is read at a wider band than its range (method 9)."""
    if not did.get("verdict_why") or not finite(did.get("level")):
        return ""
    return (
        f" To say it changed, it asks for {_beyond(did)}, not {round(100 * did['level'])}, "
        f"because {why_words(did)}."
    )


def _beyond(did: dict) -> str:
    """The wider band "changed" needs, in words (method 9)."""
    return f"a change larger than chance produces {round(100 * did['verdict_level'])} times in 100"


def _not_enough(r: dict, n: int) -> str:
    """A change beyond the interval's band but not beyond the wider one "changed" needs when
    trends before the start could not be checked or the areas are at the edge of their regions
    (method 9, ``atlas.evidence.bar``)."""
    did, unit, title = r["did"], r["outcome"]["unit_words"], r["outcome"]["title"]
    way = "rose" if did["estimate"] > 0 else "fell"
    return (
        f"Not enough to say it changed: after the programme began, {title[:1].lower() + title[1:]} "
        f"{way} by about {_amount(did['estimate'], unit)} more in {_where(n)} than in similar "
        f"areas. That is more than chance usually produces, but {why_words(did)}, so this "
        f"comparison asks for {_beyond(did)}: this one is not. It would reliably notice a change "
        f"of about ±{_amount(did['mde'], unit)}."
    )


def _synth_second(r: dict) -> str | None:
    synth, did, unit = r.get("synth"), r["did"], r["outcome"]["unit_words"]
    if not synth:
        return None
    same_sign = math.copysign(1, synth["effect"]) == math.copysign(1, did["estimate"])
    where = ("beyond" if synth["significant"] else "within") + " what chance produces"
    if synth["significant"] != did["significant"] or (
        not same_sign and (synth["significant"] or did["significant"])
    ):
        return (
            f"The synthetic-control comparison disagrees: it puts the change at "
            f"{synth['effect']:+.1f} {unit}, {where}, so treat this reading with extra caution."
        )
    return f"The synthetic-control comparison agrees ({synth['effect']:+.1f} {unit}, {where})."


def _separate_flags(r: dict) -> list[str]:
    """What the separate checks (pre-trend, pretend starts, event-study years) found on their own,
    read from their own fields even when the joint test decides."""
    if not all(k in r for k in ("pre_trend", "placebo_starts", "event")):
        return []
    legacy = checks({k: v for k, v in r.items() if k != "pre_test"})
    return [c["finding"] or c["name"] for c in legacy if c["ran"] and c["flag"]]


def verdict(r: dict) -> dict:
    """``r`` is a study result (atlas.evidence.engine). Returns rule, headline and reasons."""
    if r.get("problem"):
        return {
            "rule": "refused",
            "headline": r["problem"],
            "reasons": [],
            "unrun": [],
            "unchecked": [],
        }
    did, unit = r["did"], r["outcome"]["unit_words"]
    n = len(r["treated"])
    found = checks(r)
    unrun = [c for c in found if not c["ran"]]
    flagged = (r["pre_test"]["flag"]) if r.get("pre_test") else any(c["flag"] for c in found)
    reasons = [c["finding"] or c["name"] for c in found if c["ran"] and c["flag"]]
    separate = _separate_flags(r)
    if flagged and not reasons:  # the joint test decides; the separate checks say where
        reasons = separate or [
            "taken together, the checks before the start show the gap moving beyond what chance "
            "produces"
        ]
    title = r["outcome"]["title"]
    if flagged:
        head = (
            "Areas moved apart before the programme began, so read this comparison with caution. "
            + _face_value(r, n)
        )
        rule = "moved_apart"
    elif did["significant"] and not did.get("verdict_significant", True):
        head = _not_enough(r, n)
        rule = "no_change"
    elif did["significant"]:
        way = "rose" if did["estimate"] > 0 else "fell"
        head = (
            f"After the programme began, {title[:1].lower() + title[1:]} {way} by about "
            f"{_amount(did['estimate'], unit)} more in {_where(n)} than in similar areas — more "
            "than chance alone usually produces. It may still have other causes."
            + (EDGE_WORDS if did.get("at_the_edge") else "")
        )
        rule = "changed"
    else:
        head = (
            f"No clear change: {_where(n)} moved about as much as similar areas. "
            f"This comparison would reliably notice a change of about "
            f"±{_amount(did['mde'], unit)}; smaller effects would go unseen." + _asks_more(did)
        )
        rule = "no_change"
    short = head
    if rule == "moved_apart" and reasons:
        head += " Before the start: " + "; ".join(reasons) + "."
    if not flagged and r.get("pre_test") and separate:
        head += (
            " On its own, " + "; ".join(separate) + " — but taken together the checks before the "
            "start are within what chance produces."
        )
    if unrun:
        head += _unrun_sentence(unrun)
    return {
        "rule": rule,
        "headline": head,
        "short": short,
        "second": _synth_second(r) if rule != "moved_apart" else None,
        "sensitivity": sensitivity_sentence(r),
        "reasons": reasons,
        "unrun": [{"name": c["name"], "reason": c["reason"]} for c in unrun],
        "unchecked": [c["reason"] for c in unrun],
        "n_areas": plural(n, "programme area"),
    }
