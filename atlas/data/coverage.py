"""Which partnerships cover which areas: the register by covered district, programme groups in
order of their first start, the map's overlay and an area's interventions (its own district, or
any district inside a county, region, combined authority, nation or the UK)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.data import mobility
from atlas.data.areas import areas
from atlas.data.db import query, version


def interventions() -> pd.DataFrame:
    """One row per intervention x covered 2024 LAD."""
    return query("common_interventions")


def programme_groups() -> list[str]:
    """Programme groups in the order of their first start (a new list each call)."""
    return list(_programme_groups(version()))


@st.cache_resource(max_entries=2, show_spinner=False)
def _programme_groups(build: str) -> tuple[str, ...]:
    frame = interventions()
    firsts = frame.groupby("programme_group")["start_year"].min().sort_values()
    return tuple(firsts.index)


def covered(programmes: list[str], geography: str) -> pd.DataFrame:
    """Areas at the map level covered by the chosen programmes, with intervention names."""
    if not programmes:
        return pd.DataFrame(columns=["area_code", "names"])
    frame = interventions()
    frame = frame[frame["programme_group"].isin(programmes)]
    if geography == "utla":
        utla = areas()["utla_code"]
        frame = frame.assign(area_code=frame["area_code"].map(utla).fillna(frame["area_code"]))
    elif geography == mobility.GEOGRAPHY:
        smc = mobility.lookup()["smc_code"]
        frame = frame.assign(area_code=frame["area_code"].map(smc).fillna(frame["area_code"]))
    part = frame["coverage"].fillna("").str.match(r"(?i)part|pilot")
    label = (
        frame["name"]
        + " ("
        + frame["status"].map({"proposed": "proposed "}).fillna("")
        + frame["start_year"].astype("Int64").astype(str)
        + ")"
        + part.map({True: " – part of the area only", False: ""})
    )
    grouped = frame.assign(label=label).groupby("area_code")["label"]
    return grouped.agg(lambda s: "<br>".join(sorted(set(s)))).rename("names").reset_index()


def area_interventions(code: str) -> pd.DataFrame:
    """Interventions covering an area: its own LAD code, or any LAD inside a county/region/CA.
    Shared between sessions: read it, don't modify it."""
    return _area_interventions(version(), code)


@st.cache_resource(max_entries=512, show_spinner=False)
def _area_interventions(build: str, code: str) -> pd.DataFrame:
    places = areas()
    row = places.loc[code]
    if row["level"] == "lad":
        inside = [code]
    elif row["level"] == "uk":
        inside = places.index[places["is_lad"]].tolist()
    elif row["level"] == "nation":
        inside = places.index[places["is_lad"] & (places["country_code"] == code)].tolist()
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
        "status",
        "coverage",
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
