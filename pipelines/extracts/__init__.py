"""Python extracts for sources DuckDB cannot read itself (xlsx, boundary files).

Each module here exposes ``EXTRACTS``: ``{table_name: (raw_file, loader)}``. The runner calls
``loader(path)`` -> pandas.DataFrame and stores it as ``raw.<table_name>``; staging SQL selects from it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd

Loader = Callable[[Path], pd.DataFrame]


def discover() -> dict[str, tuple[str, Loader]]:
    found: dict[str, tuple[str, Loader]] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.update(getattr(module, "EXTRACTS", {}))
    return found
