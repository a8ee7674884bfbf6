"""Every UK postcode of the ONS Postcode Directory (November 2022) as ranges -> one row per range.

The file is mySociety's compressed form (``data/raw/geo/postcodes/SOURCES.md``): a postcode,
upper case without spaces, read as a base-36 integer; postcodes sorted by that integer; each run
of consecutive postcodes with the same local authority kept as its first postcode. Three arrays:

* ``postcode_keys`` — each range's first postcode, delta-encoded (a running sum gives the integer);
* ``value_key`` — one more than an index into ``value_values``, or 0 for "the same as two ranges
  earlier" (the A-B-A pattern along a boundary);
* ``value_values`` — the GSS codes of November 2022, ending with ``NaN`` (not JSON: read as null),
  the code of "no authority" (non-geographic postcodes).

Written from that description (mySociety's code is not used). Codes stay as the file has them;
``sql/staging/onspd__postcode_ranges.sql`` and ``sql/marts/postcode_ranges.sql`` map the
districts merged in April 2023 to today's authorities.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.manifest import BuildError

FILE = "geo/postcodes/postcode_to_la_nov2022.json"
FILE_DATE = "November 2022"  # the ONSPD edition the ranges were made from


def decode(payload: dict) -> pd.DataFrame:
    """``range_start`` (base-36 integer of the range's first postcode), ``first_postcode`` (its
    text) and ``lad_code`` (null: no authority), one row per range, in order."""
    keys = np.asarray(payload["postcode_keys"], dtype=np.int64)
    value_key = np.asarray(payload["value_key"], dtype=np.int64)
    values = payload["value_values"]
    if len(keys) != len(value_key) or not len(keys):
        raise BuildError("postcode_keys and value_key differ in length (or are empty)", file=FILE)
    starts = np.cumsum(keys)
    if np.any(np.diff(starts) <= 0):
        raise BuildError("range starts are not strictly increasing", file=FILE)
    # A 0 refers two ranges back, which may itself have been a 0: within each parity the answer
    # is the last non-zero entry so far (a forward fill over the even and the odd positions).
    index = value_key.copy()
    for parity in (0, 1):
        part = pd.Series(index[parity::2]).replace(0, np.nan).ffill()
        if part.isna().any():
            raise BuildError("a 0 in value_key points before the first range", file=FILE)
        index[parity::2] = part.to_numpy(dtype=np.int64)
    index -= 1
    if index.min() < -1 or index.max() >= len(values):
        raise BuildError("value_key points outside value_values", file=FILE)
    codes = np.array([*values, None], dtype=object)[index]  # -1 -> the appended None
    return pd.DataFrame(
        {
            "range_start": starts,
            "first_postcode": [np.base_repr(int(s), 36) for s in starts],
            "lad_code": [c if isinstance(c, str) else None for c in codes],
        }
    )


def load_postcode_ranges(path: Path) -> pd.DataFrame:
    text = path.read_text(encoding="utf-8")
    payload = json.loads(re.sub(r"\bNaN\b", "null", text))
    return decode(payload)


EXTRACTS = {"postcode_ranges": (FILE, load_postcode_ranges)}
