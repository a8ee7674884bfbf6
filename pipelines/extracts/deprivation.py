"""English indices of deprivation 2019, File 10 (xlsx): the sheet ``IMD`` -> ``raw.iod2019_lad_imd``.

The workbook is the official MHCLG release; its column headers end with a trailing space
(``'IMD - Average score '``), which staging quotes as is. The loader only reads and checks: values
are not changed, so ``staging.mhclg_iod__2019_lad_imd`` can rename and cast.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.manifest import BuildError

FILE = "deprivation/File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx"
SHEET = "IMD"
CODE = "Local Authority District code (2019)"
NAME = "Local Authority District name (2019)"
MEASURES = [
    "IMD - Average rank ",
    "IMD - Rank of average rank ",
    "IMD - Average score ",
    "IMD - Rank of average score ",
    "IMD - Proportion of LSOAs in most deprived 10% nationally ",
    "IMD - Rank of proportion of LSOAs in most deprived 10% nationally ",
    "IMD 2019 - Extent ",
    "IMD 2019 - Rank of extent ",
    "IMD 2019 - Local concentration ",
    "IMD 2019 - Rank of local concentration ",
]
HEADERS = [CODE, NAME, *MEASURES]


def _rel(path: Path) -> str:
    """'deprivation/<file>' as in data/sources.csv, whichever raw directory the build reads."""
    return "/".join(path.parts[-2:])


def load_iod2019_lad_imd(path: Path) -> pd.DataFrame:
    """Read sheet IMD; fail with the file, sheet and the missing headers if the layout changed."""
    step = "raw.iod2019_lad_imd"
    with pd.ExcelFile(path, engine="openpyxl") as book:
        if SHEET not in book.sheet_names:
            raise BuildError(
                f"sheet '{SHEET}' not found; the workbook has sheets {book.sheet_names}",
                file=_rel(path),
                step=step,
            )
        frame = pd.read_excel(book, sheet_name=SHEET, dtype={CODE: str, NAME: str})
    missing = [h for h in HEADERS if h not in frame.columns]
    if missing:
        found = list(frame.columns)
        stripped = {str(c).strip() for c in found}
        near = [h for h in missing if h.strip() in stripped]
        hint = ""
        if near:
            hint = f" ({len(near)} differ only by spaces: the official headers end with a trailing space)"
        raise BuildError(
            f"sheet '{SHEET}' lacks expected column(s) {missing}{hint}; found {found}",
            file=_rel(path),
            step=step,
        )
    frame = frame[HEADERS]
    blank = frame[CODE].isna() | frame[MEASURES].isna().any(axis=1)
    if blank.any():
        rows = [int(i) + 2 for i in frame.index[blank][:5]]  # +2: header row, 1-based Excel rows
        raise BuildError(
            f"sheet '{SHEET}' has blank codes or values in Excel row(s) {rows}",
            file=_rel(path),
            step=step,
        )
    return frame.astype({CODE: "object", NAME: "object"}).reset_index(drop=True)


EXTRACTS = {"iod2019_lad_imd": (FILE, load_iod2019_lad_imd)}
