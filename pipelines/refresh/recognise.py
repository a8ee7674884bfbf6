"""Which manifest entry does a downloaded file replace? From its header (the kind of file), then
its name (the publisher's slug or indicator id) and its content (the series it holds)."""

from __future__ import annotations

from pathlib import Path

from pipelines.refresh import convert
from pipelines.refresh.kinds import header, read_bytes
from pipelines.refresh.sources import SOURCES, Source, find


class RefreshError(Exception):
    """A refresh refused: one line naming the file, the column or code, and the reason."""


def recognise(path: Path, data: bytes, source: str | None, raw_dir: Path) -> Source:
    """The source ``path`` replaces: ``source`` when given, else the one its header, name and
    series point to. RefreshError when none or several fit."""
    if source:
        try:
            return find(source)
        except ValueError as exc:
            raise RefreshError(str(exc)) from None
    cols = header(data)
    layout = convert.layout_of(cols)
    if layout is None:
        raise RefreshError(
            f"{path.name}: the header {cols[:6]}… is not a layout refresh knows "
            "(ONS Explore Local Statistics, DfE LAIT / Explore Education Statistics, OHID "
            "Fingertips, ONS mid-year estimates); give --source ID"
        )
    fits = [s for s in SOURCES if s.kind_name == layout]
    by_name = [s for s in fits if any(w.lower() in path.name.lower() for w in s.names)]
    if len(by_name) == 1:
        return by_name[0]
    try:
        series = convert.series_names(layout, data)
    except (ValueError, UnicodeDecodeError) as exc:  # pandas' ParserError is a ValueError
        raise RefreshError(f"{path.name}: cannot be read as CSV: {exc}") from None
    by_content = [s for s in (by_name or fits) if series & _stored_series(s, raw_dir)]
    if len(by_content) == 1:
        return by_content[0]
    choices = ", ".join(s.id for s in (by_content or by_name or fits))
    raise RefreshError(
        f"{path.name}: cannot tell which source this file replaces (could be: {choices}); "
        "give --source ID"
    )


def _stored_series(source: Source, raw_dir: Path) -> set[str]:
    path = raw_dir / source.file
    if not path.exists():
        return set()
    return convert.series_names(source.kind_name, read_bytes(path))
