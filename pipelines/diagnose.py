"""Say what is wrong with a raw file, in words a person can act on: which line, and why.

Used by the build before DuckDB reads a CSV (header, encoding, compression) and after DuckDB fails
on one (DuckDB's own message loses the reason or the line for some errors, e.g. a row with too few
columns found while sniffing, or a byte that is not UTF-8)."""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import zlib
from pathlib import Path

from pipelines.manifest import BuildError

GZIP_MAGIC = b"\x1f\x8b"


def raw_bytes(path: Path, rel: str, step: str | None = None) -> bytes:
    """The file's content, decompressed when it is named ``.gz``; a mislabelled or damaged gzip
    file is a BuildError naming it."""
    data = path.read_bytes()
    if path.suffix != ".gz":
        return data
    if data[:2] != GZIP_MAGIC:
        raise BuildError(
            "the file is named .gz but is not gzip-compressed (it starts like plain text); "
            "compress it with gzip, or drop .gz from its name and the manifest",
            file=rel,
            step=step,
        )
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise BuildError(
            f"the gzip data is damaged or cut short ({exc})", file=rel, step=step
        ) from None


def text_of(data: bytes, rel: str, step: str | None = None) -> str:
    """UTF-8 text (a BOM is allowed); any other encoding is a BuildError naming the line."""
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BuildError(
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8 — the file must be saved as UTF-8 "
            "(this looks like Latin-1 / Windows-1252, e.g. an accented letter or a £ sign)",
            file=rel,
            step=step,
            row=line,
        ) from None


def head(path: Path, rel: str, step: str | None = None, lines: int = 2) -> list[str]:
    """The first ``lines`` lines of a raw CSV, checked for compression and encoding."""
    if path.suffix == ".gz":
        if path.read_bytes()[:2] != GZIP_MAGIC:
            raw_bytes(path, rel, step)  # raises with the reason
        try:
            with gzip.open(path, "rb") as fh:
                data = b"".join(fh.readline() for _ in range(lines))
        except (OSError, EOFError, zlib.error) as exc:
            raise BuildError(f"the gzip data is damaged ({exc})", file=rel, step=step) from None
    else:
        with open(path, "rb") as fh:
            data = b"".join(fh.readline() for _ in range(lines))
    return text_of(data, rel, step).splitlines()


def csv_problem(path: Path, rel: str, step: str | None = None) -> BuildError | None:
    """The first line of a CSV that is not UTF-8 or has a different number of fields from the
    header, as a BuildError; None when the file reads cleanly (the fault is elsewhere)."""
    try:
        text = text_of(raw_bytes(path, rel, step), rel, step)
    except BuildError as exc:
        return exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        width = len(next(reader))
        for row in reader:
            if row and len(row) != width:
                return BuildError(
                    f"expected {width} columns (as in the header), found {len(row)} — the row is "
                    "cut short or has a stray delimiter",
                    file=rel,
                    step=step,
                    row=reader.line_num,
                )
    except StopIteration:
        return BuildError("file is empty (no header row)", file=rel, step=step)
    except csv.Error as exc:
        return BuildError(f"not a readable CSV ({exc})", file=rel, step=step, row=reader.line_num)
    return None
