"""``--online``: fetch the latest release of a source from its publisher's API.

Every base URL is configurable (``CIVIC_ATLAS_<PUBLISHER>_URL``, or ``--base-url NAME=URL``) so
the tests point them at a local server; nothing here runs unless ``--online`` is given. Requests
retry on 429 / 5xx, waiting as long as the publisher's ``Retry-After`` says (urllib3's ``Retry``),
pause between calls, and keep each completed response in a cache folder so an interrupted
download resumes where it stopped (Nomis pages, then the rest). See docs/refresh.md.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import time
from pathlib import Path
from urllib.parse import urlencode

import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

from pipelines.refresh.recognise import RefreshError
from pipelines.refresh.run import Release
from pipelines.refresh.sources import Source

BASES = {
    "nomis": "https://www.nomisweb.co.uk/api/v01",
    "fingertips": "https://fingertips.phe.org.uk/api",
    "ees": "https://api.education.gov.uk/statistics",
    "ons": "https://api.beta.ons.gov.uk/v1",
    "ons_els": "https://raw.githubusercontent.com/ONSdigital/explore-local-statistics-data/main",
}
NOMIS_PAGE = 25_000  # Nomis: at most 25,000 cells per request for a guest
MAX_WAIT = 300  # seconds: a longer Retry-After is reported, not waited for


class HTTPError(RefreshError):
    """The publisher answered with an error status (after the retries)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


NOT_ON_API = (400, 404, 410)  # the data set is not (or no longer) served: use the CSV download


class CappedRetry(Retry):
    """urllib3's Retry, refusing to sleep for longer than MAX_WAIT on one Retry-After."""

    def get_retry_after(self, response):  # noqa: ANN001 (urllib3's signature)
        wait = super().get_retry_after(response)
        if wait is not None and wait > MAX_WAIT:
            raise RefreshError(
                f"{response.geturl() if hasattr(response, 'geturl') else 'the publisher'}: asks to "
                f"wait {wait:.0f} s (Retry-After) — try again later"
            )
        return wait


class Client:
    def __init__(self, cache: Path, bases: dict[str, str] | None = None, log=print) -> None:
        self.bases = {
            k: os.environ.get(f"CIVIC_ATLAS_{k.upper()}_URL", v).rstrip("/")
            for k, v in BASES.items()
        } | {k: v.rstrip("/") for k, v in (bases or {}).items()}
        self.cache, self.log = cache, log
        self.pause = float(os.environ.get("CIVIC_ATLAS_REFRESH_PAUSE", "1.0"))
        self.session = requests.Session()
        retry = CappedRetry(
            total=6,
            backoff_factor=float(os.environ.get("CIVIC_ATLAS_REFRESH_BACKOFF", "1.0")),
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=("GET",),
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        self.session.mount("http://", HTTPAdapter(max_retries=retry))
        self.session.mount("https://", HTTPAdapter(max_retries=retry))
        self.session.headers["User-Agent"] = "civic-atlas-refresh (+docs/refresh.md)"

    def get(self, url: str, params: dict | None = None) -> bytes:
        """The response body; a response already fetched in this refresh is read from the cache."""
        full = url + ("?" + urlencode(params) if params else "")
        kept = self.cache / hashlib.sha256(full.encode()).hexdigest()[:24]
        if kept.exists():
            return kept.read_bytes()
        time.sleep(self.pause)
        try:
            resp = self.session.get(url, params=params, timeout=120)
        except requests.RequestException as exc:
            raise RefreshError(f"{full}: {type(exc).__name__}: {exc}") from None
        if resp.status_code != 200:
            raise HTTPError(f"{full}: HTTP {resp.status_code} {resp.reason}", resp.status_code)
        self.cache.mkdir(parents=True, exist_ok=True)
        tmp = kept.with_suffix(".part")
        tmp.write_bytes(resp.content)
        os.replace(tmp, kept)
        return resp.content

    def json(self, url: str, params: dict | None = None) -> dict:
        return json.loads(self.get(url, params))


def nomis(src: Source, c: Client) -> Release:
    """APS (NM_17_5) from Nomis, page by page (``recordoffset``), as one CSV."""
    spec = src.online
    url = f"{c.bases['nomis']}/dataset/{spec['dataset']}.data.csv"
    params = {
        "geography": spec.get("geography", "TYPE432,TYPE480,TYPE499"),
        "time": "first,latest",
        "variable": spec["variables"],
        "measures": "20599,21003",  # the value and its 95% confidence half-width
        "select": "DATE_NAME,GEOGRAPHY_CODE,GEOGRAPHY_NAME,VARIABLE_NAME,MEASURES_NAME,OBS_VALUE",
    }
    out, offset = io.BytesIO(), 0
    while True:
        page = c.get(url, params | {"recordoffset": offset, "recordlimit": NOMIS_PAGE})
        lines = page.splitlines(keepends=True)
        out.write(b"".join(lines if offset == 0 else lines[1:]))
        c.log(f"[online] nomis {spec['dataset']}: rows {offset + 1}-{offset + len(lines) - 1}")
        if len(lines) - 1 < NOMIS_PAGE:
            break
        offset += NOMIS_PAGE
    return Release(out.getvalue(), f"{spec['dataset']}.data.csv", url, urlencode(params))


def fingertips(src: Source, c: Client) -> Release:
    spec = src.online
    url = f"{c.bases['fingertips']}/all_data/csv/by_indicator_id"
    params = {
        "indicator_ids": spec["indicator_id"],
        "child_area_type_id": spec["area_type_id"],
        "parent_area_type_id": "15",  # England
    }
    return Release(
        c.get(url, params), f"fingertips_{spec['indicator_id']}.csv", url, urlencode(params)
    )


def ees(src: Source, c: Client, held: dict) -> Release:
    """Explore Education Statistics: the data set's latest version, its changes, its CSV."""
    base, ds = c.bases["ees"], src.online["data_set"]
    summary = c.json(f"{base}/v1/data-sets/{ds}")
    version = summary["latestVersion"]["version"]
    if f"dataSetVersion={version}" == held.get("origin_path"):
        raise NoNewRelease(f"{src.id}: EES data set {ds} is still version {version}")
    changes = c.json(f"{base}/v1/data-sets/{ds}/versions/{version}/changes")
    major = changes.get("majorChanges") or {}
    c.log(
        f"[online] ees {ds} version {version}: major changes in "
        f"{sorted(k for k, v in major.items() if v) or 'nothing'}"
    )
    url = f"{base}/v1/data-sets/{ds}/csv"
    query = {"dataSetVersion": version}
    return Release(c.get(url, query), f"{ds}-v{version}.csv", url, urlencode(query))


def ons(src: Source, c: Client, held: dict) -> Release:
    """The ONS API: the data set's latest version, then the CSV download it links to."""
    base, ds = c.bases["ons"], src.online["dataset"]
    latest = c.json(f"{base}/datasets/{ds}")["links"]["latest_version"]["href"]
    if latest == held.get("origin_path"):
        raise NoNewRelease(f"{src.id}: ONS data set {ds} has no version after {latest}")
    version = c.json(latest)
    href = version["downloads"]["csv"]["href"]
    return Release(c.get(href), href.rsplit("/", 1)[-1], href, latest)


def els_csv(src: Source, c: Client) -> Release:
    """No API: the CSV as ONS publishes it in the Explore Local Statistics data repository."""
    url = f"{c.bases['ons_els']}/{src.online['path']}"
    return Release(c.get(url), src.online["path"].rsplit("/", 1)[-1], url)


class NoNewRelease(Exception):
    """The publisher's API says the release held is still the latest."""


def fetch(src: Source, c: Client, held: dict) -> Release:
    """The latest release of ``src``; falls back to the publisher's CSV download when the data set
    is not on its API (or the API call fails and the source has a fallback)."""
    api = src.online.get("api")
    try:
        if api == "nomis":
            return nomis(src, c)
        if api == "fingertips":
            return fingertips(src, c)
        if api == "ees":
            return ees(src, c, held)
        if api == "ons":
            return ons(src, c, held)
    except HTTPError as exc:  # a broken download is reported (a rerun resumes), not replaced
        if src.online.get("fallback") != "ons_els" or exc.status not in NOT_ON_API:
            raise
        c.log(f"[online] {api} does not serve it ({exc}); using the published CSV")
    return els_csv(src, c)
