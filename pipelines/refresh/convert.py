"""A publisher's file as downloaded -> the layout stored in data/raw (the one staging reads).

A download in the stored layout (an ELS CSV, a LAIT extract, the Fingertips extract) is kept as
it is. An API response in the publisher's own shape (Nomis, the Fingertips API, an Explore
Education Statistics CSV, an ONS API CSV) is rewritten into the stored columns, taking the words
the API does not carry (ELS ``geography``, LAIT ``topic``, Fingertips ``measure``) from the file it
replaces, so the staging SQL never changes.
"""

from __future__ import annotations

import re

import pandas as pd

from pipelines.refresh.kinds import ELS, FINGERTIPS, KINDS, LAIT, MYE, REVISION_TAG, read_csv, tidy

# a publisher's own layout -> (the stored kind, columns that identify it)
API_LAYOUTS = {
    "nomis": (ELS.name, {"GEOGRAPHY_CODE", "OBS_VALUE", "DATE_NAME"}),
    "fingertips_api": (FINGERTIPS.name, {"Indicator ID", "Area Code", "Time period", "Value"}),
    "ees": (LAIT.name, {"time_period", "geographic_level", "new_la_code"}),
    "ons_cmd": (MYE.name, {"v4_0", "Time", "administrative-geography"}),
}
LIKENESS = 0.6  # a header sharing this share of a stored layout's columns is that layout


def api_layout(cols: list[str]) -> str | None:
    return next((name for name, (_, need) in API_LAYOUTS.items() if need <= set(cols)), None)


def layout_of(cols: list[str]) -> str | None:
    """The stored kind a file with this header becomes (tolerating a renamed column, which the
    drift checks then name), or None."""
    api = api_layout(cols)
    if api:
        return API_LAYOUTS[api][0]
    best = max(KINDS.values(), key=lambda k: len(set(k.columns) & set(cols)) / len(k.columns))
    share = len(set(best.columns) & set(cols)) / len(best.columns)
    return best.name if share >= LIKENESS else None


def series_names(kind_name: str, data: bytes) -> set[str]:
    frame = read_csv(data)
    kind = KINDS[kind_name]
    if frame.empty or api_layout(list(frame.columns)) or not set(kind.series) <= set(frame.columns):
        return set()
    return set(tidy(kind, frame)["series"]) if kind.series else {kind.value}


def to_stored(kind_name: str, data: bytes, old: pd.DataFrame) -> pd.DataFrame:
    """The downloaded bytes as a frame in the stored layout (all text)."""
    frame = read_csv(data)
    api = api_layout(list(frame.columns))
    if api is None:
        return frame
    convert = {"nomis": nomis, "fingertips_api": fingertips, "ees": ees, "ons_cmd": ons_cmd}[api]
    try:
        return convert(frame, old)
    except KeyError as exc:
        raise ValueError(
            f"the {api} response has no column {exc}: the publisher changed its layout "
            "(see docs/refresh.md)"
        ) from None


def _lookup(old: pd.DataFrame, key: str, col: str) -> dict:
    return dict(zip(old[key], old[col], strict=True)) if len(old) else {}


def nomis(frame: pd.DataFrame, old: pd.DataFrame) -> pd.DataFrame:
    """Nomis APS (NM_17_5) rows, one per variable x measure, -> ELS rows with a 95% interval."""
    frame = frame[frame["DATE_NAME"].str.match(r"^Jan \d{4}-Dec \d{4}$")]
    key = ["DATE_NAME", "GEOGRAPHY_CODE", "GEOGRAPHY_NAME", "VARIABLE_NAME"]
    wide = frame.pivot_table(
        index=key, columns="MEASURES_NAME", values="OBS_VALUE", aggfunc="first"
    ).reset_index()
    value = pd.to_numeric(wide.get("Variable"), errors="coerce")
    conf = pd.to_numeric(wide.get("Confidence"), errors="coerce")
    year = wide["DATE_NAME"].str.slice(4, 8)
    out = pd.DataFrame(
        {
            "areacd": wide["GEOGRAPHY_CODE"],
            "areanm": wide["GEOGRAPHY_NAME"],
            "geography": None,
            "indicator": wide["VARIABLE_NAME"].map(
                lambda v: "Economically inactive" if "inactive" in v.lower() else "Employment rate"
            ),
            "period": year + "-01-01/P1Y",
            "observation": value.map(_num),
            "measure": "Percentage",
            "unit": "%",
            "lci_95": (value - conf).map(_num),
            "uci_95": (value + conf).map(_num),
            "status": value.isna().map({True: "x", False: ""}),
            "notes": "",
        }
    )
    pairs = old[["areacd", "geography"]].drop_duplicates() if len(old) else None
    if pairs is not None:  # a unitary is both a district and an upper-tier row in ELS files
        out = out.drop(columns="geography").merge(pairs, on="areacd", how="left")
    out["geography"] = out["geography"].fillna("Local Authority District")
    return out[list(ELS.columns)]


def fingertips(frame: pd.DataFrame, old: pd.DataFrame) -> pd.DataFrame:
    """The Fingertips API's all_data CSV -> the stored extract's columns (all ages, no categories)."""
    frame = frame[(frame.get("Category Type", "") == "") & (frame["Age"].str.contains("ages"))]
    measure = old["measure"].iloc[0] if len(old) else ""
    unit = old["unit"].iloc[0] if len(old) else ""
    types = _lookup(old, "area_code", "area_type")
    out = pd.DataFrame(
        {
            "area_code": frame["Area Code"],
            "area_name": frame["Area Name"],
            "area_type": [
                types.get(c, t) for c, t in zip(frame["Area Code"], frame["Area Type"], strict=True)
            ],
            "period": frame["Time period"],
            "indicator": frame["Indicator Name"],
            "measure": measure,
            "unit": unit,
            "value": frame["Value"].replace("", "NA"),
            "compared_to_England": frame.get("Compared to England value or percentiles", ""),
            "inequality": frame["Sex"].replace({"Persons": "Persons"}),
        }
    )
    return out[list(FINGERTIPS.columns)].drop_duplicates(["area_code", "period", "inequality"])


def _label(time_period: str, like: str) -> str:
    """EES '202324' -> LAIT's label for the measure: '2024' (end year) or '2023-24'."""
    start, end = time_period[:4], time_period[4:6] if len(time_period) == 6 else time_period[:4]
    if re.match(r"^\d{4}-\d{2}$", like or ""):
        return f"{start}-{end}"
    return str(int(start) + 1) if len(time_period) == 6 else start


def _area_code(frame: pd.DataFrame) -> pd.Series:
    """EES puts a region's or England's code in region_code / country_code, not new_la_code."""
    code = frame["new_la_code"]
    for col in ("region_code", "country_code"):
        if col in frame:
            code = code.where(code != "", frame[col])
    return code


def ees(frame: pd.DataFrame, old: pd.DataFrame) -> pd.DataFrame:
    """An Explore Education Statistics CSV (one column per indicator) -> LAIT long rows for every
    indicator column that is a measure code of the file it replaces."""
    topics = _lookup(old, "measure_code", "topic")
    labels = _lookup(old, "measure_code", "time_period_label")
    held = {  # keep LAIT's own label ('2024 (Rev)') for a year it already holds
        (m, REVISION_TAG.sub("", lab)): lab
        for m, lab in zip(old["measure_code"], old["time_period_label"], strict=True)
    }
    rows = []
    for code in [c for c in frame.columns if c in topics]:
        value = frame[code]
        missing = ~value.str.match(r"^-?\d")
        rows.append(
            pd.DataFrame(
                {
                    "topic": topics[code],
                    "measure_code": code,
                    "time_period_label": frame["time_period"].map(
                        lambda t, c=code: (lambda lab: held.get((c, lab), lab))(
                            _label(t, labels.get(c, ""))
                        )
                    ),
                    "geographic_level": frame["geographic_level"],
                    "old_la_code": frame.get("old_la_code", ""),
                    "new_la_code": _area_code(frame),
                    "la_name": frame.get("la_name", ""),
                    "region_name": frame.get("region_name", ""),
                    "value": value.where(~missing, ""),
                    "value_note": missing.map({True: "-", False: ""}),
                }
            )
        )
    if not rows:
        return pd.DataFrame(columns=LAIT.columns)
    out = pd.concat(rows, ignore_index=True)
    # a measure with no value at all in a year it never had was not collected: no rows, as in
    # LAIT (a year LAIT lists as all '-', such as Progress 8 in 2020, keeps its rows)
    some = (out["value_note"] != "-").groupby([out["measure_code"], out["time_period_label"]])
    had = {(m, lab) for (m, _), lab in held.items()}
    listed = [p in had for p in zip(out["measure_code"], out["time_period_label"], strict=True)]
    return out[some.transform("any") | pd.Series(listed, index=out.index)].reset_index(drop=True)


def ons_cmd(frame: pd.DataFrame, old: pd.DataFrame) -> pd.DataFrame:
    """The ONS API's mid-year estimates CSV (v4) -> one total per area and year."""
    sex = frame["Sex"] if "Sex" in frame else frame.get("sex", "")
    age = frame["Age"] if "Age" in frame else frame.get("single-year-of-age", "")
    frame = frame[sex.str.lower().isin(["all", "persons", "0"]) & age.str.lower().isin(["total"])]
    out = pd.DataFrame(
        {
            "area_code": frame["administrative-geography"],
            "area_name": frame["Geography"],
            "geography": frame["administrative-geography"].map(
                _lookup(old, "area_code", "geography")
            ),
            "year": frame["Time"],
            "population": frame["v4_0"],
        }
    )
    return out.dropna(subset=["geography"])[list(MYE.columns)]


def _num(x: float) -> str:
    return "" if pd.isna(x) else f"{x:g}"
