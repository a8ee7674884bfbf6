"""Plan an evaluation before its data exist: for a set of areas, an outcome and a start year,
the smallest effect the before/after design could detect (``placebo.POWER``), year by year after the
start, and the comparator pool fixed now for a pre-registration (``atlas.evidence.prereg``).

The future study's noise is read from the past. A study that starts in ``start`` with ``P`` years
before it, the outcome's lag ``L`` and ``h`` years of data after the lag has a *shape*
(P, L, h). That shape is shifted back into published data — pretend starts ``s`` with the same
``P`` years before (fewer if the series is shorter) and ``h`` published years from ``s + L`` —
and the engine's own placebo procedure (matching, exclusions, regional pattern) is run on each:
the placebo estimates are what the design produces when nothing happened. The MDE for year
``start + L + h - 1`` is read from the placebo estimates of the ``WINDOWS`` most recent such
windows, pooled (``placebo.mde`` at the ``placebo.interval`` critical value). No Streamlit.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from atlas.evidence import frames as FR
from atlas.evidence import inference as INF
from atlas.evidence import placebo as PL
from atlas.evidence import resolve as R
from atlas.evidence import study as S
from atlas.evidence.frames import StudyError, build_frame, windows

HORIZONS = 5  # years of post data planned by default
WINDOWS = 3  # past windows of the same shape pooled for each horizon
NOT_YET = "Nothing to compare yet"  # the engine's refusal for a start without data after it


def pre_years(years: list[int], start: int, cuts: list[int]) -> list[int]:
    """Published years before ``start`` since the last series break (the engine's pre period)."""
    pre = [y for y in years if y < start]
    if pre and (cut := [b for b in cuts if pre[0] < b <= pre[-1]]):
        pre = [y for y in pre if y >= cut[-1]]
    return pre


def planned_pre_length(out: S.Outcome, start: int) -> int:
    """Years the study will have before ``start``: the published ones since the last break, plus
    the years between the last published one and the start, assumed published by then."""
    years = sorted(out.panel["year"].unique().tolist())
    pre = pre_years(years, start, out.cuts)
    last = int(out.meta["last_year"])
    return len(pre) + max(0, start - 1 - max(last, pre[-1] if pre else last))


class Design:
    """One outcome's design around one start: treated areas, exclusions, eligible comparators
    (the engine's rules: neighbours and related programmes out; placebos may use neighbours)."""

    def __init__(self, out: S.Outcome, reg, iv, tcodes: list[str], start: int, use_imd: bool):
        self.out, self.tcodes, self.start, self.use_imd = out, tcodes, start, use_imd
        self.years = sorted(out.panel["year"].unique().tolist())
        self.excl = S.exclusions(reg, iv, tcodes, start, out)
        self.family_out = set(
            self.excl.loc[~self.excl["kind"].str.contains("neighbour"), "area_code"]
        )

    def arrays(self, pre: list[int], post: list[int]):
        """The frame on this window, the treated indices, the eligible comparators and the
        placebo population, exactly as the engine builds them."""
        f = build_frame(self.out, self.out.panel, self.years, pre, post, self.use_imd)
        codes = f.frame.codes
        base = f.has_feat & (f.both if post else True)
        t_idx = np.array(
            [f.idx[c] for c in self.tcodes if c in f.idx and base[f.idx[c]]], dtype=int
        )
        base = base.copy()
        base[t_idx] = False
        eligible = base & ~np.isin(codes, self.excl["area_code"].tolist())
        with_nb = base & ~np.isin(codes, list(self.family_out))
        return f, t_idx, eligible, with_nb

    def pool(self) -> list[str]:
        """The comparator pool fixed now: the engine's nearest eligible areas on the years
        published before the start."""
        pre = pre_years(self.years, self.start, self.out.cuts)
        post = [y for y in self.years if y >= self.start + self.out.lag]
        f, t_idx, eligible, _ = self.arrays(pre, post)
        if not len(t_idx):
            raise StudyError("no programme area has two values before the start to match on")
        n = PL.pool_size(len(t_idx))
        return [str(f.frame.codes[i]) for i in PL.nearest(f.frame, t_idx, eligible, n)]

    def window_mde(
        self, pre: list[int], post: list[int], seed: int, checked: bool = True
    ) -> tuple[float, int] | None:
        """The engine's own MDE on this window (the effect its verdict calls "changed" 85% of the
        time, from its calibrated placebos), and how many placebos it had. ``checked``: the
        planned study will have the years for its joint pre-test, so its verdict's bar is the
        interval's own even where a shorter past window's would be wider (method 9)."""
        f, t_idx, eligible, with_nb = self.arrays(pre, post)
        if not len(t_idx) or eligible.sum() < 2:
            return None
        method = replace(INF.FINAL, unchecked=None) if checked else INF.FINAL
        inf = INF.infer(f.frame, t_idx, eligible, with_nb, seed=seed, method=method)
        return float(inf.did["mde"]), int(inf.did.get("n_placebos", len(inf.contr.groups) - 1))


def past_windows(design: Design, p: int, h: int, k: int = WINDOWS):
    """Up to ``k`` (pretend start, pre years, post years) of the planned shape, latest first."""
    out, years = design.out, design.years
    found = []
    for s in range(int(out.meta["last_year"]) - out.lag - h + 1, years[0], -1):
        try:
            pre, post, _ = windows(years, s, out.lag, out.cuts)
        except StudyError:
            continue
        pre, post = pre[-p:], post[:h]
        if len(post) == h and len(pre) >= 2:
            found.append((s, pre, post))
        if len(found) == k:
            break
    return found


def horizon(design: Design, p: int, h: int, seed: int) -> dict:
    """MDE with ``h`` years of data after the lag, read from past windows of the same shape."""
    year = design.start + design.out.lag + h - 1
    row = {"post_years": h, "year": year, "mde": math.nan, "n_placebos": 0, "windows": []}
    checked = INF.pretend_runs(p, FR.period_span(design.out.meta.get("period_type")))
    for s, pre, post in past_windows(design, p, h):
        found = design.window_mde(pre, post, seed, checked)
        if found is None or found[1] < 19 or not math.isfinite(found[0]):
            continue
        row["windows"].append(
            {"pretend_start": s, "pre": pre, "post": post, "mde": found[0], "n": found[1]}
        )
    if row["windows"]:  # the windows' median: a plan should not hang on one year's luck
        row["mde"] = float(np.median([w["mde"] for w in row["windows"]]))
        row["n_placebos"] = sum(w["n"] for w in row["windows"])
    return row


def earliest(rows: list[dict], effect: float | None) -> dict | None:
    """The first year whose MDE is at most the effect's size (None when no effect is given)."""
    if effect is None or not math.isfinite(effect) or effect == 0:
        return None
    size = abs(effect)
    for r in rows:
        if math.isfinite(r["mde"]) and r["mde"] <= size:
            return {"effect": size, "year": r["year"], "post_years": r["post_years"]}
    return {"effect": size, "year": None, "post_years": None}


def resolve(read, ind: str, iv, areas, memo: dict) -> dict:
    """The engine's own reading of the request for this outcome, asked for a start after the
    last published year so that it stops before estimating: the programme areas at the
    outcome's level, its lag, and — when the comparison cannot be made for these areas (e.g.
    outside England) — the engine's reason. Bad codes and outcomes raise ``StudyError``."""
    from atlas.evidence.engine import evaluate

    if ("outcome", ind) not in memo:
        try:
            memo["outcome", ind] = S.load_outcome(read, ind)
        except KeyError:
            raise StudyError(f"unknown outcome '{ind}' (see --list-outcomes)") from None
    after = int(memo["outcome", ind].meta["last_year"]) + 1
    r = evaluate(read, outcome=ind, iv=iv, areas=areas, start=after, synth=False, memo=memo)
    problem = r.get("problem") or ""
    return r | {"refusal": None if problem.startswith(NOT_YET) else problem}


def alternatives(read, iv, areas, memo: dict, candidates: list[str]) -> list[str]:
    """Outcomes among ``candidates`` that the engine can compare for these areas."""
    ok = []
    for ind in candidates:
        try:
            if resolve(read, ind, iv, areas, memo)["refusal"] is None:
                ok.append(ind)
        except StudyError:
            continue
    return ok


def plan_outcome(read, ind: str, *, iv, areas, start: int, years: int, seed: int, memo) -> dict:
    """One outcome's plan: the MDE by year after the start, the pool fixed now, exclusions."""
    r = resolve(read, ind, iv, areas, memo)
    treated = [t["area_code"] for t in r.get("treated", [])]
    # outside England the engine compares across the whole UK (atlas.evidence.resolve.uk_inputs)
    out = memo.get(("outcome", ind, "uk")) if R.outside_england(treated) else None
    out = out or memo["outcome", ind]
    head = {
        "indicator_id": ind,
        "title": out.meta["title"],
        "unit_words": out.unit_words,
        "geography": out.meta["geography"],
        "last_year": int(out.meta["last_year"]),
        "lag": out.lag,
        "lag_why": out.lag_why,
        "power": PL.POWER,
        "treated": treated,
    }
    if r["refusal"]:
        return head | {"refused": r["refusal"]}
    if iv and "register" not in memo:
        memo["register"] = S.load_register(read)
    use_imd = start > S.IMD_PUBLISHED and all(c in out.imd.index for c in head["treated"])
    design = Design(out, memo.get("register") if iv else None, iv, head["treated"], start, use_imd)
    p = planned_pre_length(out, start)
    if p < 2:
        return head | {"refused": f"{out.meta['title']} has fewer than two years before {start}."}
    rows = [horizon(design, p, h, seed) for h in range(1, years + 1)]
    return head | {
        "refused": None,
        "pre_years_planned": p,
        "use_imd": use_imd,
        "pool": design.pool(),
        "excluded": design.excl[["area_code", "kind", "reason"]].to_dict("records"),
        "rows": rows,
    }


def plan(
    read,
    *,
    outcomes: list[str],
    start: int | None = None,
    iv: str | None = None,
    areas: list[str] | None = None,
    years: int = HORIZONS,
    effect: float | None = None,
    seed: int = 0,
    memo: dict | None = None,
) -> dict:
    """The whole plan: every outcome's MDE by year and, with ``effect``, its earliest year."""
    memo = {} if memo is None else memo
    if not outcomes:
        raise StudyError("give at least one outcome")
    if not 1 <= years <= 15:
        raise StudyError(f"plan 1 to 15 years after the start, not {years}")
    if effect is not None and not (math.isfinite(effect) and effect):
        raise StudyError(f"an effect of {effect:g} cannot be looked for: give its size, e.g. 3")
    if iv:
        memo.setdefault("register", S.load_register(read))
        ivs = memo["register"].interventions
        if iv not in ivs.index:
            raise StudyError(f"unknown intervention '{iv}'")
        row = ivs.loc[iv]
        if start is None and row["start_year"] == row["start_year"] and row["start_year"]:
            start = int(row["start_year"])
    if start is None:
        raise StudyError("give a start year")
    if not 1990 <= start <= 2100:
        raise StudyError(f"start year {start} is not a plausible year")
    plans = [
        plan_outcome(read, ind, iv=iv, areas=areas, start=start, years=years, seed=seed, memo=memo)
        for ind in dict.fromkeys(outcomes)
    ]
    for p in plans:
        p["earliest"] = earliest(p.get("rows", []), effect)
    return {
        "intervention": None
        if not iv
        else {"id": iv, "name": str(memo["register"].interventions.loc[iv, "name"])},
        "areas": sorted(areas) if areas and not iv else None,
        "start": int(start),
        "years": years,
        "effect": effect,
        "seed": seed,
        "outcomes": plans,
    }
