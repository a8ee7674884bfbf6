"""Postcodes → today's council, offline: the ONS Postcode Directory of November 2022 as ranges
(``marts.postcode_ranges``), searched with a binary search. No Streamlit, no network.

A postcode is read as mySociety's format reads it: upper case, spaces removed, as a base-36
integer; its council is the one of the last range that starts at or before it. Northern
Ireland's (BT) postcodes are never resolved (the ONSPD licence excludes them from re-use).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

FILE_DATE = "November 2022"  # the ONSPD edition in data/raw/geo/postcodes
#: a full postcode without its space: outward code (area, district) then inward code
FULL = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][ABD-HJLNP-UW-Z]{2})$")
#: something a user meant as a postcode: starts with letters then a digit, short, no long words
LOOKS_LIKE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9 ]{0,6}$")
CROWN_DEPENDENCIES = {"GY": "Guernsey", "JE": "Jersey", "IM": "the Isle of Man"}
SHAPE = "A postcode looks like NE1 7RU or SW1A 0AA: one or two letters, a number (and maybe a letter), a space, then a number and two letters."


def compact(text: str) -> str:
    """Upper case, spaces removed: 'ne1 7ru' and 'NE17RU' both give 'NE17RU'."""
    return re.sub(r"\s+", "", str(text)).upper()


def is_postcode(text: str) -> bool:
    """A well-formed full UK postcode (any case, with or without the space)."""
    return bool(FULL.match(compact(text)))


def looks_like_postcode(text: str) -> bool:
    """Typed as a postcode (letters, then a digit, short): 'NE1 7RU', 'NE1', 'SW1A 0A', 'ne17ru'."""
    return bool(LOOKS_LIKE.match(str(text).strip().upper()))


def pretty(text: str) -> str:
    """'ne17ru' -> 'NE1 7RU' (a well-formed postcode; anything else upper-cased as typed)."""
    m = FULL.match(compact(text))
    return f"{m.group(1)} {m.group(2)}" if m else str(text).strip().upper()


@dataclass(frozen=True)
class Lookup:
    """The answer for one postcode. ``status``: 'found', 'northern_ireland', 'unknown' (well formed
    but not in the file) or 'malformed'. ``message``: one sentence for a user when not found."""

    postcode: str
    status: str
    area_code: str | None = None
    message: str | None = None


class PostcodeIndex:
    """The ranges as two arrays: starts (sorted base-36 integers) and an index into ``codes``
    (-1: no council). ``areas``: the postcode areas (leading letters) the file covers."""

    def __init__(self, ranges: pd.DataFrame) -> None:
        ranges = ranges.sort_values("range_start")
        self.starts = ranges["range_start"].to_numpy(dtype=np.int64)
        codes, uniques = pd.factorize(ranges["area_code"], use_na_sentinel=True)
        self.index = codes.astype(np.int16)
        self.codes = np.asarray(uniques, dtype=object)
        self.areas = frozenset(ranges["first_postcode"].str[:2].str.rstrip("0123456789"))

    def nbytes(self) -> int:
        """Memory of the lookup's arrays (the code table is a few hundred short strings)."""
        return int(self.starts.nbytes + self.index.nbytes + sum(len(c) + 49 for c in self.codes))

    def code_of(self, postcode: str) -> str | None:
        """Today's council of a well-formed postcode (compact form), or None."""
        i = int(np.searchsorted(self.starts, int(postcode, 36), side="right")) - 1
        if i < 0 or self.index[i] < 0:
            return None
        return str(self.codes[self.index[i]])

    def lookup(self, text: str) -> Lookup:
        """A postcode typed any way → its council, or why not (one sentence)."""
        pc = compact(text)
        shown = pretty(text)
        if not FULL.match(pc):
            return Lookup(shown, "malformed", message=f"“{shown}” is not a full postcode. {SHAPE}")
        if pc.startswith("BT"):
            return Lookup(
                shown,
                "northern_ireland",
                message="Northern Ireland (BT) postcodes are not looked up: the postcode "
                "directory's open licence excludes them. Choose one of the 11 councils instead.",
            )
        area = re.match(r"[A-Z]+", pc).group(0)
        if area in CROWN_DEPENDENCIES:
            return Lookup(
                shown,
                "unknown",
                message=f"{shown} is in {CROWN_DEPENDENCIES[area]}, which is not part of the UK "
                "and has no council in the atlas.",
            )
        code = self.code_of(pc) if area in self.areas else None
        if code is None:
            return Lookup(
                shown,
                "unknown",
                message=f"{shown} is not in the postcode directory of {FILE_DATE} (a newer "
                "postcode, or a mistyped one): try the place name instead.",
            )
        return Lookup(shown, "found", code)
