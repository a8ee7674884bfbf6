"""A study's data as arrays: the comparison window around a start (lag, series breaks) and every
area's outcome and matching features (level and trend before the start, deprivation)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from atlas.evidence import placebo as PL
from atlas.evidence import study as S
from atlas.evidence.calibrate import noise


class StudyError(ValueError):
    """A bad request (unknown area, outcome or year) or a study the data cannot support."""


def _span(years: list[int]) -> str:
    return "" if not years else str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def windows(years: list[int], start: int, lag: int, cuts: list[int]):
    pre = [y for y in years if y < start]
    post = [y for y in years if y >= start + lag]
    if not pre or not post:
        raise StudyError(f"the outcome needs years before {start} and from {start + lag} on")
    warns = []
    if lag:
        warns.append(
            f"the post period starts {lag} years after the start ({start + lag}) to allow for the outcome's lag"
        )
    if cut := [b for b in cuts if pre[0] < b <= pre[-1]]:
        pre = [y for y in pre if y >= cut[-1]]
        warns.append(f"series break in {cut[-1]}: the pre period is restricted to {_span(pre)}")
    if cut := [b for b in cuts if post[0] < b <= post[-1]]:
        post = [y for y in post if y < cut[0]]
        warns.append(f"series break in {cut[0]}: the post period ends at {post[-1]}")
    warns += [
        f"a series break in {b} lies between the pre and post periods: part of the gap may come "
        "from the change in measurement"
        for b in cuts
        if pre[-1] < b <= post[0]
    ]
    return pre, post, warns


def features(
    y: np.ndarray,
    years: np.ndarray,
    match: np.ndarray,
    cov: np.ndarray | None,
    one_year: bool = False,
):
    """Raw and standardised matching features over the ``match`` years: level, trend,
    (deprivation) and last value; from a single year (``one_year``) level and last value only."""
    if one_year and match.sum() < 2:
        last = y[:, match][:, -1]
        return _standardised(np.column_stack([last] + ([cov] if cov is not None else []) + [last]))
    x = years[match] - years[match].mean()
    v = y[:, match]
    seen = ~np.isnan(v)
    n = seen.sum(1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(seen, v, 0).sum(1) / n
        xm = (seen * x).sum(1) / n
        slope = ((seen * x) * np.where(seen, v - mean[:, None], 0)).sum(1) / (
            (seen * (x - xm[:, None]) ** 2).sum(1)
        )
    last = np.array([r[np.isfinite(r)][-1] if np.isfinite(r).any() else np.nan for r in v])
    # the last value before the start is what programmes choose places on: matching on it gives
    # the comparators the same bounce back (regression to the mean) as the programme's areas
    raw = np.column_stack([mean, slope] + ([cov] if cov is not None else []) + [last])
    raw[n < 2] = np.nan
    return _standardised(raw)


def _standardised(raw: np.ndarray):
    """``raw``, each column standardised over the areas that have every feature, and those areas."""
    ok = np.isfinite(raw).all(1)
    if not ok.any():
        return raw, np.zeros_like(raw), ok
    sd = raw[ok].std(0)
    sd[sd == 0] = 1
    return raw, (raw - raw[ok].mean(0)) / sd, ok


def period_span(period_type) -> int:
    """How many years each published value pools: 3 for rolling "3-year" periods, else 1."""
    years = str(period_type or "").removesuffix("-year")
    return int(years) if years.isdigit() else 1


@dataclass
class Built:
    frame: PL.Frame
    raw: np.ndarray
    has_feat: np.ndarray
    both: np.ndarray
    idx: dict
    years: np.ndarray
    pre: list[int]
    post_years: list[int]
    use_imd: bool


def build_frame(
    out: S.Outcome,
    panel: pd.DataFrame,
    years: list[int],
    pre: list[int],
    post: list[int],
    use_imd: bool,
) -> Built:
    """The outcome as arrays for one start: every current area at the outcome's level (in code
    order), matching features from the pre-period years, neighbours and regions."""
    codes = out.areas["area_code"].to_numpy(dtype=object)
    yrs = np.array(years)
    y = np.full((len(codes), len(yrs)), np.nan)  # one value per area and year (a data test)
    row = pd.Index(codes).get_indexer(panel["area_code"])
    col = pd.Index(yrs).get_indexer(panel["year"])
    ok = (row >= 0) & (col >= 0)
    y[row[ok], col[ok]] = panel["value"].to_numpy(float)[ok]
    idx = {c: i for i, c in enumerate(codes)}
    cov = out.imd.reindex(codes).to_numpy(float) if use_imd else None
    raw, z, has_feat = features(y, yrs, np.isin(yrs, pre), cov)
    seen = ~np.isnan(y)
    both = seen[:, np.isin(yrs, pre)].any(1) & seen[:, np.isin(yrs, post)].any(1)
    touch = np.zeros((len(codes), len(codes)), bool)
    tp = out.touch[out.touch["area_code"].isin(idx) & out.touch["neighbour_code"].isin(idx)]
    touch[tp["area_code"].map(idx).to_numpy(int), tp["neighbour_code"].map(idx).to_numpy(int)] = (
        True
    )
    region = out.areas["region_code"].fillna("none").to_numpy(dtype=object)
    frame = PL.Frame(
        codes, y, np.isin(yrs, post), np.isin(yrs, pre + post), np.nan_to_num(z), touch, region
    )
    frame.sig = noise(y, yrs <= pre[-1], np.isin(yrs, post))
    frame.span = period_span(out.meta.get("period_type"))
    frame.deprivation = out.imd.reindex(codes).to_numpy(float)
    return Built(frame, raw, has_feat, both, idx, yrs, pre, post, use_imd)
