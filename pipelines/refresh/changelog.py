"""The changelog of one refresh: what the new release adds and revises, and which precomputed
studies (``evidence.results``) and story captions (``data/stories/*.yaml``) read differently."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import yaml

from pipelines import ROOT
from pipelines.refresh.drift import period_key

TOP = 10
REFUSED = "No comparison is possible:"
STORIES = ROOT / "data" / "stories"


def data_changes(old: pd.DataFrame, new: pd.DataFrame) -> dict:
    """New periods per series, the largest revisions, new and removed areas (tidy frames)."""
    new_v = new[new["value"].notna()]
    new_periods = {}
    for series, grp in new_v.groupby("series"):
        held = set(old.loc[old["series"] == series, "period"])
        added = sorted(set(grp["period"]) - held, key=period_key)
        if added:
            new_periods[series] = added
    both = old.merge(new, on=["series", "area_code", "period"], suffixes=("_old", "_new"))
    changed = both[
        (both["value_old"] != both["value_new"])
        & ~(both["value_old"].isna() & both["value_new"].isna())
    ].copy()
    changed["size"] = (changed["value_new"] - changed["value_old"]).abs().fillna(float("inf"))
    revisions = changed.sort_values("size", ascending=False).head(TOP)
    return {
        "new_periods": new_periods,
        "n_revised": len(changed),
        "revisions": [
            {
                "series": r.series,
                "area": f"{r.area_name_new} ({r.area_code})",
                "period": r.period,
                "old": r.value_old,
                "new": r.value_new,
            }
            for r in revisions.itertuples()
        ],
        "new_areas": sorted(set(new_v["area_code"]) - set(old["area_code"])),
        "removed_areas": sorted(set(old["area_code"]) - set(new["area_code"])),
    }


def _results(path: Path) -> pd.DataFrame:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "select intervention_id, indicator_id, verdict, estimate, result_json "
            "from evidence.results"
        ).fetchdf()
    except duckdb.Error:  # a warehouse without precomputed studies
        return pd.DataFrame(
            columns=["intervention_id", "indicator_id", "verdict", "estimate", "result_json"]
        )
    finally:
        con.close()


def studies(old_wh: Path | None, new_wh: Path) -> list[dict]:
    """Precomputed studies whose result differs between the two warehouses."""
    new = _results(new_wh)
    old = _results(old_wh) if old_wh and old_wh.exists() else new.iloc[0:0]
    both = old.merge(
        new, on=["intervention_id", "indicator_id"], how="outer", suffixes=("_old", "_new")
    )
    diff = both[both["result_json_old"].fillna("") != both["result_json_new"].fillna("")]
    return [
        {
            "study": f"{r.intervention_id} × {r.indicator_id}",
            "old": _verdict(r.verdict_old, r.estimate_old, r.result_json_old),
            "new": _verdict(r.verdict_new, r.estimate_new, r.result_json_new),
        }
        for r in diff.sort_values(["indicator_id", "intervention_id"]).itertuples()
    ]


def _verdict(verdict: object, estimate: object, result: object) -> str:
    """'changed (+1.20)', or a refusal with its reason."""
    if not isinstance(verdict, str):
        return "none"
    if verdict == "refused" and isinstance(result, str):
        why = str(json.loads(result).get("problem") or "").removeprefix(REFUSED).strip(" .")
        return f"refused ({why[:90]})" if why else verdict
    return verdict + ("" if pd.isna(estimate) else f" ({estimate:+.2f})")


def captions(old_wh: Path | None, new_wh: Path, stories: Path = STORIES) -> list[dict]:
    """Story slides whose filled caption reads differently on the new warehouse."""
    from atlas.data.sql import run
    from atlas.text.captions import PLACEHOLDER, fill

    slides = []
    for path in sorted(stories.glob("*.yaml")):
        for view in yaml.safe_load(path.read_text()) or []:
            if PLACEHOLDER.search(view.get("caption") or ""):
                slides.append((path.stem, view.get("title", ""), view["caption"]))
    if not slides or not (old_wh and old_wh.exists()):
        return []
    filled = {}
    for label, wh in (("old", old_wh), ("new", new_wh)):
        con = duckdb.connect(str(wh), read_only=True)
        try:
            read = lambda name, con=con, **p: run(name, con, **p)  # noqa: E731
            filled[label] = [fill(text, read) for _, _, text in slides]
        finally:
            con.close()
    return [
        {"story": story, "slide": title, "old": a, "new": b}
        for (story, title, _), a, b in zip(slides, filled["old"], filled["new"], strict=True)
        if a != b
    ]


def render(head: dict, drift, changes: dict, studies_: list[dict], captions_: list[dict]) -> str:
    """The changelog as Markdown (printed and kept in data/refresh-log/)."""
    lines = [f"# Refresh {head['when']}: {head['file']}", ""]
    lines += [f"- {k}: {v}" for k, v in head.items() if k not in ("when", "file")]
    lines += ["", "## Drift checks", ""]
    lines += [f"- FAILED {p}" for p in drift.problems] or ["- all passed"]
    lines += [
        f"- WITHDRAWN '{s}': not in the new release; the last good values are kept"
        for s in drift.withdrawn
    ]
    lines += ["", "## New periods", ""]
    lines += [f"- {s}: {', '.join(p)}" for s, p in changes["new_periods"].items()] or ["- none"]
    lines += ["", f"## Largest revisions ({changes['n_revised']} values revised)", ""]
    lines += [
        f"- {r['series']}, {r['area']}, {r['period']}: {_v(r['old'])} → {_v(r['new'])}"
        for r in changes["revisions"]
    ] or ["- none"]
    lines += ["", "## Areas", ""]
    lines += [f"- new: {', '.join(changes['new_areas']) or 'none'}"]
    lines += [f"- removed: {', '.join(changes['removed_areas']) or 'none'}"]
    now_possible = sum(
        s["old"].startswith("refused") and not s["new"].startswith("refused") for s in studies_
    )
    lines += [
        "",
        f"## Precomputed studies that change ({len(studies_)}; {now_possible} refused before, estimated now)",
        "",
    ]
    lines += [f"- {s['study']}: {s['old']} → {s['new']}" for s in studies_] or ["- none"]
    lines += ["", f"## Story captions that change ({len(captions_)})", ""]
    for c in captions_:
        lines += [f"- {c['story']} / {c['slide']}:", f"  - was: {c['old']}", f"  - now: {c['new']}"]
    if not captions_:
        lines.append("- none")
    return "\n".join(lines) + "\n"


def _v(x: float) -> str:
    return "blank" if pd.isna(x) else f"{x:g}"
