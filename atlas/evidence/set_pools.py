"""Placebo pools from a comparator set, so that the before/after interval is calibrated for it.

With a ranked set S (``dfe``, ``ons_global``, ``ons_economic``, ``ons_demographic``; see
``atlas.data.comparator_sets.PLACEBO_READY``) the programme's pool is S's areas for the programme
areas that may be comparators (``comparator_sets.pool_for``). Here every placebo group takes its
pool by the same rule from the same set: S's areas for the placebo group's own areas, among the
areas that may be placebo comparators, never the group itself nor an area touching it. Real and
placebo groups are then compared the same way, which is what the placebo interval needs.

The set is read once as an areas x areas 0/1 matrix (row i: S's areas for area i), so a study's
199 placebo pools are one matrix product. A placebo group whose set leaves fewer than two
comparators is left out, as the programme would be refused. Pure numpy once read.
"""

from __future__ import annotations

import numpy as np

from atlas.data.comparator_sets import DEFAULT, PLACEBO_READY, SETS, Reader, check
from atlas.evidence import inference as INF
from atlas.evidence import placebo as PL
from atlas.evidence.frames import StudyError

MIN_POOL = 2  # comparators a group needs (the programme's refusal rule)


class SetError(StudyError):
    """A comparator set that does not apply here (unknown key, not published at this level, too
    few eligible areas)."""


EDITED = "The pool was edited: placebo areas still choose their comparators by the standard rule."


def matrix(read: Reader, key: str, codes: np.ndarray, geography: str, memo=None) -> np.ndarray:
    """Set ``key`` as areas x areas (``codes``' order): ``m[i, j]`` when j is one of i's similar
    areas. Only for a ranked set (``ranked``); a set not published at ``geography`` is a
    ``SetError`` with the reason."""
    try:
        chosen = check(key, geography)
    except ValueError as exc:
        raise SetError(str(exc)) from None
    if not ranked(key):
        raise SetError(f"{chosen.label} cannot give placebo pools (see docs/comparators.md)")
    memo = {} if memo is None else memo
    if ("set_pairs", key) not in memo:
        memo["set_pairs", key] = read("comparator_set_pairs", neighbour_set=chosen.neighbour_set)
    pairs = memo["set_pairs", key]
    idx = {c: i for i, c in enumerate(codes)}
    a = pairs["area_code"].map(idx)
    b = pairs["neighbour_code"].map(idx)
    ok = a.notna() & b.notna()
    m = np.zeros((len(codes), len(codes)))
    m[a[ok].astype(int), b[ok].astype(int)] = 1.0
    return m


def ranked(key: str | None) -> bool:
    """A set every area has its own ranked list in, so placebo areas can draw from it."""
    return bool(key) and key != DEFAULT and key in PLACEBO_READY


def set_pool(members: np.ndarray, treated: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """The set's areas for ``treated`` among ``allowed`` (indices, code order)."""
    return np.flatnonzero(allowed & (members[treated].sum(0) > 0))


def drawer(members: np.ndarray):
    """A stand-in for ``inference.pools_for`` (same arguments): each group's pool is the set's
    areas for its own areas, among ``pool_from``, never the group nor an area touching it. The
    size rule ``n`` is the set's, not the engine's: every such area, as for the programme."""

    def pools(frame: PL.Frame, groups: list[np.ndarray], pool_from: np.ndarray, n: int):
        m = np.zeros((len(groups), len(frame.codes)))
        for i, g in enumerate(groups):
            m[i, g] = 1.0
        near = (m @ members) > 0
        banned = (m > 0) | ((m @ frame.touch.astype(float)) > 0) | ~pool_from[None, :]
        return [np.flatnonzero(row) for row in near & ~banned]

    return pools


def contrasts(
    frame: PL.Frame,
    treated: np.ndarray,
    eligible: np.ndarray,
    placebo_set: np.ndarray,
    pool: np.ndarray | None,
    seed: int,
    sets: tuple[str, np.ndarray] | None,
    method: INF.Method = INF.FINAL,
) -> PL.Contrasts:
    """``inference.contrasts`` with the placebo groups' pools from the set (``sets``: its key and
    ``matrix``), placebo groups left with fewer than ``MIN_POOL`` comparators dropped; exactly
    ``inference.contrasts`` when ``sets`` is None."""
    if sets is None:
        return INF.contrasts(frame, treated, eligible, placebo_set, method, pool=pool, seed=seed)
    draw = drawer(sets[1])
    c = INF.contrasts(
        frame, treated, eligible, placebo_set, method, pool=pool, seed=seed, pools=draw
    )
    keep = [0] + [i for i in range(1, len(c.groups)) if len(c.pools[i]) >= MIN_POOL]
    return PL.Contrasts([c.groups[i] for i in keep], [c.pools[i] for i in keep])


def for_study(read, memo, key, f, tcodes, eligible, pool, geography) -> tuple[list | None, tuple]:
    """The engine's hook (``evaluate(..., cset=key)``): the pool to use and ``(key, matrix)`` when
    the placebos can draw from the set. No set, ``outcome`` or a set that cannot be a placebo pool
    (clusters): the pool as given and None. A ranked set: its eligible areas for the programme when
    no pool is given; a given pool that is not exactly those is an edited pool (None)."""
    if not ranked(key):
        return pool, None
    members = matrix(read, key, f.frame.codes, geography, memo)
    t_idx = np.array([f.idx[c] for c in tcodes if c in f.idx], dtype=int)
    mine = [str(f.frame.codes[i]) for i in set_pool(members, t_idx, eligible)]
    if pool is None:
        if len(mine) < MIN_POOL:
            raise SetError(
                f"{SETS[key].label}: fewer than two of the set's areas are eligible comparators "
                f"here ({len(mine)}); choose another set"
            )
        return mine, (key, members)
    return pool, ((key, members) if sorted(pool) == sorted(mine) else None)


def note(sets: tuple[str, np.ndarray] | None) -> str:
    """What the result says about its placebos when the pool is not the engine's own."""
    if sets is None:
        return EDITED
    return (
        f"The pool is {SETS[sets[0]].label}: each placebo area or group took its comparators from "
        "the same set by the same rule, so the interval is calibrated for this set."
    )
