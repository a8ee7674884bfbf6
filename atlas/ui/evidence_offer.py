"""Which before/after comparisons the pages offer for an intervention, read from the precomputed
studies (``evidence.results``): the outcomes whose comparison reads, and the reason when every one
can only refuse; and how the pickers name the interventions and outcomes."""

from __future__ import annotations

import pandas as pd

from atlas.data.db import query


def labels(ivs: pd.DataFrame, outs: pd.DataFrame) -> tuple[dict, dict]:
    """The pickers' names: an intervention with its start year (a proposal's year says
    "proposed": it is the proposal's, not a start) and an outcome with its years."""
    years = ivs["start_year"].astype(int)
    proposed = ivs["status"].eq("proposed")
    iv_names = {
        i: f"{n} ({'proposed ' if p else ''}{y})"
        for i, n, y, p in zip(ivs.index, ivs["name"], years, proposed, strict=True)
    }
    spans = zip(outs.index, outs["title"], outs["first_year"], outs["last_year"], strict=True)
    return iv_names, {i: f"{t} ({a}–{b})" for i, t, a, b in spans}


def readable(iv: str, order: list[str]) -> list[str]:
    """The outcomes (in ``order``) whose precomputed before/after study of ``iv`` reads rather
    than refuses: the page opens on the first and, refusing one, offers the others."""
    rows = query("evidence_refusals", iv=iv)
    ok = set(rows.loc[rows["verdict"] != "refused", "indicator_id"])
    return [i for i in order if i in ok]


def refusal(iv: str) -> str | None:
    """The reason, when every precomputed before/after study of ``iv`` is a refusal (the pages
    then offer no link to a comparison that can only refuse); None when one can be read, or
    when none was precomputed."""
    rows = query("evidence_refusals", iv=iv)
    if rows.empty or (rows["verdict"] != "refused").any():
        return None
    reasons = rows["problem"].dropna()
    return str(reasons.iloc[0]) if len(reasons) else "the comparison cannot be made"
