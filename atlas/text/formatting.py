"""How values read on the page: numbers with their units, year spans, ordinals and statuses, and
text from outside (URLs, the register) made inert for Streamlit's markdown."""

from __future__ import annotations

import math
import re

import pandas as pd

STATUS_WORDS = {
    "suppressed": "suppressed",
    "unreliable": "unreliable",
    "not_available": "not available",
    "england_only": "England only",
}


def fmt(value: float | None, unit: str, decimals: int | float = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no data"
    d = int(decimals) if decimals == decimals else 1
    text = f"{value:,.{d}f}"
    if unit == "%":
        return f"{text}%"
    if unit == "pp":  # a gap between two percentages: percentage points, never %
        return f"{text} pp"
    if unit in ("£", "£ per week"):
        return f"£{text}" + (" a week" if unit == "£ per week" else "")
    if unit in ("years", "score", "rank"):
        return f"{text} {unit}" if unit == "years" else text
    return text


def signed(value: float | None, unit: str, decimals: int | float = 1) -> str:
    """A difference between two values as a reader sees it, in the unit's words: "+£2,038",
    "-6.8 pp" (two percentages differ by percentage points, never %), "+1.1 years". The sign
    is the hyphen-minus ``st.metric`` reads to point its arrow; an amount that rounds to zero
    takes "+"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no data"
    d = int(decimals) if decimals == decimals else 1
    sign = "-" if round(value, d) < 0 else "+"
    return sign + fmt(abs(value), "pp" if unit == "%" else unit, d)


def years(start, end) -> str:
    """'2016–2017', '2021–' (ongoing) or '' from nullable years."""
    if start is None or pd.isna(start):
        return ""
    return f"{int(start)}–{'' if end is None or pd.isna(end) else int(end)}"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def shown(value: float | None, status: str, unit: str, decimals: int) -> str:
    """A value as a reader sees it: statuses other than 'ok' become words, never 0."""
    if status and status != "ok" and (value is None or pd.isna(value)):
        return STATUS_WORDS.get(status, status.replace("_", " "))
    if value is None or pd.isna(value):
        return "not available"
    return fmt(value, unit, decimals)


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 year', '2 years', '1 comparator area', '40 comparator areas' ('many' for irregulars)."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


# Markdown, HTML, LaTeX ($) and directive (:) characters, escaped with a backslash, read as
# themselves (CommonMark lets any ASCII punctuation be escaped). Bare URLs and e-mail addresses are
# linked by Streamlit *after* parsing, so escapes do not stop them: an invisible word joiner
# (U+2060) inside "://", "www." and before "@" does.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+|!$~:@&=^])")
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?=@)")
_JOIN = "\u2060"
_SAFE_URL = re.compile(r"^https?://[^\s<>]+$")


def md(text: object) -> str:
    """Text from outside the code (URL values, register fields) made inert for ``st.markdown``
    and every notice: no links, images, bare-URL or e-mail autolinks, LaTeX, HTML or emphasis.

    The one escaping function of the app: pages and modules call it, never their own."""
    if text is None or text != text:  # None or NaN
        return ""
    text = _AUTOLINK.sub(_JOIN, str(text))
    return _SPECIAL.sub(r"\\\1", text)


def echo(raw: str, limit: int = 40) -> str:
    """A value from the URL as a notice repeats it: printable characters only, clipped, escaped."""
    text = "".join(ch for ch in str(raw) if ch.isprintable())
    return md(text[:limit] + ("…" if len(text) > limit else ""))


def link(title: object, url: object) -> str:
    """A register source as markdown: its title linked to its address when that is a plain
    http(s) URL, else the escaped title alone."""
    label = md(title) or "source"
    return f"[{label}](<{url}>)" if isinstance(url, str) and _SAFE_URL.match(url) else label


def finite(x) -> bool:
    """A real, finite number (not None, NaN or text): what a sentence may print."""
    return isinstance(x, (int, float)) and math.isfinite(x)
