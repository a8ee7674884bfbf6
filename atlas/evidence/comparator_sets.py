"""A comparator set as a before/after pool: ``pool_for`` turns a set (``atlas.data.comparator_sets``)
into a pool the engine accepts (``evaluate(..., pool=[codes])``): the set's areas that the engine
found eligible, nearest on the outcome first. Nothing here changes the engine; a set that does not
apply is a ``StudyError`` with the reason."""

from __future__ import annotations

from atlas.data.comparator_sets import DEFAULT, PLACEBO_READY, SETS, Reader, check, members
from atlas.data.comparator_sets import SetError as _SetError
from atlas.evidence.set_pools import SetError

__all__ = [
    "DEFAULT",
    "PLACEBO_READY",
    "SETS",
    "SetError",
    "calibration",
    "comparator_pool",
    "pool_for",
]


def pool_for(result: dict, read: Reader, key: str) -> list[str] | None:
    """A before/after pool from comparator set ``key``: its areas for the programme areas that the
    engine ranked as eligible (``result['ranking']`` of a default run), in the engine's order.
    ``None`` for ``outcome`` (the engine's own pool)."""
    geography = result["outcome"]["geography"]
    try:
        check(key, geography)
    except _SetError as exc:
        raise SetError(str(exc)) from None
    if key == DEFAULT:
        return None
    treated = [t["area_code"] for t in result.get("treated", [])]
    wanted = set(members(read, key, treated, geography, "", 0))  # check() passed: no error here
    pool = [r["area_code"] for r in result.get("ranking", []) if r["area_code"] in wanted]
    if len(pool) < 2:
        raise SetError(
            f"{SETS[key].label}: fewer than two of the set's areas are eligible comparators here "
            f"({len(pool)} of {len(wanted)}); choose another set"
        )
    return pool


def calibration(key: str) -> str:
    """One sentence for the page: is the interval calibrated for this set's pool?"""
    if key in PLACEBO_READY:
        return (
            "The placebo areas take their comparators from the same set by the same rule, so the "
            "interval is calibrated for it as long as the list is not edited (docs/comparators.md)."
        )
    return (
        "This set cannot give the placebo areas their own pools, so the interval is calibrated "
        "for the engine's own pool only (see docs/comparators.md)."
    )


def comparator_pool(read: Reader, args: object) -> list[str] | None:
    """The pool for ``python -m pipelines evaluate --comparators SET``. ``None`` for the engine's
    own and for a ranked set (the engine draws the programme's pool and every placebo's from it:
    ``set_pools.for_study``); for a cluster, a default run finds the eligible areas, then the set's
    eligible areas are the pool."""
    key = getattr(args, "comparators", None)
    if not key or key == DEFAULT:
        return None
    if key not in SETS:
        raise SetError(f"unknown comparator set '{key}'; choose one of: {', '.join(SETS)}")
    if key in PLACEBO_READY:
        return None
    from atlas.evidence.engine import evaluate  # here: the engine is heavy and imports this room

    kwargs = {k: getattr(args, k) for k in ("iv", "areas", "start")}
    first = evaluate(read, outcome=args.outcome, synth=False, **kwargs)
    return None if first.get("problem") else pool_for(first, read, key)
