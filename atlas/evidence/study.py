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
    return (
        cov.groupby([code, name])["area_name"]
        .agg(lambda s: ", ".join(sorted(set(s))))
        .rename("districts")
        .reset_index()
        .rename(columns={code: "area_code", name: "area_name"})
    )


def _running(row: pd.Series, start: int) -> bool:
    """Did this intervention run at any time within WINDOW years of ``start``? Unknown dates:
    assume it did (an unknown start cannot be shown to be clear of the comparison)."""
    s, e = row["start_year"], row["end_year"]
    if pd.isna(s):
        return True
    end = 9999 if pd.isna(e) else int(e)
    return int(s) <= start + WINDOW and end >= start - WINDOW


def _years(row: pd.Series) -> str:
    s, e = row["start_year"], row["end_year"]
    if pd.isna(s):
        return "dates not established"
    return f"{int(s)}–{'' if pd.isna(e) else int(e)}"


def exclusions(
    reg: Register | None, iv: str | None, treated: list[str], start: int, out: Outcome
) -> pd.DataFrame:
    """Areas kept out of the comparator pool, each with its reason.

    * touching a programme area (spillover: people, jobs and services cross the boundary);
    * covered by a programme of the same family (similar aims) running within three years of
      the start, including other interventions of the same programme.
    """
    names = dict(zip(out.areas["area_code"], out.areas["area_name"], strict=False))
    rows = []
    touch = out.touch[
        out.touch["area_code"].isin(treated) & ~out.touch["neighbour_code"].isin(treated)
    ]
    for code, part in touch.groupby("neighbour_code"):
        rows.append(
            {
                "area_code": code,
                "area_name": names.get(code, code),
                "kind": "neighbour",
                "reason": "touches "
                + ", ".join(names.get(c, c) for c in sorted(part["area_code"])),
            }
        )
    if reg is not None and iv is not None:
        fam = family_of(reg, reg.interventions.loc[iv, "programme_group"])
        ivs = reg.interventions
        related = ivs[
            (ivs["programme_group"].map(lambda g: family_of(reg, g)) == fam)
            & (ivs.index != iv)
            & ivs.apply(lambda r: _running(r, start), axis=1)
        ]
        geo = out.meta["geography"]
        cov = reg.coverage[reg.coverage["intervention_id"].isin(related.index)]
        col = "utla_code" if geo == "utla" else "area_code"
        for code, part in cov.groupby(col):
            if code in treated or code not in names:
                continue
            progs = sorted(
                {f"{ivs.loc[i, 'name']} ({_years(ivs.loc[i])})" for i in part["intervention_id"]}
            )
            rows.append(
                {
                    "area_code": code,
                    "area_name": names.get(code, code),
                    "kind": "related programme",
                    "reason": f"in a programme with similar aims ({fam}): " + "; ".join(progs),
                }
            )
    frame = pd.DataFrame(rows, columns=["area_code", "area_name", "kind", "reason"])
    return (
        frame.groupby(["area_code", "area_name"], as_index=False)
        .agg(kind=("kind", lambda s: " and ".join(sorted(set(s)))), reason=("reason", "; ".join))
        .sort_values(["kind", "area_name"])
        .reset_index(drop=True)
    )
