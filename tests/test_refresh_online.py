"""``python -m pipelines refresh --online`` end to end against a local publisher.

A server on the loopback (started here) answers as each API documents it — Nomis (APS NM_17_5,
paged with recordoffset), the Fingertips API (all_data/csv/by_indicator_id), Explore Education
Statistics (/v1/data-sets/{id}, its version's changes, its CSV), the ONS API (data set → latest
version → CSV download) and the ELS CSV download — with bodies built from the real files in
data/raw. The sandbox holds each file without its latest period, so every answer is a newer
release. Also served: a 429 with Retry-After, a page that fails then resumes, a renamed column
and a withdrawn series. No test reaches the network.
"""

from __future__ import annotations

import csv
import gzip
import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from test_refresh import Sandbox, install, make_sandbox

from pipelines import RAW_DIR
from pipelines.__main__ import main
from pipelines.refresh.kinds import read_bytes, read_csv

pytestmark = pytest.mark.slow
EMP = "labour/ons_els_employment-rate.csv.gz"
LE, SII = (
    "health/ohid_fingertips_90366_life_expectancy_at_birth_lad.csv",
    "health/ohid_fingertips_92901_sii_life_expectancy_lad.csv",
)
KS4 = "education/dfe_lait_ks4_ks5_by_la.csv.gz"
POP = "population/ons_mye_population_ew_2011_2023_la2023_long.csv"
CLAIM = "labour/ons_els_claimant-count.csv.gz"
HELD_BACK = {  # file -> the latest period, held back in the sandbox (Fingertips: the male rows
    # only, as the data test on rows per file wants most of a file)
    EMP: ("period", "2023-01-01/P1Y"),
    LE: ("period", "2023 - 25", "Male"),
    SII: ("period", "2022 - 24", "Male"),
    KS4: ("time_period_label", "2025"),
    POP: ("year", "2023"),
    CLAIM: ("period", "2025-01-01/P1Y"),
}


def frame(file: str) -> pd.DataFrame:
    return read_csv(read_bytes(RAW_DIR / file))


def to_csv(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False, quoting=csv.QUOTE_MINIMAL).encode()


# ---- bodies shaped as each publisher documents them, from the real files ----------------------


def nomis_body() -> bytes:
    els = frame(EMP).drop_duplicates(["areacd", "indicator", "period"])
    year = els["period"].str.slice(0, 4)
    names = {"Employment rate": "Employment rate - aged 16-64",
             "Economically inactive": "% who are economically inactive - aged 16-64"}  # fmt: skip
    conf = (pd.to_numeric(els["uci_95"]) - pd.to_numeric(els["lci_95"])) / 2
    base = pd.DataFrame(
        {
            "DATE_NAME": "Jan " + year + "-Dec " + year,
            "GEOGRAPHY_CODE": els["areacd"],
            "GEOGRAPHY_NAME": els["areanm"],
            "VARIABLE_NAME": els["indicator"].map(names),
        }
    )
    value = base.assign(MEASURES_NAME="Variable", OBS_VALUE=els["observation"])
    ci = base.assign(
        MEASURES_NAME="Confidence", OBS_VALUE=conf.map(lambda x: "" if pd.isna(x) else f"{x:g}")
    )
    quarter = value.head(3).assign(DATE_NAME="Apr 2022-Mar 2023")  # not a calendar year: skipped
    return to_csv(pd.concat([value, ci, quarter], ignore_index=True))


def fingertips_body(file: str, sexes: tuple[str, ...]) -> bytes:
    ft = frame(file)
    ft = ft[ft["inequality"].isin(sexes)]
    out = pd.DataFrame(
        {
            "Indicator ID": file.split("_")[2],
            "Indicator Name": ft["indicator"],
            "Parent Code": "E92000001",
            "Parent Name": "England",
            "Area Code": ft["area_code"],
            "Area Name": ft["area_name"],
            "Area Type": ft["area_type"].map(
                lambda t: "England" if t == "Country" else "Districts & UAs (from Apr 2023)"
            ),
            "Sex": ft["inequality"],
            "Age": "All ages",
            "Category Type": "",
            "Category": "",
            "Time period": ft["period"],
            "Value": ft["value"].replace("NA", ""),
            "Lower CI 95.0 limit": "",
            "Upper CI 95.0 limit": "",
            "Count": "",
            "Denominator": "",
            "Value note": "",
            "Recent Trend": "",
            "Compared to England value or percentiles": ft["compared_to_England"],
            "Time period Sortable": ft["period"].str.slice(0, 4) + "0000",
        }
    )
    decile = out.head(2).assign(
        **{"Category Type": "Deprivation deciles", "Category": "Most deprived"}
    )
    return to_csv(pd.concat([out, decile], ignore_index=True))


def ees_body() -> bytes:
    lait = frame(KS4)
    lait["year"] = lait["time_period_label"].str.slice(0, 4).astype(int)
    lait["value"] = lait["value"].where(lait["value_note"] != "-", "x")
    keys = ["year", "geographic_level", "old_la_code", "new_la_code", "la_name", "region_name"]
    wide = lait.pivot_table(index=keys, columns="measure_code", values="value", aggfunc="first")
    wide = wide.reset_index().fillna("z")
    level = wide["geographic_level"]
    out = pd.DataFrame(
        {
            "time_period": (wide["year"] - 1).astype(str)
            + (wide["year"] % 100).map("{:02d}".format),
            "time_identifier": "Academic year",
            "geographic_level": level,
            "country_code": wide["new_la_code"].where(level == "National", "E92000001"),
            "country_name": "England",
            "region_code": wide["new_la_code"].where(level == "Regional", ""),
            "region_name": wide["region_name"],
            "new_la_code": wide["new_la_code"].where(~level.isin(["National", "Regional"]), ""),
            "old_la_code": wide["old_la_code"],
            "la_name": wide["la_name"],
        }
    )
    measures = wide.drop(columns=keys)
    return to_csv(pd.concat([out, measures], axis=1))


def ons_body() -> bytes:
    pop = frame(POP)
    out = pd.DataFrame(
        {
            "v4_0": pop["population"],
            "calendar-years": pop["year"],
            "Time": pop["year"],
            "administrative-geography": pop["area_code"],
            "Geography": pop["area_name"],
            "sex": "0",
            "Sex": "All",
            "single-year-of-age": "total",
            "Age": "Total",
        }
    )
    males = out.head(5).assign(sex="1", Sex="Male", v4_0="1")  # a breakdown the refresh skips
    return to_csv(pd.concat([out, males], ignore_index=True))


class Publisher:
    """The fixture server's state: what it serves, what it was asked, what to break."""

    def __init__(self) -> None:
        self.hits: Counter = Counter()
        self.throttle = {"/nomis/dataset/NM_17_5.data.csv?0"}  # answered 429 once
        self.broken_pages = 0  # Nomis offset 25000 fails this many times
        self.rename = False  # the ELS CSV arrives with 'observation' renamed
        self.base = ""
        self.bodies = {
            "nomis": nomis_body(),
            "90366": fingertips_body(LE, ("Male", "Female")),
            "92901": fingertips_body(SII, ("Male",)),  # the Female series withdrawn
            "ees": ees_body(),
            "ons": ons_body(),
            "claimant": gzip.decompress((RAW_DIR / CLAIM).read_bytes()),
        }

    def answer(self, path: str, q: dict) -> tuple[int, dict, bytes]:
        if path == "/nomis/dataset/NM_17_5.data.csv":
            offset, limit = int(q["recordoffset"]), int(q["recordlimit"])
            key = f"{path}?{offset}"
            self.hits[key] += 1
            if key in self.throttle:
                self.throttle.discard(key)
                return 429, {"Retry-After": "1"}, b"Too many requests"
            if offset and self.broken_pages:
                self.broken_pages -= 1
                return 500, {}, b"server error"
            lines = self.bodies["nomis"].splitlines(keepends=True)
            return 200, {}, b"".join([lines[0], *lines[1 + offset : 1 + offset + limit]])
        self.hits[path] += 1
        if path == "/fingertips/all_data/csv/by_indicator_id":
            return 200, {}, self.bodies[q["indicator_ids"]]
        ees = "/ees/v1/data-sets/lait-ks4_ks5"
        if path == ees:
            return 200, {}, json.dumps({"id": "lait-ks4_ks5", "title": "KS4 by LA",
                "status": "Published", "latestVersion": {"version": "2.0", "published":
                "2026-10-16T09:30:00Z", "timePeriods": {"start": "2015/16", "end": "2024/25"}}}).encode()  # fmt: skip
        if path == f"{ees}/versions/2.0/changes":
            return 200, {}, json.dumps({"majorChanges": {}, "minorChanges": {"timePeriods": [
                {"currentState": {"code": "AY", "period": "2024/2025"}}]}}).encode()  # fmt: skip
        if path == f"{ees}/csv" and q.get("dataSetVersion") == "2.0":
            return 200, {}, self.bodies["ees"]
        ons = "/ons/datasets/mid-year-pop-est"
        if path == ons:
            latest = f"{self.base}{ons}/editions/time-series/versions/7"
            return 200, {}, json.dumps({"id": "mid-year-pop-est", "links": {"latest_version": {"href": latest, "id": "7"}}}).encode()  # fmt: skip
        if path == f"{ons}/editions/time-series/versions/7":
            href = f"{self.base}/ons/downloads/datasets/mid-year-pop-est/editions/time-series/versions/7.csv"
            return 200, {}, json.dumps({"version": 7, "release_date": "2026-07-30T00:00:00Z",
                                        "downloads": {"csv": {"href": href}}}).encode()  # fmt: skip
        if path == "/ons/downloads/datasets/mid-year-pop-est/editions/time-series/versions/7.csv":
            return 200, {}, self.bodies["ons"]
        if path == "/ons_els/claimant-count/claimant-count.csv":
            body = self.bodies["claimant"]
            return (
                200,
                {},
                body.replace(b",observation,", b",obs_value,", 1) if self.rename else body,
            )
        return 404, {}, b"not found"


@pytest.fixture(scope="module")
def publisher():
    pub = Publisher()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            url = urlparse(self.path)
            q = {k: v[0] for k, v in parse_qs(url.query).items()}
            status, headers, body = pub.answer(url.path, q)
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    pub.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield pub
    server.shutdown()


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory, warehouse, publisher) -> Sandbox:
    sb = make_sandbox(tmp_path_factory.mktemp("online"), warehouse)
    held = {}
    for file, (col, latest, *sex) in HELD_BACK.items():
        df = frame(file)
        keep = df[col].str.slice(0, len(latest)) != latest
        if sex:
            keep |= df["inequality"] != sex[0]
        held[file] = to_csv(df[keep]) if file != EMP else b"".join(
            ln for ln in read_bytes(RAW_DIR / file).splitlines(keepends=True) if latest.encode() not in ln
        )  # fmt: skip
    install(sb, held)
    return sb


@pytest.fixture
def online(sandbox, publisher, monkeypatch):
    monkeypatch.setenv("CIVIC_ATLAS_REFRESH_PAUSE", "0")
    monkeypatch.setenv("CIVIC_ATLAS_REFRESH_BACKOFF", "0")
    for name in ("nomis", "fingertips", "ees", "ons", "ons_els"):
        monkeypatch.setenv(f"CIVIC_ATLAS_{name.upper()}_URL", f"{publisher.base}/{name}")

    def run(*ids: str) -> int:
        return main(["refresh", "--online", *ids, *sandbox.args()])

    return run


def test_nomis_waits_out_a_429_and_resumes_a_broken_download(online, sandbox, publisher, capsys):
    publisher.broken_pages = 99  # the second page fails until the retries run out
    before = sandbox.digest()
    assert online("employment-rate") == 2
    assert "HTTP 500" in capsys.readouterr().err
    assert sandbox.digest() == before
    assert publisher.hits["/nomis/dataset/NM_17_5.data.csv?0"] == 2  # a 429, then the page
    publisher.broken_pages = 0
    assert online("employment-rate") == 0
    assert publisher.hits["/nomis/dataset/NM_17_5.data.csv?0"] == 2  # resumed: not asked again
    assert sandbox.value("employment_rate", "E92000001", "2023") == 76.0
    assert "Employment rate: 2023-01-01/P1Y" in capsys.readouterr().out


def test_fingertips_new_period_and_a_withdrawn_series_kept(online, sandbox, capsys):
    sii_female = sandbox.value("le_sii_female", "E92000001", "2022-24")
    assert sii_female is not None and sandbox.value("le_male", "E92000001", "2023-25") is None
    assert online("90366_life_expectancy_at_birth_lad", "92901_sii_life_expectancy_lad") == 0
    out = capsys.readouterr().out
    assert sandbox.value("le_male", "E92000001", "2023-25") is not None
    assert sandbox.value("le_sii_male", "E92000001", "2022-24") is not None
    assert sandbox.value("le_sii_female", "E92000001", "2022-24") == sii_female  # kept
    assert "WITHDRAWN 'Inequality in life expectancy at birth | Female'" in out
    notes = next(
        r for r in csv.DictReader(open(sandbox.manifest, encoding="utf-8")) if r["file"] == SII
    )
    assert "withdrawn by the publisher" in notes["notes"]


def test_ees_latest_version_its_changes_and_csv(online, sandbox, publisher, capsys):
    assert sandbox.value("ks4_att8_all", "E92000001", "2024/25") is None
    assert online("ks4_ks5_by_la") == 0
    assert publisher.hits["/ees/v1/data-sets/lait-ks4_ks5/versions/2.0/changes"] == 1
    assert sandbox.value("ks4_att8_all", "E92000001", "2024/25") is not None
    capsys.readouterr()
    assert online("ks4_ks5_by_la") == 0  # the version held is the latest: nothing fetched
    assert "still version 2.0" in capsys.readouterr().out
    assert publisher.hits["/ees/v1/data-sets/lait-ks4_ks5/csv"] == 1


def test_ons_api_latest_version_download(online, sandbox):
    assert sandbox.value("population", "E06000001", "2023") is None
    assert online("mye_population_ew_2011_2023_la2023_long") == 0
    want = frame(POP).query("area_code == 'E06000001' and year == '2023'")["population"].iloc[0]
    assert sandbox.value("population", "E06000001", "2023") == float(want)


def test_els_csv_with_a_renamed_column_is_refused_then_taken(online, sandbox, publisher, capsys):
    publisher.rename = True
    before = sandbox.digest()
    assert online("claimant-count") == 2
    assert "column 'observation' is missing" in capsys.readouterr().err
    assert sandbox.digest() == before
    publisher.rename = False
    assert online("claimant-count") == 0
    assert "2025-01-01/P1Y" in capsys.readouterr().out
