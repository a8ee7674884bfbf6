"""A study result as JSON: NaN and inf written as null, numpy scalars as plain numbers. The stored
results (pipelines/evidence.py) and the live page use the same cleaning."""

from __future__ import annotations

import json
import math


def _clean(obj: object) -> object:
    """JSON without NaN/inf (written as null), numpy scalars as plain numbers."""
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    if hasattr(obj, "item") and not isinstance(obj, (str, bytes)):
        obj = obj.item()
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    return obj


def to_json(result: dict) -> str:
    return json.dumps(_clean(result), separators=(",", ":"), ensure_ascii=False)
