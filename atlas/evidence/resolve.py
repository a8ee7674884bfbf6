"""The first step of a before/after study: what is being compared. The outcome and register (read
once per ``memo``), the result's header, the treated areas of an intervention or of a list of codes,
the start year, and the refusals that need no arithmetic (no areas, outside England, nothing after
the lag yet). No Streamlit."""

from __future__ import annotations

import pandas as pd

from atlas.evidence import study as S
from atlas.evidence.frames import StudyError


def inputs(read: S.Reader, memo: dict, outcome: str, iv: str | None):
    """The outcome (and the register, for an intervention), read once per ``memo``."""
    try:
        if ("outcome", outcome) not in memo:
            memo["outcome", outcome] = S.load_outcome(read, outcome)
        out = memo["outcome", outcome]
    except KeyError:
        raise StudyError(f"unknown outcome '{outcome}' (see --list-outcomes)") from None
    if iv and "register" not in memo:
        memo["register"] = S.load_register(read)
    return out, (memo.get("register") if iv else None)


def header(out: S.Outcome, add_effect: float, method_version: str) -> dict:
    meta = out.meta
    return {
        "method_version": method_version,
        "outcome": {k: meta[k] for k in ("indicator_id", "title", "unit", "geography", "family")}
        | {
            "unit_words": out.unit_words,
            "first_year": int(meta["first_year"]),
            "last_year": int(meta["last_year"]),
        },
        "intervention": None,
        "problem": None,
        "warnings": [],
        "notes": [],
        "add_effect": add_effect,
        "lag": out.lag,
        "lag_why": out.lag_why,
        "breaks": out.breaks.to_dict("records"),
        "dropped_years": out.drops,
    }


def from_register(reg: S.Register, iv: str, geo: str, start: int | None, result: dict):
    """An intervention's treated areas and start year (the register's unless given)."""
    if iv not in reg.interventions.index:
        raise StudyError(f"unknown intervention '{iv}'")
    row = reg.interventions.loc[iv]
    result["intervention"] = {
        "id": iv,
        "name": row["name"],
        "programme_group": row["programme_group"],
        "family": S.family_of(reg, row["programme_group"]),
    }
    if start is None:
        if pd.isna(row["start_year"]):
            raise StudyError(f"intervention '{iv}' has no start year in the register")
        start = int(row["start_year"])
    return S.treated_areas(reg, iv, geo), start


def from_codes(read: S.Reader, memo: dict, areas: list[str] | None, geo: str, names: dict):
    """Ad hoc treated areas: known codes, moved up to their upper-tier authority when needed."""
    if not areas:
        raise StudyError("give an intervention or at least one area code")
    if "areas" not in memo:
        memo["areas"] = read("common_areas")
    known = memo["areas"].set_index("area_code")
    bad = [a for a in areas if a not in known.index]
    if bad:
        raise StudyError(f"unknown area code(s): {', '.join(bad)}")
    codes = sorted(
        {known.loc[a, "utla_code"] if geo == "utla" and a not in names else a for a in areas}
    )
    if miss := [c for c in codes if c not in names]:
        raise StudyError(
            f"no {geo} value for {', '.join(miss)}: the outcome is published for "
            f"{'upper-tier authorities' if geo == 'utla' else 'districts'}"
        )
    return pd.DataFrame(
        {
            "area_code": codes,
            "area_name": [names[c] for c in codes],
            "districts": [names[c] for c in codes],
        }
    )


def check_start(start: int | None) -> int:
    if start is None:
        raise StudyError("give a start year")
    if not 1990 <= start <= 2100:
        raise StudyError(f"start year {start} is not a plausible year")
    return int(start)


def outside_england(tcodes: list[str]) -> bool:
    return any(not c.startswith("E") for c in tcodes)


def uk_inputs(read: S.Reader, memo: dict, outcome: str, tcodes: list[str], result: dict):
    """For areas outside England: the outcome over the whole UK (comparators and placebos from
    every nation, a nation playing the role of a region), or a refusal naming the outcomes that
    would work instead."""
    if outcome not in S.UK_OUTCOMES:
        ok = S.uk_outcomes(read)
        return None, (
            "No comparison is possible here: this outcome is published for England only, and "
            f"{'this area is' if len(tcodes) == 1 else 'some of these areas are'} in Wales, "
            "Scotland or Northern Ireland. Outcomes published comparably across the UK would "
            "work instead: " + ", ".join(ok) + "."
        )
    if ("outcome", outcome, "uk") not in memo:
        memo["outcome", outcome, "uk"] = S.load_outcome(read, outcome, uk=True)
    out = memo["outcome", outcome, "uk"]
    result["notes"].append(
        "Comparators and placebos are drawn from the whole UK (the outcome is published "
        "comparably in every nation; a nation plays the role of a region)."
    )
    names = set(out.panel["area_code"])
    if miss := [c for c in tcodes if c not in names]:
        return None, (
            f"No comparison is possible here: {out.meta['title']} is not published for "
            f"{', '.join(miss)}."
        )
    return out, None


def refusal(out: S.Outcome, tcodes: list[str], start: int) -> str | None:
    """Why no comparison can be made before any arithmetic, or None."""
    meta, last = out.meta, int(out.meta["last_year"])
    if not tcodes:
        return "The intervention has no areas at this outcome's level, so nothing can be compared."
    if start + out.lag > last:
        return (
            f"Nothing to compare yet: {meta['title']} is published up to {last}, and with "
            f"a {out.lag}-year lag the first year that could show a change is {start + out.lag}."
        )
    return None
