"""Honest before/after comparisons for place-based interventions (difference-in-differences).

Comparator areas are chosen on pre-period data only; the effect is a two-way fixed-effects
estimate; uncertainty comes from placebo-in-space comparisons, because with a handful of
treated areas the usual cluster-robust intervals are far too narrow. Everything that weakens
the comparison (series breaks, lags, gaps, short periods) is returned as plain-word warnings.
Pure pandas/numpy/statsmodels: no Streamlit, no DuckDB.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf

CAVEAT = "This is descriptive evidence, not proof that the programme caused the difference."
Codes = Iterable[str] | pd.DataFrame


def _codes(x: Codes) -> list[str]:
    return sorted({str(a) for a in (x["area_code"] if isinstance(x, pd.DataFrame) else x)})


def _groups(treated: Codes, comparators: Codes) -> tuple[list[str], list[str]]:
    t, c = _codes(treated), _codes(comparators)
    if set(t) & set(c):
        raise ValueError(f"areas both treated and comparator: {sorted(set(t) & set(c))}")
    return t, c


def _span(years: list[int]) -> str:
    return f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"


def choose_comparators(
    panel: pd.DataFrame,
    treated: Codes,
    start_year: int,
    *,
    covariates: pd.DataFrame | None = None,
    n: int = 10,
    exclude: Iterable[str] = (),
    pre_years: int | Iterable[int] | None = None,
) -> pd.DataFrame:
    """Rank candidate areas by how closely their pre-period profile matches the treated group.

    The profile is the pre-period mean and linear slope of the outcome plus any covariates
    (indexed by area_code), each standardised across candidates so no unit dominates. Only
    rows with year < start_year are read, so the pool cannot depend on what happened after.
    `pre_years` is either the number of most recent pre-period years or an explicit list.
    """
    t = set(_codes(treated))
    pre = panel.loc[panel["year"] < start_year].dropna(subset=["value"])
    if isinstance(pre_years, int):
        pre = pre[pre["year"].isin(sorted(pre["year"].unique())[-pre_years:])]
    elif pre_years is not None:
        pre = pre[pre["year"].isin([y for y in pre_years if y < start_year])]
    x = pre["year"] - start_year  # centred, for a numerically stable slope
    g = pre.assign(x=x, xy=x * pre["value"], xx=x * x).groupby("area_code")
    prof = pd.DataFrame(
        {
            "pre_mean": g["value"].mean(),
            "n": g.size(),
            "pre_slope": (g["xy"].mean() - g["x"].mean() * g["value"].mean())
            / (g["xx"].mean() - g["x"].mean() ** 2),
        }
    )
    prof = prof[prof["n"] >= 2].drop(columns="n")
    cov_cols = [] if covariates is None else list(covariates.columns)
    if covariates is not None:
        prof = prof.join(covariates.rename(index=str), how="left")
    target = prof[prof.index.isin(t)].mean()
    if target.isna().any():
        raise ValueError("treated areas need at least 2 pre-period values (and covariates)")
    banned = t | {str(a) for a in exclude}
    cand = prof[~prof.index.isin(banned)].dropna()
    sd = cand.std(ddof=0).replace(0, np.nan)
    z, zt = ((cand - cand.mean()) / sd).fillna(0), ((target - cand.mean()) / sd).fillna(0)
    out = cand.assign(distance=np.sqrt(((z - zt) ** 2).sum(axis=1)))
    out = out.rename_axis("area_code").reset_index()
    out = out.sort_values(["distance", "area_code"]).head(n).reset_index(drop=True)
    out["rank"] = np.arange(1, len(out) + 1)
    out["reason"] = [
        "; ".join(
            [
                f"pre-{start_year} mean {r.pre_mean:.1f} vs treated {target.pre_mean:.1f}",
                f"trend {r.pre_slope:+.1f}/yr vs {target.pre_slope:+.1f}/yr",
                *(f"{col} {r[col]:.1f} vs {target[col]:.1f}" for col in cov_cols),
            ]
        )
        for _, r in out.iterrows()
    ]
    return out[["area_code", "distance", "rank", "pre_mean", "pre_slope", *cov_cols, "reason"]]


def _placebo_sets(m: int, k: int, n_perm: int, seed: int) -> np.ndarray:
    """Indicator matrix (comparators x placebos): which comparators play 'treated' in each.

    Every combination when there are at most n_perm of them, otherwise n_perm random draws.
    """
    if k < 1 or m - k < 1:
        return np.zeros((m, 0))
    if math.comb(m, k) <= n_perm:
        sets = list(itertools.combinations(range(m), k))
    else:
        rng = np.random.default_rng(seed)
        sets = [rng.choice(m, size=k, replace=False) for _ in range(n_perm)]
    out = np.zeros((m, len(sets)))
    for j, s in enumerate(sets):
        out[list(s), j] = 1.0
    return out


def event_study(
    panel: pd.DataFrame,
    treated: Codes,
    comparators: Codes,
    start_year: int,
    *,
    lag: int = 0,
    break_years: Iterable[int] = (),
    level: float = 0.95,
    n_perm: int = 999,
    seed: int = 0,
) -> pd.DataFrame:
    """Year-by-year treated minus comparator gap, set to 0 in the last year before the start.

    Placebos: groups of comparators the same size as the treated group (one at a time when
    there is one treated area) play 'treated' against the rest. `placebo_low/high` is the
    range of their gaps (what chance alone produces); `band_low/high` is the confidence band
    for the real gap by inverting that range: diff_norm - placebo_high .. diff_norm - placebo_low.
    """
    t, c = _groups(treated, comparators)
    data = panel[panel["area_code"].isin(t + c)].dropna(subset=["value"])
    wide = data.pivot_table(index="year", columns="area_code", values="value").reindex(
        columns=t + c
    )
    diff = wide[t].mean(axis=1) - wide[c].mean(axis=1)
    ok_pre = diff[(diff.index < start_year) & diff.notna()]
    if ok_pre.empty:
        raise ValueError("no pre-period year has values for both groups")
    ref = start_year - 1 if start_year - 1 in ok_pre.index else int(ok_pre.index.max())
    w = wide[c].to_numpy()
    seen, w0 = ~np.isnan(w), np.nan_to_num(w)
    s = _placebo_sets(len(c), len(t), n_perm, seed)
    with np.errstate(divide="ignore", invalid="ignore"):
        pl = (w0 @ s) / (seen @ s) - (w0 @ (1 - s)) / (seen @ (1 - s))
        pl = pl - pl[list(wide.index).index(ref)]
    alpha = 1 - level
    if pl.shape[1]:
        q_lo, q_hi = np.nanquantile(pl, [alpha / 2, 1 - alpha / 2], axis=1)
    else:
        q_lo = q_hi = np.full(len(wide), np.nan)
    breaks = list(break_years)
    rows = []
    for i, y in enumerate(wide.index):
        d_norm = diff[y] - diff[ref]
        crossed = [b for b in breaks if min(y, ref) < b <= max(y, ref)]
        notes = ["reference year (gap set to 0)"] if y == ref else []
        notes += [f"series break in {b}: not comparable with {ref}" for b in crossed]
        if start_year <= y < start_year + lag:
            notes.append(f"within the {lag}-year lag: outcome not expected to respond yet")
        rows.append(
            {
                "year": int(y),
                "treated_mean": wide.loc[y, t].mean(),
                "comparator_mean": wide.loc[y, c].mean(),
                "diff": diff[y],
                "diff_norm": d_norm,
                "band_low": d_norm - q_hi[i],
                "band_high": d_norm - q_lo[i],
                "placebo_low": q_lo[i],
                "placebo_high": q_hi[i],
                "period": "pre" if y < start_year else "post",
                "n_treated": int(wide.loc[y, t].notna().sum()),
                "n_comparators": int(wide.loc[y, c].notna().sum()),
                "n_placebos": pl.shape[1],
                "comparable": not crossed,
                "note": "; ".join(notes),
            }
        )
    return pd.DataFrame(rows)


def _windows(
    years: list[int], start_year: int, lag: int, break_years: Iterable[int]
) -> tuple[list[int], list[int], list[str]]:
    """Pre and post years after allowing for the lag and cutting at series breaks.

    A break inside the pre period keeps only pre years from the break on; a break inside the
    post period ends the post period the year before. A break between the two periods cannot
    be cut away: the comparison goes ahead with a loud warning rather than being refused.
    """
    pre = [y for y in years if y < start_year]
    post = [y for y in years if y >= start_year + lag]
    if not pre or not post:
        raise ValueError(f"need years before {start_year} and from {start_year + lag} on")
    warns, breaks = [], sorted(set(break_years))
    if lag > 0:
        warns.append(
            f"post period starts {lag} years after start ({start_year + lag}) "
            "to allow for the outcome's lag"
        )
    cut = [b for b in breaks if pre[0] < b <= pre[-1]]
    if cut:
        pre = [y for y in pre if y >= cut[-1]]
        warns.append(f"series break in {cut[-1]}: pre period restricted to {_span(pre)}")
    cut = [b for b in breaks if post[0] < b <= post[-1]]
    if cut:
        post = [y for y in post if y < cut[0]]
        warns.append(
            f"series break in {cut[0]}: post period ends at {post[-1]} because "
            "later values are not comparable"
        )
    warns += [
        f"series break in {b} lies between the pre and post periods: the comparison "
        "crosses a break, so part of the gap may come from the change in measurement"
        for b in breaks
        if pre[-1] < b <= post[0]
    ]
    warns += [
        f"only 1 {name}-period year" for name, ys in (("pre", pre), ("post", post)) if len(ys) == 1
    ]
    return pre, post, warns


def _fwl(areas: pd.Series, years: pd.Series, y: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Two-way FE coefficient of each column of d, by Frisch-Waugh-Lovell.

    Exact on unbalanced panels and one least-squares solve for all placebos at once.
    """
    x = np.column_stack(
        [
            pd.get_dummies(areas.astype(str)).to_numpy(float),
            pd.get_dummies(years.astype(str), drop_first=True).to_numpy(float),
        ]
    )
    u, sv, _ = np.linalg.svd(x, full_matrices=False)
    q = u[:, sv > sv.max() * 1e-10]  # orthonormal basis of the fixed effects (rank-safe)
    md = d - q @ (q.T @ d)
    den = (md * d).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 1e-9, (md * y[:, None]).sum(axis=0) / den, np.nan)


def _core(
    panel: pd.DataFrame,
    t: list[str],
    c: list[str],
    start_year: int,
    lag: int,
    break_years: Iterable[int],
    n_perm: int,
    seed: int,
    level: float,
) -> dict:
    rows = panel[panel["area_code"].isin(t + c)]
    pre, post, warns = _windows(sorted(rows["year"].unique()), start_year, lag, break_years)
    d = rows[rows["year"].isin(pre + post)]
    if n_missing := int(d["value"].isna().sum()):
        warns.append(f"{n_missing} missing/suppressed values dropped")
    d = d.dropna(subset=["value"])
    both = set(d.loc[d["year"] < start_year, "area_code"]) & set(
        d.loc[d["year"] >= start_year, "area_code"]
    )
    if lost := sorted(set(t + c) - both):
        warns.append(
            f"{len(lost)} area(s) without values both before and after left out: " + ", ".join(lost)
        )
    t, c = [a for a in t if a in both], [a for a in c if a in both]
    if not t or not c:
        raise ValueError("no treated or no comparator area has values before and after")
    d = d[d["area_code"].isin(t + c)].assign(post=lambda f: f["year"] >= start_year)
    d["treated_post"] = (d["area_code"].isin(t) & d["post"]).astype(float)
    est = float(
        _fwl(d["area_code"], d["year"], d["value"].to_numpy(), d[["treated_post"]].to_numpy())[0]
    )
    cd = d[d["area_code"].isin(c)]
    member = _placebo_sets(len(c), len(t), n_perm, seed)[
        pd.Categorical(cd["area_code"], categories=c).codes
    ]
    pl = _fwl(
        cd["area_code"], cd["year"], cd["value"].to_numpy(), member * cd["post"].to_numpy()[:, None]
    )
    pl = pl[np.isfinite(pl)]
    alpha, lo, hi, p = 1 - level, np.nan, np.nan, np.nan
    if len(pl):
        q_lo, q_hi = np.quantile(pl, [alpha / 2, 1 - alpha / 2])
        lo, hi = est - q_hi, est - q_lo
        p = (1 + np.sum(np.abs(pl) >= abs(est) - 1e-12)) / (1 + len(pl))
        if len(pl) < 2 / alpha:
            warns.append(f"only {len(pl)} placebo comparisons: the {level:.0%} range is rough")
    else:
        warns.append("too few comparator areas for placebo comparisons: no range given")
    return {
        "estimate": est,
        "ci_low": float(lo),
        "ci_high": float(hi),
        "p_value": float(p),
        "n_placebos": len(pl),
        "treated": t,
        "comparators": c,
        "data": d,
        "pre_years": sorted(d.loc[~d["post"], "year"].unique().tolist()),
        "post_years": sorted(d.loc[d["post"], "year"].unique().tolist()),
        "warnings": warns,
    }


def pre_trend_test(
    panel: pd.DataFrame,
    treated: Codes,
    comparators: Codes,
    start_year: int,
    *,
    break_years: Iterable[int] = (),
    level: float = 0.95,
) -> dict:
    """Regress the pre-period treated-minus-comparator gap on year.

    A flat gap supports the comparison; note that a short series has little power, so 'no
    evidence' is weaker than 'evidence of none'. Pre years before a series break are ignored.
    """
    t, c = _groups(treated, comparators)
    pre = panel[(panel["year"] < start_year)].dropna(subset=["value"])
    cut = [b for b in break_years if b < start_year]
    pre = pre[pre["year"] >= max(cut, default=pre["year"].min())]
    gap = (
        pre[pre["area_code"].isin(t)].groupby("year")["value"].mean()
        - pre[pre["area_code"].isin(c)].groupby("year")["value"].mean()
    ).dropna()
    out = {"slope": np.nan, "p_value": np.nan, "n_years": len(gap)}
    if len(gap) < 3:
        return out | {"verdict": "too few pre-period years to test for diverging pre-trends"}
    fit = smf.ols("gap ~ year", data=pd.DataFrame({"gap": gap, "year": gap.index})).fit()
    out |= {"slope": float(fit.params["year"]), "p_value": float(fit.pvalues["year"])}
    differ = out["p_value"] < 1 - level
    return out | {
        "verdict": "pre-trends differ: the comparison is less credible"
        if differ
        else "no evidence of diverging pre-trends"
    }


def placebo_start_dates(
    panel: pd.DataFrame,
    treated: Codes,
    comparators: Codes,
    start_year: int,
    *,
    shifts: Iterable[int] = (-2, -3),
    break_years: Iterable[int] = (),
    n_perm: int = 199,
    seed: int = 0,
    level: float = 0.95,
) -> list[dict]:
    """Pretend the programme started earlier, using pre-period data only (no lag).

    A clear 'effect' at a fake date means the groups were already drifting apart.
    """
    t, c = _groups(treated, comparators)
    pre, out = panel[panel["year"] < start_year], []
    keys = ("estimate", "ci_low", "ci_high", "p_value")
    for s in shifts:
        fake = start_year + s
        try:
            r = _core(pre, t, c, fake, 0, break_years, n_perm, seed, level)
            out.append({k: r[k] for k in keys} | {"fake_start": fake})
        except ValueError as e:  # too little pre-period data for this fake date
            out.append(dict.fromkeys(keys, np.nan) | {"fake_start": fake, "note": str(e)})
    return out


def did_estimate(
    panel: pd.DataFrame,
    treated: Codes,
    comparators: Codes,
    start_year: int,
    *,
    lag: int = 0,
    break_years: Iterable[int] = (),
    n_perm: int = 999,
    seed: int = 0,
    level: float = 0.95,
    unit: str = "points",
) -> dict:
    """2x2 difference-in-differences with area and year fixed effects.

    Point estimate: statsmodels OLS of value ~ treated_post + C(area_code) + C(year) on the
    pre (< start) and post (>= start + lag) years. Range: placebo-in-space test inversion
    (Conley & Taber 2011). Groups of comparators the same size as the treated group are
    given a fake programme; their estimates show how big a gap arises without one. A true
    effect tau is kept if estimate - tau looks like a placebo, so the range is
    [estimate - placebo upper quantile, estimate - placebo lower quantile] and the p-value is
    the share of placebos at least as far from 0 (counting the real one). Cluster-robust
    intervals lean on many treated clusters and are far too narrow with a handful; they are
    returned only for reference. Assumes a constant effect and that treated areas are as
    noisy as comparators (an average of k areas, compared like with like).
    """
    t, c = _groups(treated, comparators)
    r = _core(panel, t, c, start_year, lag, break_years, n_perm, seed, level)
    d = r["data"]
    fit = smf.ols("value ~ treated_post + C(area_code) + C(year)", data=d).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(d["area_code"])[0]}, use_t=True
    )
    est = float(fit.params["treated_post"])
    if not np.isclose(est, r["estimate"]):
        raise RuntimeError("statsmodels and FWL estimates disagree")
    cl = fit.conf_int(alpha=1 - level).loc["treated_post"]
    pre_trend = pre_trend_test(
        panel, r["treated"], r["comparators"], start_year, break_years=break_years, level=level
    )
    placebos = placebo_start_dates(
        panel,
        r["treated"],
        r["comparators"],
        start_year,
        break_years=break_years,
        seed=seed,
        level=level,
    )
    warns = list(r["warnings"])
    if pre_trend["verdict"].startswith("pre-trends differ"):
        warns.append(pre_trend["verdict"])
    warns += [
        f"a fake start in {p['fake_start']} also shows a gap ({p['estimate']:+.1f}): "
        "the groups may have been drifting apart already"
        for p in placebos
        if p["ci_low"] > 0 or p["ci_high"] < 0
    ]
    k, m = len(r["treated"]), len(r["comparators"])
    method = (
        f"Two-way fixed-effects difference-in-differences (area and year effects), "
        f"{k} treated vs {m} comparator areas; {level:.0%} range and p-value from "
        f"{r['n_placebos']} placebo comparisons in which groups of {k} comparator "
        "areas were treated as if they had the programme (test inversion)."
    )
    out = {
        "estimate": est,
        "ci_low": r["ci_low"],
        "ci_high": r["ci_high"],
        "p_value": r["p_value"],
        "method": method,
        "n_treated": k,
        "n_comparators": m,
        "pre_years": r["pre_years"],
        "post_years": r["post_years"],
        "cluster_ci": (float(cl.iloc[0]), float(cl.iloc[1])),
        "pre_trend": pre_trend,
        "placebo_dates": placebos,
        "warnings": warns,
        "n_placebos": r["n_placebos"],
    }
    return out | {"summary": _summary(out, unit, level)}


def _summary(r: dict, unit: str, level: float) -> str:
    est, lo, hi = r["estimate"], r["ci_low"], r["ci_high"]
    areas = f"{r['n_treated']} programme area" + ("s" if r["n_treated"] > 1 else "")
    rng = (
        f"{level:.0%} range {lo:.1f} to {hi:.1f}"
        if np.isfinite(lo)
        else "too few comparison areas to give a range"
    )
    s1 = (
        f"Relative to {r['n_comparators']} similar comparison areas, the {areas} moved "
        f"{abs(est):.1f} {unit} {'up' if est >= 0 else 'down'} between "
        f"{_span(r['pre_years'])} and {_span(r['post_years'])} ({rng})."
    )
    real = np.isfinite(lo) and (lo > 0 or hi < 0)
    s2 = (
        "A gap this size is rare between areas without the programme"
        if real
        else "A gap this size is within what is seen between areas without the programme, "
        "so it may be chance"
    )
    s2 += f"; pre-period check: {r['pre_trend']['verdict']}"
    if r["warnings"]:
        top = sorted(r["warnings"], key=lambda w: "crosses" not in w)[0]
        s2 += f"; {len(r['warnings'])} caution(s), notably: {top}"
    return f"{s1} {s2}. {CAVEAT}"


def synthetic_panel(
    n_areas: int = 40,
    years: Iterable[int] = range(2010, 2024),
    treated: int = 5,
    start: int = 2017,
    effect: float = 0.0,
    seed: int = 0,
    noise: float = 1.0,
) -> tuple[pd.DataFrame, list[str]]:
    """SYNTHETIC test data only: area effects + common year path + noise; codes 'SYN0001'.

    `effect` is added to the treated areas' values from `start` on.
    """
    rng = np.random.default_rng(seed)
    years = list(years)
    codes = [f"SYN{i:04d}" for i in range(1, n_areas + 1)]
    picked = sorted(rng.choice(codes, size=treated, replace=False).tolist())
    year_path = 0.3 * np.arange(len(years)) + rng.normal(0, 0.5, len(years))
    area = rng.normal(50, 5, n_areas)
    value = area[:, None] + year_path[None, :] + rng.normal(0, noise, (n_areas, len(years)))
    panel = pd.DataFrame(
        {
            "area_code": np.repeat(codes, len(years)),
            "year": np.tile(years, n_areas),
            "value": value.ravel(),
        }
    )
    hit = panel["area_code"].isin(picked) & (panel["year"] >= start)
    panel.loc[hit, "value"] += effect
    return panel, picked
