"""Find a place: one function, ``find(text)``, for a postcode or a name, used by the app's search
box and by ``python -m pipelines place``. No Streamlit, no network.

* A postcode (any case, with or without the space) → its council today (``atlas.data.postcodes``).
* A name → councils of all four nations, counties, regions, combined authorities, the nations;
  their Welsh names; former districts, counties and combined authorities (Allerdale → Cumberland);
  the Social Mobility Commission's area names (``marts.place_names``). Exact and prefix matches
  first, then spellings close enough (rapidfuzz) — "Newcastel" finds Newcastle upon Tyne first
  (equal scores go to the larger population).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import asdict, dataclass, field

import duckdb
import pandas as pd
from rapidfuzz import fuzz, process

from atlas.data import sql
from atlas.data.postcodes import PostcodeIndex, looks_like_postcode

FUZZY_CUTOFF = 80.0  # below this a spelling is not offered (WRatio, 0–100)
HOW_ORDER = {"name": 0, "Welsh name": 1, "former district": 2, "former county": 3}


@dataclass(frozen=True)
class Match:
    """One area a query may mean, and how it matched ('postcode NE1 7RU', 'name', 'former
    district Allerdale', 'spelling close to Newcastle upon Tyne', …)."""

    area_code: str
    area_name: str
    level: str
    nation: str | None
    how: str
    score: float


@dataclass(frozen=True)
class Found:
    """What a search found: ``matches`` best first, or a ``message`` saying why there are none
    (and what to try). ``kind``: 'postcode', 'place' or 'empty'."""

    query: str
    kind: str
    matches: list[Match] = field(default_factory=list)
    message: str | None = None

    def records(self) -> list[dict]:
        return [asdict(m) for m in self.matches]


def normal(text: str) -> str:
    """Lower case, accents and punctuation dropped, '&' as 'and', ', City of' folded away:
    'Kingston upon Hull, City of' and 'kingston-upon-hull' both give 'kingston upon hull'."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = re.sub(r"\b(city of|the)\b", " ", text)
    return re.sub(r"\s+", " ", text).strip()


class NameIndex:
    """The names of ``marts.place_names``, normalised once per build."""

    def __init__(self, names: pd.DataFrame) -> None:
        frame = names.assign(key=names["name"].map(normal))
        frame["population"] = frame["population"].fillna(0.0)
        self.frame = frame[frame["key"] != ""].reset_index(drop=True)
        self.keys = self.frame["key"].tolist()
        first = self.frame.drop_duplicates("area_code").set_index("area_code")
        self.info = {  # area code -> (name, level, nation), for a postcode's answer
            c: (r.area_name, r.level, r.country_name if isinstance(r.country_name, str) else None)
            for c, r in first.iterrows()
        }

    def _scored(self, key: str) -> pd.DataFrame:
        exact = pd.Series([k == key for k in self.keys], index=self.frame.index)
        long_enough = len(key) >= 3
        prefix = pd.Series(
            [long_enough and k.startswith(key) for k in self.keys], index=exact.index
        )
        spaced = f" {key} "
        words = pd.Series(
            [long_enough and spaced in f" {k} " for k in self.keys], index=exact.index
        )
        score = pd.Series(0.0, index=self.frame.index)
        close = process.extract(
            key, self.keys, scorer=fuzz.WRatio, limit=40, score_cutoff=FUZZY_CUTOFF
        )
        for _name, value, i in close:  # a spelling never outranks a name that contains the query
            score.iloc[i] = max(score.iloc[i], min(float(value), 89.0))
        score = score.mask(words, 90.0).mask(prefix, 95.0).mask(exact, 100.0)
        return self.frame.assign(score=score, exact=exact | prefix | words)[score > 0]

    def search(self, text: str, limit: int = 8) -> list[Match]:
        key = normal(text)
        if not key:
            return []
        hits = self._scored(key)
        if hits.empty:
            return []
        hits = hits.assign(
            order=hits["how"].map(HOW_ORDER).fillna(len(HOW_ORDER)), bucket=hits["score"].round()
        ).sort_values(["bucket", "order", "population"], ascending=[False, True, False])
        best = hits.drop_duplicates("area_code").head(limit)
        return [
            Match(
                r.area_code,
                r.area_name,
                r.level,
                r.country_name if isinstance(r.country_name, str) else None,
                _how(r.how, r.name, r.area_name, r.exact),
                float(r.score),
            )
            for r in best.itertuples()
        ]


def _how(how: str, name: str, area_name: str, exact: bool) -> str:
    if not exact:
        return f"spelling close to {name}"
    if how == "name":
        return "name" if normal(name) == normal(area_name) else f"name ({name})"
    return f"{how} {name}" if how != "SMC area" else f"Social Mobility Commission area {name}"


_LOCK = threading.Lock()
_INDEX: dict[tuple, tuple[PostcodeIndex, NameIndex]] = {}


def _stamp() -> tuple[int, int] | None:
    """When the warehouse and its build info last changed (a rebuild changes both), or None."""
    try:
        return sql.WAREHOUSE.stat().st_mtime_ns, sql.BUILD_INFO.stat().st_mtime_ns
    except OSError:
        return None


def indexes() -> tuple[PostcodeIndex, NameIndex]:
    """The postcode and name indexes of the warehouse on disk, built once per build (no
    Streamlit: the command line uses them too). FileNotFoundError when there is no warehouse."""
    build = _stamp()  # a stat, not a read: find() is called per keystroke-sized query
    if build is None:
        raise FileNotFoundError("The data warehouse has not been built: run `make build`.")
    with _LOCK:
        if build not in _INDEX:
            _INDEX.clear()
            with duckdb.connect(str(sql.WAREHOUSE), read_only=True) as con:
                ranges, names = sql.run("postcode_ranges", con), sql.run("place_names", con)
            _INDEX[build] = (PostcodeIndex(ranges), NameIndex(names))
        return _INDEX[build]


def find(text: str, limit: int = 8) -> Found:
    """A postcode or a place name → the areas it may mean, best first, or why none."""
    query = str(text or "").strip()
    if not query:
        return Found(query, "empty", message="Type a postcode (NE1 7RU) or a place name.")
    postcodes, names = indexes()
    if looks_like_postcode(query):
        got = postcodes.lookup(query)
        if got.status != "found":
            return Found(query, "postcode", message=got.message)
        name, level, nation = names.info[got.area_code]
        match = Match(got.area_code, name, level, nation, f"postcode {got.postcode}", 100.0)
        return Found(query, "postcode", [match])
    matches = names.search(query, limit)
    if not matches:
        return Found(
            query,
            "place",
            message=f"No council, county, region or combined authority is called “{query}”, "
            "and no name is spelt close to it. The atlas has no gazetteer of towns and "
            "neighbourhoods: try the place's postcode (e.g. NE2 1AA) or its council's name.",
        )
    return Found(query, "place", matches)
