"""Data access for the atlas pages: each helper is one or two named queries plus light shaping.

Pages call these; nothing here builds SQL (queries live in ``sql/queries``) or draws anything.
Comparisons follow the Fingertips convention: with a 95% CI, an area is *significantly* better or
worse than England when its interval excludes England's value; without one, by value alone.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from atlas import exports
from atlas.db import query, version

ENGLAND = "E92000001"
NORTH_EAST = "E12000001"
DEFAULT_IND = "ks4_att8_all"
KEY_INDICATORS = ("ks4_att8_all", "he19_fsm", "inactivity_rate", "le_female")
DOMAINS = {
    "attainment": "Attainment",
    "he_participation": "HE participation",
    "labour": "Economic inactivity and labour",
    "health": "Health inequality",
    "deprivation": "Deprivation",
    "context": "Context",
}
LEVELS = {
    "lad": "district",
    "county": "county",
    "region": "region",
    "ca": "combined authority",
    "nation": "country",
}
STATUS_WORDS = {
    "suppressed": "suppressed",
    "unreliable": "unreliable",
    "not_available": "not available",
}
BETTER, SIMILAR, WORSE, HIGHER, LOWER, NONE = (
    "Better than England",
    "Similar to England",
    "Worse than England",
    "Higher than England",
    "Lower than England",
    "No comparison",
)


# ---- catalogue and areas ------------------------------------------------------------------------


@st.cache_resource(max_entries=2, show_spinner=False)
def _indicators(build: str) -> pd.DataFrame:
    frame = query("common_indicators").set_index("indicator_id", drop=False)
    frame["periods"] = frame["periods"].map(list)
    return frame


def indicators() -> pd.DataFrame:
    """The indicator catalogue indexed by indicator_id, with ``periods`` and ``latest_period``.
    Shared between sessions: read it, don't modify it."""
    return _indicators(version())


@st.cache_resource(max_entries=2, show_spinner=False)
def _areas(build: str) -> pd.DataFrame:
    return query("common_areas").set_index("area_code", drop=False)


def areas() -> pd.DataFrame:
    """Current areas indexed by code. Shared between sessions: read it, don't modify it."""
    return _areas(version())


def kind(row: pd.Series) -> str:
    """'district', 'unitary', 'borough', 'county', 'region', 'combined authority' or 'country'."""
    if row["level"] == "lad" and row["is_utla"]:
        return "unitary" if str(row["area_code"]).startswith("E06") else "borough"
    return LEVELS.get(row["level"], row["level"])


def labels(places: pd.DataFrame) -> dict[str, str]:
    """{code: 'Name (kind)'} for every area, for pickers (vectorised: pickers call it per option)."""
    kind = places["level"].map(LEVELS)
    unitary = places["is_utla"] & (places["level"] == "lad")
    kind = kind.mask(
        unitary, np.where(places["area_code"].str.startswith("E06"), "unitary", "borough")
    )
    text = places["area_name"] + " (" + kind + ")"
    return text.mask(places["level"] == "nation", places["area_name"]).to_dict()


def focus_options(places: pd.DataFrame) -> list[str]:
    """England, then regions, then combined authorities — the map's zoom targets."""
    order = {"nation": 0, "region": 1, "ca": 2}
    picked = places[places["level"].isin(order)]
    picked = picked.assign(o=picked["level"].map(order)).sort_values(["o", "area_name"])
    return picked["area_code"].tolist()


def members(places: pd.DataFrame, focus: str, geography: str) -> list[str]:
    """Codes of the areas at ``geography`` ('lad'/'utla') inside a region, CA or England."""
    lads = places[places["is_lad"]]
    if focus != ENGLAND:
        lads = lads[(lads["region_code"] == focus) | (lads["ca_code"] == focus)]
    if geography == "utla":
        return sorted(set(lads["utla_code"].dropna()))
    return lads["area_code"].tolist()


def value_code(places: pd.DataFrame, code: str, geography: str) -> tuple[str, str | None]:
    """The area whose published value stands for ``code``: a district takes its county's value for
    indicators published only at upper-tier level. Returns (code, note)."""
    row = places.loc[code]
    if geography == "utla" and row["level"] == "lad" and not row["is_utla"] and row["utla_code"]:
        return row["utla_code"], f"shown for {row['utla_name']}, the upper-tier authority"
    return code, None


# ---- formatting ---------------------------------------------------------------------------------


def fmt(value: float | None, unit: str, decimals: int | float = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no data"
    d = int(decimals) if decimals == decimals else 1
    text = f"{value:,.{d}f}"
    if unit == "%":
        return f"{text}%"
    if unit in ("£", "£ per week"):
        return f"£{text}" + (" a week" if unit == "£ per week" else "")
    if unit in ("years", "score", "rank"):
        return f"{text} {unit}" if unit == "years" else text
    return text


def years(start, end) -> str:
    """'2016–2017', '2021–' (ongoing) or '' from nullable years."""
    if start is None or pd.isna(start):
        return ""
    return f"{int(start)}–{'' if end is None or pd.isna(end) else int(end)}"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def shown(value: float | None, status: str, unit: str, decimals: int) -> str:
    """A value as a reader sees it: statuses other than 'ok' become words, never 0."""
    if status and status != "ok" and (value is None or pd.isna(value)):
        return STATUS_WORDS.get(status, status.replace("_", " "))
    if value is None or pd.isna(value):
        return "not available"
    return fmt(value, unit, decimals)


# ---- comparison, ranks and classes --------------------------------------------------------------


def compare(value: float, lower: float, upper: float, england: float, polarity: str) -> str:
    """Compared with England: 'Better/Similar/Worse than England' (or Higher/Lower for neutral)."""
    if pd.isna(value) or pd.isna(england):
        return NONE
    if pd.notna(lower) and pd.notna(upper):
        side = 1 if lower > england else -1 if upper < england else 0
    else:
        side = int(np.sign(value - england))
    if side == 0:
        return SIMILAR
    if polarity == "neutral":
        return HIGHER if side > 0 else LOWER
    good = side > 0 if polarity == "higher_better" else side < 0
    return BETTER if good else WORSE


def ranked(frame: pd.DataFrame, meta: pd.Series, england: float | None) -> pd.DataFrame:
    """Add rank (1 = best), rank text, quintile (1 = best / highest) and comparison to LA rows."""
    out = frame.copy()
    ok = out["value"].notna()
    ascending = meta["polarity"] == "lower_better"
    out["rank"] = out.loc[ok, "value"].rank(ascending=ascending, method="min").astype("Int64")
    n = int(ok.sum())
    word = "highest" if meta["polarity"] == "neutral" else "best"
    out["rank_text"] = [
        f"{ordinal(int(r))} {word} of {n}" if pd.notna(r) else "not ranked" for r in out["rank"]
    ]
    pct = out.loc[ok, "value"].rank(ascending=ascending, method="average", pct=True)
    out["quintile"] = np.ceil(pct * 5).clip(1, 5).astype("Int64")
    out["comparison"] = [
        compare(v, lo, hi, england if england is not None else np.nan, meta["polarity"])
        for v, lo, hi in zip(out["value"], out["lower_ci"], out["upper_ci"], strict=True)
    ]
    out["has_ci"] = out["lower_ci"].notna() & out["upper_ci"].notna()
    return out


def describe(frame: pd.DataFrame, meta: pd.Series) -> pd.DataFrame:
    """Human text columns: value, CI, status."""
    unit, dec = meta["unit"], int(meta["decimals"])
    out = frame.copy()
    out["value_text"] = [
        shown(v, s, unit, dec) for v, s in zip(out["value"], out["status"], strict=True)
    ]
    out["ci_text"] = [
        f"{fmt(lo, unit, dec)} to {fmt(hi, unit, dec)}" if pd.notna(lo) and pd.notna(hi) else ""
        for lo, hi in zip(out["lower_ci"], out["upper_ci"], strict=True)
    ]
    out["status_text"] = out["status"].map(
        lambda s: "published" if s == "ok" else STATUS_WORDS.get(s, str(s))
    )
    return out


# ---- page-level data ----------------------------------------------------------------------------


def map_data(ind: str, period: str) -> tuple[pd.DataFrame, dict]:
    return _map_data(version(), ind, period)


@st.cache_data(max_entries=500, show_spinner=False)
def _map_data(build: str, ind: str, period: str) -> tuple[pd.DataFrame, dict]:
    """LA rows for a map (ranked, described) and the headline comparators {code: row}."""
    meta = indicators().loc[ind]
    places = areas()
    values = query("map_values", ind=ind, period=period)
    level = places["is_lad"] if meta["geography"] == "lad" else places["is_utla"]
    las = values[values["area_code"].isin(places.index[level])]
    others = values[~values["area_code"].isin(las["area_code"])]
    england = others.loc[others["area_code"] == ENGLAND, "value"]
    eng = float(england.iloc[0]) if len(england) and pd.notna(england.iloc[0]) else None
    frame = describe(ranked(las, meta, eng), meta)
    return frame.reset_index(drop=True), {
        r["area_code"]: r for _, r in describe(others, meta).iterrows()
    }


def geometry(level: str) -> pd.DataFrame:
    return query("map_geometry", level=level)


def interventions() -> pd.DataFrame:
    """One row per intervention x covered 2024 LAD."""
    return query("common_interventions")


def programme_groups() -> list[str]:
    frame = interventions()
    firsts = frame.groupby("programme_group")["start_year"].min().sort_values()
    return firsts.index.tolist()


def covered(programmes: list[str], geography: str) -> pd.DataFrame:
    """Areas at the map level covered by the chosen programmes, with intervention names."""
    if not programmes:
        return pd.DataFrame(columns=["area_code", "names"])
    frame = interventions()
    frame = frame[frame["programme_group"].isin(programmes)]
    if geography == "utla":
        utla = areas()["utla_code"]
        frame = frame.assign(area_code=frame["area_code"].map(utla).fillna(frame["area_code"]))
    label = frame["name"] + " (" + frame["start_year"].astype("Int64").astype(str) + ")"
    grouped = frame.assign(label=label).groupby("area_code")["label"]
    return grouped.agg(lambda s: "<br>".join(sorted(set(s)))).rename("names").reset_index()


def area_interventions(code: str) -> pd.DataFrame:
    """Interventions covering an area: its own LAD code, or any LAD inside a county/region/CA."""
    places = areas()
    row = places.loc[code]
    if row["level"] == "lad":
        inside = [code]
    elif row["level"] == "nation":
        inside = places.index[places["is_lad"]].tolist()
    else:
        col = {"county": "utla_code", "region": "region_code", "ca": "ca_code"}[row["level"]]
        inside = places.index[places["is_lad"] & (places[col] == code)].tolist()
    frame = interventions()
    frame = frame[frame["area_code"].isin(inside)]
    keep = [
        "intervention_id",
        "name",
        "programme",
        "programme_group",
        "partners",
        "start_year",
        "end_year",
        "source_titles",
        "source_urls",
        "via",
        "is_uncertain",
        "notes",
    ]
    return frame[keep].drop_duplicates("intervention_id").sort_values(["start_year", "name"])


def series_breaks() -> pd.DataFrame:
    return query("common_series_breaks")


def profile_values(codes: list[str]) -> pd.DataFrame:
    return query("profile_values", codes=sorted(set(codes)))


def ranges() -> pd.DataFrame:
    return query("profile_ranges").set_index("indicator_id")


def compare_values(ind: str, codes: list[str]) -> pd.DataFrame:
    return query("compare_values", ind=ind, codes=sorted(set(codes)))


def neighbours(code: str, neighbour_set: str) -> list[str]:
    return query("compare_neighbours", area=code, neighbour_set=neighbour_set)["area_code"].tolist()


# ---- profile ------------------------------------------------------------------------------------


def comparators(code: str) -> list[str]:
    """An area, then its upper-tier authority, region and England (as far as they apply)."""
    row = areas().loc[code]
    out = [code]
    if row["level"] == "lad" and row["utla_code"]:
        out.append(row["utla_code"])
    if row["level"] in ("lad", "county") and row["region_code"]:
        out.append(row["region_code"])
    return list(dict.fromkeys([*out, ENGLAND]))


def spine_frame(code: str) -> pd.DataFrame:
    return _spine_frame(version(), code)


@st.cache_data(max_entries=400, show_spinner=False)
def _spine_frame(build: str, code: str) -> pd.DataFrame:
    """One row per indicator (latest period): the area's value, its region's and England's, the
    England range of LA values, and the comparison with England."""
    cat, places, rng = indicators(), areas(), ranges()
    row = places.loc[code]
    region = row["region_code"] if row["level"] in ("lad", "county") else None
    vals = profile_values(comparators(code)).set_index(["indicator_id", "area_code", "period"])

    def get(ind: str, area: str | None, period: str) -> pd.Series | None:
        key = (ind, area, period)
        return vals.loc[key] if area and key in vals.index else None

    rows = []
    for ind, meta in cat.iterrows():
        if ind not in rng.index:
            continue
        r = rng.loc[ind]
        vc, note = value_code(places, code, meta["geography"])
        own, eng, reg = (
            get(ind, vc, r["period"]),
            get(ind, ENGLAND, r["period"]),
            get(ind, region, r["period"]),
        )
        value = own["value"] if own is not None else np.nan
        lo = own["lower_ci"] if own is not None else np.nan
        hi = own["upper_ci"] if own is not None else np.nan
        status = own["status"] if own is not None else "not_available"
        e = eng["value"] if eng is not None else np.nan
        rows.append(
            {
                "indicator_id": ind,
                "indicator_title": meta["title"],
                "area_code": vc,
                "area_name": places.loc[vc, "area_name"],
                "level": places.loc[vc, "level"],
                "year": own["year"] if own is not None else r["year"],
                "source_file": own["source_file"] if own is not None else None,
                "source_measure": own["source_measure"] if own is not None else None,
                "domain": meta["domain"],
                "title": meta["short_title"],
                "unit": meta["unit"],
                "decimals": int(meta["decimals"]),
                "polarity": meta["polarity"],
                "period": r["period"],
                "value": value,
                "lower_ci": lo,
                "upper_ci": hi,
                "status": status,
                "region": reg["value"] if reg is not None else np.nan,
                "england": e,
                "min": r["min_value"],
                "q25": r["q25"],
                "q75": r["q75"],
                "max": r["max_value"],
                "median": r["median"],
                "n": int(r["n_areas"]),
                "comparison": compare(value, lo, hi, e, meta["polarity"])
                if meta["unit"] != "count"
                else NONE,
                "note": note
                or (
                    None
                    if own is not None or row["level"] != "county"
                    else "published for districts only"
                ),
            }
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    frame["shown"] = [
        shown(v, s, u, d)
        for v, s, u, d in zip(
            frame["value"], frame["status"], frame["unit"], frame["decimals"], strict=True
        )
    ]
    order = {d: i for i, d in enumerate(DOMAINS)}
    return frame.sort_values(
        ["domain", "indicator_id"],
        key=lambda s: (
            s.map(order) if s.name == "domain" else s.map({k: i for i, k in enumerate(cat.index)})
        ),
    ).reset_index(drop=True)


def trend_frame(code: str, ind: str) -> tuple[pd.DataFrame, str | None]:
    return _trend_frame(version(), code, ind)


@st.cache_data(max_entries=2000, show_spinner=False)
def _trend_frame(build: str, code: str, ind: str) -> tuple[pd.DataFrame, str | None]:
    """Long frame (series, period, year, value, lower_ci, upper_ci) for the area, its region and
    England, plus a note when the area's line is its upper-tier authority's."""
    places = areas()
    meta = indicators().loc[ind]
    vc, note = value_code(places, code, meta["geography"])
    codes = comparators(code)
    vals = profile_values(codes)
    vals = vals[vals["indicator_id"] == ind]
    row = places.loc[code]
    wanted = [(vc, row["area_name"] if vc == code else places.loc[vc, "area_name"], "area")]
    if row["level"] in ("lad", "county") and row["region_code"]:
        wanted.append((row["region_code"], row["region_name"], "region"))
    if code != ENGLAND:
        wanted.append((ENGLAND, "England", "england"))
    frame = pd.concat(
        [
            vals[vals["area_code"] == c].assign(
                series=name, role=role, area_name=name, level=places.loc[c, "level"]
            )
            for c, name, role in wanted
        ],
        ignore_index=True,
    )
    return frame.sort_values("year"), note


# ---- pickers and programme markers --------------------------------------------------------------

PICK_ORDER = {"nation": 0, "region": 1, "ca": 2, "county": 3, "lad": 4}
GOVERNANCE = ("Combined authorities",)


def pickable(places: pd.DataFrame) -> list[str]:
    """Codes a user can open: England, regions, CAs, counties and districts (alphabetical in each)."""
    ordered = places.assign(o=places["level"].map(PICK_ORDER)).dropna(subset=["o"])
    return ordered.sort_values(["o", "area_name"])["area_code"].tolist()


def events(frame: pd.DataFrame) -> pd.DataFrame:
    """Programme markers for trend charts: one per intervention, governance bodies left out,
    labelled 'Leading Places 1 (2016–17)' / 'CNUA (2021–)'."""
    keep = frame[~frame["programme_group"].isin(GOVERNANCE)].copy()

    def label(r: pd.Series) -> str:
        start = int(r["start_year"]) if pd.notna(r["start_year"]) else None
        end = f"{int(r['end_year']) % 100:02d}" if pd.notna(r["end_year"]) else ""
        if start is None:
            return r["programme_group"]
        return (
            f"{r['programme_group']} ({start}–{end})"
            if end != f"{start % 100:02d}"
            else f"{r['programme_group']} ({start})"
        )

    keep["label"] = keep.apply(label, axis=1) if len(keep) else []
    return keep


# ---- overview -----------------------------------------------------------------------------------

# One tile per entry: the first indicator the place has data for (life expectancy is published for
# districts, healthy life expectancy also for regions and combined authorities).
HEADLINES = (
    ("ks4_att8_all",),
    ("he19_fsm",),
    ("inactivity_rate",),
    ("le_male", "hle_male"),
    ("le_female", "hle_female"),
)
PROFILE_HEADLINES = (*HEADLINES, ("child_poverty_ahc", "imd2025_avg_score"))


def _latest_pair(
    vals: pd.DataFrame, ind: str, code: str
) -> tuple[pd.Series | None, pd.Series | None]:
    """The latest period where ``code`` has a value, with England's row for the same period."""
    mine = vals[(vals["indicator_id"] == ind) & (vals["area_code"] == code) & vals["value"].notna()]
    if mine.empty:
        return None, None
    own = mine.sort_values("year").iloc[-1]
    eng = vals[
        (vals["indicator_id"] == ind)
        & (vals["area_code"] == ENGLAND)
        & (vals["period"] == own["period"])
    ]
    return own, (eng.iloc[0] if len(eng) else None)


def reading(code: str) -> str | None:
    """'In 2023/24, 22.1% of FSM pupils in the North East entered higher education by 19, compared
    with 28.9% across England.' — from the data, in the latest period both have."""
    vals = profile_values([code, ENGLAND])
    own, eng = _latest_pair(vals, "he19_fsm", code)
    if own is None or eng is None:
        return None
    name = areas().loc[code, "area_name"]
    the = "the " if areas().loc[code, "level"] == "region" or name.startswith("North") else ""
    return (
        f"In {own['period']}, {own['value']:.0f}% of pupils on free school meals in {the}{name} "
        f"went on to higher education by age 19, compared with {eng['value']:.0f}% across England."
    )


def headlines(code: str, choices: tuple = HEADLINES) -> list[dict]:
    """Headline tiles for a place: value, difference from England, comparison in words. A district
    shows its county's value for indicators published only for upper-tier authorities."""
    cat, places = indicators(), areas()
    out = []
    for options in choices:
        options = [c for c in options if c in cat.index]
        if not options:
            continue
        found = []
        for ind in options:
            vc, note = value_code(places, code, cat.loc[ind, "geography"])
            own, eng = _latest_pair(profile_values([vc, ENGLAND]), ind, vc)
            found.append((ind, own, eng, vc))
        ind, own, eng, vc = next((f for f in found if f[1] is not None), found[0])
        meta = cat.loc[ind]
        unit, dec = meta["unit"], int(meta["decimals"])
        tile = {
            "indicator_id": ind,
            "title": meta["short_title"]
            + (f" ({places.loc[vc, 'area_name']})" if vc != code else ""),
            "help": meta["definition"],
            "delta": None,
            "delta_color": "off",
            "description": None,
        }
        if own is None:
            out.append(
                {
                    **tile,
                    "period": meta["latest_period"],
                    "shown": "not published",
                    "comparison": f"Not published for {places.loc[code, 'area_name']}",
                }
            )
            continue
        e = eng["value"] if eng is not None else np.nan
        diff = own["value"] - e
        out.append(
            {
                **tile,
                "period": own["period"],
                "shown": shown(own["value"], own["status"], unit, dec),
                "delta": f"{diff:+.{dec}f}" if pd.notna(diff) else None,
                "description": f"vs England, {own['period']}",
                "delta_color": {"higher_better": "normal", "lower_better": "inverse"}.get(
                    meta["polarity"], "off"
                ),
                "comparison": f"{compare(own['value'], own['lower_ci'], own['upper_ci'], e, meta['polarity'])} "
                f"(England {fmt(e, unit, dec)})",
            }
        )
    return out


# ---- compare ------------------------------------------------------------------------------------

PRESETS = {
    "lp1": ("Leading Places phase 1 areas", "Leading Places 1"),
    "lp2": ("Leading Places phase 2 areas", "Leading Places 2"),
    "ne_mca": ("North East MCA members", None),
    "oa": ("Opportunity Areas", "Opportunity Areas"),
    "neighbours": ("Statistical neighbours of an area", None),
}
NE_MCA = "E47000014"


def preset_codes(group: str, anchor: str, geography: str) -> list[str]:
    """The areas of a preset group at the indicator's level (districts map to their upper tier for
    'utla' indicators). Statistical neighbours: DfE 2025 for upper tiers, ONS global for districts;
    the anchor first, then its 9 nearest."""
    places = areas()
    if group == "neighbours":
        own, _ = value_code(places, anchor, geography)
        found = neighbours(own, "DfE 2025" if geography == "utla" else "ONS global")
        return [own, *[c for c in found if c in places.index and c != own]][:10]
    if group == "ne_mca":
        lads = places.index[places["is_lad"] & (places["ca_code"] == NE_MCA)].tolist()
    else:
        frame = interventions()
        lads = sorted(set(frame.loc[frame["programme_group"] == PRESETS[group][1], "area_code"]))
    return at_level(lads, geography)


def at_level(codes: list[str], geography: str) -> list[str]:
    """Codes mapped to the areas that publish values at ``geography``, order kept, duplicates dropped."""
    places = areas()
    out = [value_code(places, c, geography)[0] if c in places.index else c for c in codes]
    return list(dict.fromkeys(out))


def compare_table(ind: str, period: str, codes: list[str]) -> pd.DataFrame:
    """The chosen areas' rows from the map data (value, CI, status, England rank, comparison),
    ranked within the group (1 = best)."""
    frame, others = map_data(ind, period)
    meta = indicators().loc[ind]
    rows = frame[frame["area_code"].isin(codes)].copy()
    missing = [c for c in codes if c not in set(rows["area_code"])]
    if missing:  # regions / CAs the user picked, or areas with no row this period
        extra = [others[c] for c in missing if c in others]
        rows = pd.concat([rows, pd.DataFrame(extra)], ignore_index=True) if extra else rows
    asc = meta["polarity"] == "lower_better"
    rows["group_rank"] = rows["value"].rank(ascending=asc, method="min").astype("Int64")
    return rows.sort_values(["group_rank", "area_name"], na_position="last").reset_index(drop=True)


def compare_trends(ind: str, codes: list[str]) -> pd.DataFrame:
    """Long frame for small multiples: one facet per area, each with its own line and England's."""
    vals = compare_values(ind, codes)
    eng = vals[vals["area_code"] == ENGLAND]
    parts = []
    for code in codes:
        mine = vals[vals["area_code"] == code]
        if mine.empty:
            continue
        name = mine["area_name"].iloc[0]
        parts += [mine.assign(facet=name, series="Area"), eng.assign(facet=name, series="England")]
    return pd.concat(parts, ignore_index=True) if parts else vals.assign(facet=[], series=[])


# ---- downloads: exactly what a view shows, as tidy rows (indicator x area x period) -------------
# Pure reshaping of frames the page already holds, so a download button's callable can run them
# off the script thread when clicked. The export columns come first, then the view's own.
RANK_COLUMNS = ["rank", "quintile", "comparison", "england_value"]
SPINE_COLUMNS = {
    "domain": "domain",
    "comparison": "comparison",
    "region_name": "region_name",
    "region": "region_value",
    "england": "england_value",
    "min": "la_min",
    "q25": "la_q25",
    "median": "la_median",
    "q75": "la_q75",
    "max": "la_max",
    "n": "la_count",
}


def _tidy(frame: pd.DataFrame, meta: pd.Series, extra: list[str], **fixed: object) -> pd.DataFrame:
    rows = frame.reset_index(drop=True)
    base = rows.assign(
        indicator_id=meta["indicator_id"],
        indicator_title=meta["title"],
        unit=meta["unit"],
        geography_level=rows["level"] if "level" in rows else None,
        **fixed,
    )
    return pd.concat([exports.tidy(base), rows[[c for c in extra if c in rows]]], axis=1)


def map_export(
    table: pd.DataFrame, meta: pd.Series, period: str, england: float | None
) -> pd.DataFrame:
    """The map's (or compare's) table as exported: one indicator and period, the areas shown, with
    rank in England (1 = best), quintile (the map colour), comparison with England's value and,
    for compare, ``group_rank`` (1 = best of the chosen areas)."""
    rows = table.assign(england_value=england)
    return _tidy(rows, meta, [*RANK_COLUMNS, "group_rank"], period=period)


def series_export(frame: pd.DataFrame, meta: pd.Series) -> pd.DataFrame:
    """Trend lines as exported: one row per area and period (England once, however many small
    charts repeat it) with the line it is drawn as (``area``/``region``/``england`` or
    ``Area``/``England``)."""
    rows = frame.drop_duplicates(["area_code", "period"])
    if "area_name" not in rows:
        rows = rows.assign(area_name=rows["series"])
    line = rows["role"] if "role" in rows else rows["series"]
    out = _tidy(rows.assign(line=line), meta, ["line"])
    return out.sort_values(["line", "area_name", "year"], kind="stable", ignore_index=True)


def spine_export(spine: pd.DataFrame, region_name: str | None) -> pd.DataFrame:
    """The spine chart as exported: each indicator's latest value for the area (its upper-tier
    authority's where only that is published), with its region's and England's values and the
    range across local authorities that the grey bar draws."""
    rows = spine.assign(region_name=region_name).reset_index(drop=True)
    out = exports.tidy(rows.rename(columns={"level": "geography_level"}))
    return pd.concat(
        [out, rows.reindex(columns=list(SPINE_COLUMNS)).rename(columns=SPINE_COLUMNS)], axis=1
    )
