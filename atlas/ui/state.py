"""Shareable view state: every choice that matters lives in ``st.query_params`` under a short key.

Keys: ``ind`` indicator id, ``period`` period label, ``area`` area code, ``focus`` region/CA/England
code, ``mode`` 'quintiles'|'england', ``prog`` comma list of programme groups, ``areas`` comma list of
codes (at most 10), ``group`` preset id. A copied URL reopens the same view.

Values from the URL are checked against the warehouse before use. A value that is malformed or
unknown is dropped with one friendly notice naming the parameter, and the default is shown instead;
values produced by the page's own widgets are written straight back to the URL. A notice repeats
what was typed only through ``atlas.text.formatting.echo`` (escaped, inert); tests/test_url_fuzz.py
checks both rules on every page.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Sequence
from typing import NamedTuple

import streamlit as st

from atlas.text.formatting import echo

# The one pattern an area code from a URL must match before it is looked up (widen it here, e.g.
# to [EWSNK] for the devolved nations, and every page and the comparator pool follow).
CODE = re.compile(r"^[EWSNK][0-9]{8}$")  # GSS codes of the four nations and the UK / GB
MAX_AREAS = 10
MAX_DIGITS = 9  # a number from a URL (a slide) longer than this is not one
# Page files as registered in app.py (one place to change if the folder is renamed).
MAP, PROFILE, COMPARE = "pages/map.py", "pages/profile.py", "pages/compare.py"


class Url:
    """Reads and validates the page's query parameters, collecting problems for one notice."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def raw(self, key: str) -> str | None:
        value = st.query_params.get(key)
        return value if value not in (None, "") else None

    def _bad(self, key: str, raw: str, why: str) -> None:
        self.problems.append(f"`{key}` = “{echo(raw)}” {why}")

    def dropped(self, key: str, values: Sequence[str], why: str) -> None:
        """Name values the page itself found unusable (e.g. comparators not in the pool)."""
        if values:
            self._bad(key, ", ".join(values[:8]) + (" …" if len(values) > 8 else ""), why)

    def number(self, key: str, lo: int, hi: int, default: int, what: str) -> int:
        """A whole number from ``lo`` to ``hi`` (a slide number); one out of range is clamped."""
        raw = self.raw(key)
        if raw is None:
            return default
        # the length first: int() refuses strings of more than 4,300 digits with an exception
        if not (raw.isascii() and raw.isdigit() and len(raw) <= MAX_DIGITS):
            self._bad(key, raw, f"is not {what}")
            return default
        value = min(max(int(raw), lo), hi)
        if value != int(raw):
            self._bad(key, raw, f"is not {what} (showing {value})")
        return value

    def choice(self, key: str, options: Sequence[str], default: str, what: str) -> str:
        """A value that must be one of ``options`` (indicator id, period, mode, preset…)."""
        raw = self.raw(key)
        if raw is None:
            return default
        if raw in options:
            return raw
        self._bad(key, raw, f"is not {what}")
        return default

    def code(self, key: str, known: Sequence[str] | set[str], default: str, what: str) -> str:
        """An area code: pattern first (so injected text never reaches a query), then existence."""
        raw = self.raw(key)
        if raw is None:
            return default
        if not CODE.match(raw):
            self._bad(key, raw, "is not an area code (codes look like E08000021)")
        elif raw not in known:
            self._bad(key, raw, f"is not {what}")
        else:
            return raw
        return default

    def codes(self, key: str, known: Sequence[str] | set[str], default: list[str]) -> list[str]:
        """A comma list of area codes, at most ``MAX_AREAS``; bad entries are dropped and named."""
        raw = self.raw(key)
        if raw is None:
            return list(default)
        good, bad = [], []
        for part in raw.split(","):
            part = part.strip()
            (good if CODE.match(part) and part in known and part not in good else bad).append(part)
        if bad:
            self._bad(
                key, ", ".join(b for b in bad if b) or raw, "contains unknown area codes (dropped)"
            )
        if len(good) > MAX_AREAS:
            self.problems.append(
                f"`{key}` lists {len(good)} areas; only the first {MAX_AREAS} are shown"
            )
            good = good[:MAX_AREAS]
        return good if good or not bad else list(default)

    def choices(
        self, key: str, options: Sequence[str], what: str = "a programme in the register"
    ) -> list[str]:
        """A comma list of names from ``options`` (programme groups, partnership types)."""
        raw = self.raw(key)
        if raw is None:
            return []
        parts = [p.strip() for p in raw.split(",") if p.strip()]
        bad = [p for p in parts if p not in options]
        if bad:
            self._bad(key, ", ".join(bad), f"is not {what} (dropped)")
        return [p for p in options if p in parts]

    def notice(self) -> None:
        if self.problems:
            st.warning(
                "Part of this link was not recognised, so defaults are shown instead:\n\n"
                + "\n".join(f"- {p}" for p in self.problems),
                icon=":material/link_off:",
            )


RAN = "atlas_session_ran"  # session state: a page run of this session has finished (app.py)


def new_tab() -> bool:
    """Is this the session's first page run (a new tab or a reload, no page drawn yet)?"""
    return not st.session_state.get(RAN)


def mark_run() -> None:
    """Remember that a page run of this session has finished (app.py, after each page)."""
    st.session_state[RAN] = True


#: choices that follow the user from page to page when a link does not set them
CARRIED = ("ind",)


def last(key: str, default: str) -> str:
    """The value of ``key`` this session last chose on any page (else ``default``): the chosen
    indicator is carried from the map to the profile to compare, even by the navigation links."""
    return st.session_state.get(f"carried_{key}", default)


def put(**values: str | list[str] | None) -> None:
    """Write choices back to the URL (lists as comma lists; None removes the key), remembering
    the carried ones (``CARRIED``) for the next page."""
    for key, value in values.items():
        if key in CARRIED and isinstance(value, str):
            st.session_state[f"carried_{key}"] = value
        text = ",".join(value) if isinstance(value, list | tuple) else value
        if text in (None, ""):
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != text:
            st.query_params[key] = text


def chosen(options: Sequence, value, key: str):
    """What ``select(…, options, value, key)`` will show, known before it is drawn: the viewer's
    last choice in that widget while it is still an option, else ``value``, else the first."""
    options = list(options)
    if st.session_state.get(key) in options:
        return st.session_state[key]
    return value if value in options else options[0]


def chosen_many(options: Sequence, value: Sequence, key: str) -> list:
    """What a multiselect keyed ``key`` starting on ``value`` will show, known before it is drawn:
    the viewer's last choices (else ``value``) that are still options."""
    return [o for o in st.session_state.get(key, value) if o in options]


def select(label: str, options: Sequence, value, key: str, format_func: Callable = str, **kwargs):
    """A selectbox starting on ``value`` (or the first option), keeping its own state by ``key``."""
    options = list(options)
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]
    index = options.index(value) if value in options else 0
    return st.selectbox(label, options, index=index, key=key, format_func=format_func, **kwargs)


class Menu(NamedTuple):
    """The indicator pickers' choices, read from the catalogue once."""

    families: dict[str, dict[str, tuple[str, dict[str, str]]]]  # domain -> family -> (title, subs)
    place: dict[str, tuple[str, str, str]]  # indicator id -> (domain, family, subgroup)


_last_menu: tuple[weakref.ref, Menu] | None = None


def menu(cat) -> Menu:
    """The pickers' choices in catalogue order: ``subs`` maps each subgroup to its indicator id.

    Filtering the catalogue frame three times took ~7 ms a run; this is read once per catalogue
    object (the app passes the one shared ``indicators()`` frame of the build)."""
    global _last_menu
    if _last_menu is not None and _last_menu[0]() is cat:
        return _last_menu[1]
    families: dict[str, dict[str, tuple[str, dict[str, str]]]] = {}
    place = {}
    for ind, domain, family, title, sub in zip(
        cat["indicator_id"],
        cat["domain"],
        cat["family"],
        cat["family_title"],
        cat["subgroup"],
        strict=True,
    ):
        in_domain = families.setdefault(domain, {})
        subs = in_domain[family][1] if family in in_domain else {}
        in_domain[family] = (title, subs)  # the last title wins, as a dict of the pairs would
        subs[sub] = ind
        place[ind] = (domain, family, sub)
    built = Menu(families, place)
    _last_menu = (weakref.ref(cat), built)
    return built


def indicator_picker(
    cat, ind: str, prefix: str, domains: dict[str, str], columns: Sequence | None = None
) -> str:
    """Domain -> family -> subgroup pickers; returns the chosen indicator id.

    Keys are scoped by the parent choice, so a new domain starts on its first family and a new
    family on its 'All' (or first) subgroup."""
    cols = columns if columns is not None else st.columns(3)

    def draw(i: int, label: str, options: list, value: str, key: str, fmt: Callable = str):
        with cols[i]:
            return select(label, options, value, key, fmt)

    return _indicator(cat, ind, prefix, domains, draw)


def indicator_chosen(cat, ind: str, prefix: str, domains: dict[str, str]) -> str:
    """The indicator ``indicator_picker`` will return, known before its pickers are drawn."""
    return _indicator(
        cat, ind, prefix, domains, lambda _i, _l, opts, val, key, *_: chosen(opts, val, key)
    )


def _indicator(cat, ind: str, prefix: str, domains: dict[str, str], pick: Callable) -> str:
    """The three choices in turn; ``pick(column, label, options, value, key, format_func)``
    draws a picker (or only reads what it would show) and returns its value."""
    choices = menu(cat)
    own_domain, own_family, own_sub = choices.place[ind]
    present = [d for d in domains if d in choices.families]
    domain = pick(0, "Topic", present, own_domain, f"{prefix}_domain", domains.get)
    in_domain = choices.families[domain]
    titles = {family: title for family, (title, _) in in_domain.items()}
    family = pick(
        1, "Indicator", list(in_domain), own_family, f"{prefix}_family_{domain}", titles.get
    )
    subs = in_domain[family][1]
    start = own_sub if own_family == family else ("All" if "All" in subs else next(iter(subs)))
    sub = pick(2, "Group", list(subs), start, f"{prefix}_sub_{family}")
    return subs[sub]
