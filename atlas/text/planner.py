"""Words for an evaluation plan (``atlas.evidence.planner.plan``): the sentences the page and the
command line share, every figure taken from the plan. Imports nothing of ours but formatting."""

from __future__ import annotations

import math

from atlas.text.formatting import plural


def _mde(x: float | None) -> str:
    return "–" if x is None or not math.isfinite(x) else f"±{x:.2f}"


def mde_sentence(o: dict) -> str:
    """How the smallest detectable effect falls as data arrive, in one sentence."""
    rows = [r for r in o.get("rows", []) if r["mde"] is not None and math.isfinite(r["mde"])]
    if not rows:
        return f"{o['title']}: too few published years to read what this design could detect."
    first, last, unit = rows[0], rows[-1], o["unit_words"]
    text = (
        f"With one year of {o['title']} after the {o['lag']}-year lag ({first['year']}), the "
        f"comparison would detect a change of {_mde(first['mde'])} {unit} {o['power']:.0%} of the time"
    )
    if last is not first:
        text += f"; with {plural(last['post_years'], 'year')} ({last['year']}), {_mde(last['mde'])}"
    if len(rows) < len(o["rows"]):
        text += (
            f" (the published series is too short for a past window of {last['post_years'] + 1} "
            "or more years)"
        )
    return text + "."


def earliest_sentence(o: dict) -> str | None:
    e = o.get("earliest")
    if not e:
        return None
    unit = o["unit_words"]
    if e["year"] is None:
        rows = o.get("rows", [])
        until = rows[-1]["year"] if rows else "the years planned"
        return (
            f"An effect of {e['effect']:g} {unit} on {o['title']} would not be reliably "
            f"detectable by {until}."
        )
    return (
        f"An effect of {e['effect']:g} {unit} on {o['title']} becomes detectable with the "
        f"{e['year']} data ({plural(e['post_years'], 'year')} after the lag)."
    )


def refusal_sentence(o: dict) -> str:
    alt = o.get("alternatives")
    text = f"{o['title']}: {o['refused']}"
    if alt is not None:
        text += (
            " Outcomes that can be compared for these areas: " + ", ".join(alt) + "."
            if alt
            else " No outcome can be compared for these areas yet."
        )
    return text


def plan_lines(plan: dict) -> list[str]:
    """The plan as plain text lines (the command line's output)."""
    who = plan["intervention"]["name"] if plan["intervention"] else ", ".join(plan["areas"])
    lines = [f"Plan: {who}, start {plan['start']}"]
    for o in plan["outcomes"]:
        lines.append("")
        if o["refused"]:
            lines.append(refusal_sentence(o))
            continue
        lines.append(
            f"{o['title']} ({o['indicator_id']}): {plural(len(o['treated']), 'programme area')}, "
            f"{plural(len(o['pool']), 'comparator')} fixed now, "
            f"{plural(len(o['excluded']), 'area')} excluded; lag {plural(o['lag'], 'year')}"
        )
        head = f"MDE, {o['power']:.0%} power ({o['unit_words']})"
        lines.append(
            f"  {'year':<6}{'years after lag':<17}{head:<{len(head) + 2}}past windows (pretend starts)"
        )
        for r in o["rows"]:
            wins = ", ".join(str(w["pretend_start"]) for w in r["windows"]) or "none fit"
            lines.append(
                f"  {r['year']:<6}{r['post_years']:<17}{_mde(r['mde']):<{len(head) + 2}}{wins}"
            )
        lines.append(mde_sentence(o))
        if sentence := earliest_sentence(o):
            lines.append(sentence)
    return lines
