"""Pre-registration: a plan's design fixed now, as a JSON file with the sha256 of its content,
and the later evaluation that uses it unchanged.

The sha256 is taken over the *canonical* content — every field except ``sha256`` itself, written
by ``json.dumps(..., sort_keys=True, separators=(",", ":"), ensure_ascii=False)`` in UTF-8 — so
whitespace and key order in the file do not matter, but any changed value does. ``evaluate``
refuses a file whose content no longer matches its sha256, then runs the engine's own
``evaluate`` with the registered areas (or intervention), start, outcome, comparator pool and
seed, and lists every deviation from the registration (a newer engine, a changed register)
beside the result instead of hiding it. No Streamlit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math

from atlas.evidence.frames import StudyError
from atlas.evidence.placebo import DRAWS, POWER

FORMAT = "civic-atlas-preregistration/1"
COMPARATOR_RULE = (
    "the eligible areas (twice the number of programme areas, at least 40) nearest the programme "
    "areas on the outcome's level and trend over the years published before the start (and the "
    "IMD 2019 average score where use_imd is true), fixed here by code and used unchanged"
)
EXCLUSION_RULE = (
    "never comparators: areas touching a programme area, and areas of a programme of the same "
    "family running within three years of the start (each listed with its reason)"
)
PLACEBO_RULE = (
    "the engine's calibrated placebo inference (method_version): one programme area - its 99 "
    "nearest eligible areas on the pre-start features (fewer when fewer are eligible), each in "
    "turn; several - 199 groups with "
    "the programme's regional pattern, each member of the same rank in its region on the last "
    "pre-start value as a programme area, drawn with this seed, their band at least Student's t "
    "over the regions they are drawn in (G - 1 degrees of freedom for G regions when the "
    "programme's areas sit in the outer fifth of their regions on the last pre-start value or "
    "on deprivation, else Satterthwaite's); each placebo chooses its own comparators by the rule "
    "above, never the programme's areas nor those touching them; the interval at 96% (at least "
    "95% when fewer placebos remain)"
)


class PreregError(StudyError):
    """A pre-registration file that cannot be used (unreadable, changed, or out of date)."""


def canonical(content: dict) -> bytes:
    body = {k: v for k, v in content.items() if k != "sha256"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest(content: dict) -> str:
    return hashlib.sha256(canonical(content)).hexdigest()


def _num(x) -> float | None:
    return None if x is None or not math.isfinite(float(x)) else round(float(x), 4)


def build(plan: dict, *, fingerprint: str, method_version: str, today: str | None = None) -> dict:
    """The pre-registration of a plan (``planner.plan``): every outcome that can be compared."""
    kept = [o for o in plan["outcomes"] if not o.get("refused")]
    if not kept:
        raise StudyError("nothing to pre-register: no chosen outcome can be compared here")
    outcomes = [
        {
            "indicator_id": o["indicator_id"],
            "title": o["title"],
            "geography": o["geography"],
            "lag": o["lag"],
            "treated": o["treated"],
            "pre_years_planned": o["pre_years_planned"],
            "use_imd": bool(o["use_imd"]),
            "pool": o["pool"],
            "excluded": o["excluded"],
            "mde_by_year": [
                {"year": r["year"], "post_years": r["post_years"], "mde": _num(r["mde"])}
                for r in o["rows"]
            ],
        }
        for o in kept
    ]
    doc = {
        "format": FORMAT,
        "registered": today or dt.datetime.now(dt.UTC).date().isoformat(),
        "intervention": plan["intervention"],
        "areas": plan["areas"],
        "start": plan["start"],
        "outcomes": outcomes,
        "not_registered": [
            {"indicator_id": o["indicator_id"], "reason": o["refused"]}
            for o in plan["outcomes"]
            if o.get("refused")
        ],
        "comparator_rule": COMPARATOR_RULE,
        "exclusion_rule": EXCLUSION_RULE,
        "placebo_rule": PLACEBO_RULE,
        "seed": plan["seed"],
        "placebo_draws": DRAWS,
        "power": POWER,
        "method_version": method_version,
        "warehouse_fingerprint": fingerprint,
    }
    return doc | {"sha256": digest(doc)}


def dumps(doc: dict) -> str:
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def load(text: str, name: str = "the file") -> dict:
    """A pre-registration read and verified, or ``PreregError`` in one line."""
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise PreregError(f"{name} is not JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise PreregError(f"{name} is not a Civic Atlas pre-registration ({FORMAT})")
    if doc.get("sha256") != digest(doc):
        raise PreregError(
            f"{name} was changed after it was registered: its content no longer matches its sha256"
        )
    fields = ("start", "seed", "method_version", "outcomes", "registered")
    outs = doc.get("outcomes")
    if any(k not in doc for k in fields) or not isinstance(outs, list) or not outs:
        raise PreregError(f"{name} lacks fields a pre-registration needs ({', '.join(fields)})")
    if not all(isinstance(o, dict) and {"indicator_id", "pool", "treated"} <= set(o) for o in outs):
        raise PreregError(f"{name} has an outcome without its indicator, pool or areas")
    if not (doc.get("intervention") or doc.get("areas")):
        raise PreregError(f"{name} names neither an intervention nor areas")
    return doc


def evaluate(read, doc: dict, memo: dict | None = None) -> list[dict]:
    """Every registered outcome evaluated with the registered design, deviations listed."""
    from atlas.evidence.engine import METHOD_VERSION
    from atlas.evidence.engine import evaluate as run

    memo = {} if memo is None else memo
    iv = (doc.get("intervention") or {}).get("id")
    results = []
    for o in doc["outcomes"]:
        try:
            r = run(
                read,
                outcome=o["indicator_id"],
                iv=iv,
                areas=None if iv else doc["areas"],
                start=doc["start"],
                pool=o["pool"],
                seed=doc["seed"],
                memo=memo,
            )
        except StudyError as exc:
            raise PreregError(
                f"{o['indicator_id']}: the registered design cannot run: {exc}"
            ) from None
        now = [t["area_code"] for t in r.get("treated", [])]
        if sorted(now) != sorted(o["treated"]):
            raise PreregError(
                f"{o['indicator_id']}: the programme areas changed since registration "
                f"({', '.join(o['treated'])} registered; {', '.join(now) or 'none'} now)"
            )
        deviations = []
        if doc["method_version"] != METHOD_VERSION:
            deviations.append(
                f"the engine is {METHOD_VERSION}; the registration used {doc['method_version']}"
            )
        registered = {e["area_code"] for e in o["excluded"]}
        current = {e["area_code"] for e in r.get("excluded", [])}
        if "excluded" in r and registered != current:
            added, dropped = sorted(current - registered), sorted(registered - current)
            deviations.append(
                "exclusions differ from the registration"
                + (f"; now also excluded: {', '.join(added)}" if added else "")
                + (f"; no longer excluded: {', '.join(dropped)}" if dropped else "")
            )
        r["preregistration"] = {
            "sha256": doc["sha256"],
            "registered": doc["registered"],
            "deviations": deviations,
        }
        results.append(r)
    return results
