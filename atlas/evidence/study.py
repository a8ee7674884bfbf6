"""What a before/after study reads from the warehouse, shaped once: the outcome's panel with its
series-break rules and lag, the areas with their regions and neighbours, the register with its
programme families, and the treated areas and exclusions for an intervention.

``read(name, **params)`` runs a named query (``sql/queries/<name>.sql``): the app passes its cached
``atlas.data.db.query``, the command line and the build pass a plain DuckDB runner. No Streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

Reader = Callable[..., pd.DataFrame]

IMD, IMD_PUBLISHED = "imd2019_avg_score", 2019
#: Outcomes published on the same definition in every nation (ONS surveys and accounts): a study
#: with an area outside England draws its comparators and placebos from the whole UK.
UK_OUTCOMES = (
    "employment_rate",
    "inactivity_rate",
    "unemployment_modelled",
    "claimant_rate",
    "pay_weekly_median",
    "gdhi_per_head",
    "hle_female",
    "hle_male",
)
WINDOW = 3  # years either side of the start in which a related programme counts as overlapping
#: Years from a programme's start to the first year its outcome could respond, by indicator family.
LAGS = {
    **dict.fromkeys(
        ["ks4_att8", "ks4_em95", "gcse_em_19"],
        (
            2,
            "GCSE courses run over two school years, so pupils taught after the start sit their "
            "exams two years later at the earliest",
        ),
    ),
    **dict.fromkeys(
        ["ks2_rwm", "ks2_rwm_lad", "eyfs_gld"],
        (
            2,
            "Key stage and early-years results reflect several years of schooling; two years is "
            "the shortest plausible response",
        ),
    ),
    "he19": (
        2,
        "Entry to HE by age 19 is counted for pupils who were 15 years earlier and "
        "published about two years after they enter, so two years is the shortest "
        "plausible response",
    ),
    "neet_16_17": (
        1,
        "NEET rates are measured each winter, so a change could show a year after the start",
    ),
    **dict.fromkeys(
        ["le", "le_sii", "hle"],
        (
            3,
            "Life expectancy figures are 3-year averages of deaths and health changes slowly, so "
            "three years is the shortest plausible response",
        ),
    ),
}
DEFAULT_LAG = (
    1,
    "Labour-market and income figures are annual; a change could show a year after the start",
)
UNIT_WORDS = {
    "%": "percentage points",
    "pp": "percentage points",
    "score": "points",
    "years": "years",
    "£": "pounds",
    "£ per week": "pounds a week",
    "rank": "places",
    "count": "",
}


def lag_for(family: str) -> tuple[int, str]:
    return LAGS.get(family, DEFAULT_LAG)


def break_rules(breaks: pd.DataFrame) -> tuple[list[int], list[int], pd.DataFrame]:
    """Split a family's series breaks into years that cut the series and years to drop.

    A COVID-19 disruption (cancelled exams, no assessment, transitional grading) inflates or
    empties just those years, so they are dropped; 'return to pre-pandemic standards' restores
    comparability with earlier years. Any other break changes the measure from its year on
    ('not comparable with 2016/17 onwards' on a 2015/16 row: from 2016/17)."""
    cuts, drops, rows = [], [], []
    for r in breaks.itertuples():
        note = str(r.note)
        onwards = re.search(r"not comparable with (\d{4})/\d{2} onwards", note)
        if re.search(r"COVID|transitional grading", note, re.I):
            drops.append(int(r.year))
            how = "year left out (disrupted, not a lasting change of measure)"
        elif re.search(r"return to pre-pandemic", note, re.I):
            how = "no cut: comparable with the years before the pandemic again"
        else:
            year = int(onwards.group(1)) + 1 if onwards else int(r.year)
            cuts.append(year)
            how = f"series cut: years before {year} are not compared with later ones"
        rows.append({"period": r.period, "year": int(r.year), "note": note, "treatment": how})
    return sorted(set(cuts)), sorted(set(drops)), pd.DataFrame(rows)


@dataclass
class Outcome:
    meta: dict
    panel: pd.DataFrame  # area_code, year, value (dropped years removed)
    names: dict
    cuts: list[int]
    drops: list[int]
    breaks: pd.DataFrame
    areas: pd.DataFrame  # area_code, area_name, region_code, ca_code (current, this level)
    touch: pd.DataFrame  # area_code, neighbour_code
    imd: pd.Series  # IMD 2019 average score by area at this level (may be empty)
    lag: int
    lag_why: str

    @property
    def unit_words(self) -> str:
        return UNIT_WORDS.get(self.meta["unit"], self.meta["unit"]) or "points"


def outcomes(read: Reader) -> pd.DataFrame:
    return read("ba_outcomes").set_index("indicator_id", drop=False)


def uk_outcomes(read: Reader) -> list[str]:
    """Outcomes a study with areas in Wales, Scotland or Northern Ireland can use."""
    return [i for i in UK_OUTCOMES if i in set(outcomes(read)["indicator_id"])]


def load_outcome(read: Reader, ind: str, uk: bool = False) -> Outcome:
    """One outcome's panel: English authorities, or (``uk``) every UK authority."""
    table = outcomes(read)
    if ind not in table.index:
        raise KeyError(ind)
    meta = table.loc[ind].to_dict()
    geo = meta["geography"]
    raw = read("ba_values", ind=ind, geo=geo, uk=uk)
    cuts, drops, breaks = break_rules(read("ba_series_breaks", family=meta["family"]))
    panel = raw.loc[~raw["year"].isin(drops), ["area_code", "year", "value"]].reset_index(drop=True)
    imd = read("ba_values", ind=IMD, geo=geo, uk=False).set_index("area_code")["value"]
    lag, why = lag_for(meta["family"])
    return Outcome(
        meta=meta,
        panel=panel,
        names=dict(zip(raw["area_code"], raw["area_name"], strict=False)),
        cuts=cuts,
        drops=drops,
        breaks=breaks,
        areas=read("evidence_areas", geo=geo),
        touch=read("evidence_neighbours", geo=geo),
        imd=imd.dropna(),
        lag=lag,
        lag_why=why,
    )


@dataclass
class Register:
    interventions: pd.DataFrame  # indexed by intervention_id
    coverage: pd.DataFrame  # intervention_id, area_code (district), utla_code, names
    families: pd.DataFrame  # indexed by programme_group: family, aims, outcomes


def load_register(read: Reader) -> Register:
    reg = read("partnerships_register").set_index("intervention_id", drop=False)
    fam = read("evidence_families").set_index("programme_group", drop=False)
    fam["outcomes"] = fam["outcomes"].map(lambda v: [] if v is None else list(v))
    return Register(reg, read("partnerships_areas"), fam)


def family_of(reg: Register, group: str) -> str:
    return reg.families["family"].get(group, group)


def treated_areas(reg: Register, iv: str, geo: str) -> pd.DataFrame:
    """The intervention's areas at the outcome's level: districts, or the upper-tier authorities
    containing them, with the districts listed."""
    cov = reg.coverage[reg.coverage["intervention_id"] == iv]
    code, name = ("utla_code", "utla_name") if geo == "utla" else ("area_code", "area_name")
    districts: dict[tuple[str, str], set[str]] = {}
    for c, n, d in zip(
        cov[code].tolist(), cov[name].tolist(), cov["area_name"].tolist(), strict=True
    ):
        if not (pd.isna(c) or pd.isna(n)):
            districts.setdefault((c, n), set()).add(d)
    keys = sorted(districts)
    return pd.DataFrame(
        {
            "area_code": [c for c, _ in keys],
            "area_name": [n for _, n in keys],
            "districts": [", ".join(sorted(districts[k])) for k in keys],
        },
        columns=["area_code", "area_name", "districts"],
    )


def _related(reg: Register, iv: str, start: int, fam: str) -> dict[str, str]:
    """The other interventions of family ``fam`` (``iv``'s) that ran at any time within WINDOW
    years of ``start``, each as "name (years)". Unknown dates: assume it ran (an unknown start
    cannot be shown to be clear of the comparison)."""
    ivs = reg.interventions
    out = {}
    for i, group, name, s, e in zip(
        ivs.index,
        ivs["programme_group"],
        ivs["name"],
        ivs["start_year"],
        ivs["end_year"],
        strict=True,
    ):
        if i == iv or family_of(reg, group) != fam:
            continue
        if pd.isna(s):
            out[i] = f"{name} (dates not established)"
        elif int(s) <= start + WINDOW and (pd.isna(e) or int(e) >= start - WINDOW):
            out[i] = f"{name} ({int(s)}–{'' if pd.isna(e) else int(e)})"
    return out


def exclusions(
    reg: Register | None, iv: str | None, treated: list[str], start: int, out: Outcome
) -> pd.DataFrame:
    """Areas kept out of the comparator pool, each with its reason.

    * touching a programme area (spillover: people, jobs and services cross the boundary);
    * covered by a programme of the same family (similar aims) running within three years of
      the start, including other interventions of the same programme.

    Plain Python over the few hundred rows involved: it runs for every precomputed study."""
    names = dict(
        zip(out.areas["area_code"].tolist(), out.areas["area_name"].tolist(), strict=False)
    )
    mine = set(treated)
    found: dict[str, list[tuple[str, str]]] = {}  # area: (kind, reason), in the order found
    touched: dict[str, list[str]] = {}
    for a, b in zip(
        out.touch["area_code"].tolist(), out.touch["neighbour_code"].tolist(), strict=True
    ):
        if a in mine and b not in mine:
            touched.setdefault(b, []).append(a)
    for code in sorted(touched):
        why = "touches " + ", ".join(names.get(c, c) for c in sorted(touched[code]))
        found.setdefault(code, []).append(("neighbour", why))
    if reg is not None and iv is not None:
        fam = family_of(reg, reg.interventions.loc[iv, "programme_group"])
        labels = _related(reg, iv, start, fam)
        col = "utla_code" if out.meta["geography"] == "utla" else "area_code"
        progs: dict[str, set[str]] = {}
        for i, code in zip(
            reg.coverage["intervention_id"].tolist(), reg.coverage[col].tolist(), strict=True
        ):
            if i in labels and code not in mine and code in names:
                progs.setdefault(code, set()).add(labels[i])
        for code in sorted(progs):
            why = f"in a programme with similar aims ({fam}): " + "; ".join(sorted(progs[code]))
            found.setdefault(code, []).append(("related programme", why))
    rows = [
        {
            "area_code": code,
            "area_name": names.get(code, code),
            "kind": " and ".join(sorted({k for k, _ in both})),
            "reason": "; ".join(r for _, r in both),
        }
        for code, both in found.items()
    ]
    rows.sort(key=lambda r: (r["kind"], r["area_name"], r["area_code"]))
    return pd.DataFrame(rows, columns=["area_code", "area_name", "kind", "reason"])
