"""Property-based fuzzing of every page's URL (issue 9, point 8): whatever the query string, a page
runs without an exception, never echoes a URL value unescaped, and names every value it drops.

Each page's parameters get either a plausible value (drawn from the warehouse, so deeper paths
run) or junk that no parameter accepts (markdown links and images, bare URLs, LaTeX, HTML, or
'~' plus any text). Only junk must be reported: a plausible value may legitimately be dropped in
context (a period of another indicator). Examples are derandomised, so every run tries the same
states; ``CIVIC_ATLAS_FUZZ_EXAMPLES`` raises the count for a longer hunt.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas.text.formatting import md

EXAMPLES = int(os.environ.get("CIVIC_ATLAS_FUZZ_EXAMPLES", "25"))
PAYLOADS = [
    "[Login again,](//fz.example)",
    "![x,](//fz.example/a)",
    "https://fz.example/p",
    "www.fz.example",
    "u@fz.example",
    r"$\huge{FZ}$",
    "<img src=//fz.example/i>",
    ":red[FZ] :material/home:",
    "**FZ** _fz_ `fz`",
    "# FZ",
    "E99999999",
    "1850",
    "-1",
    "E08000021,E08000021,~",
    "9" * 5000,  # more digits than int() converts (4,300): length-checked first (issue 19)
    "1" + "0" * 4400,
]
JUNK = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(min_size=0, max_size=30).map(lambda t: "~" + t),
)
TEXT_KINDS = ("title", "header", "subheader", "markdown", "caption", "warning", "info", "error")


@pytest.fixture(scope="module")
def pools(warehouse) -> dict:
    """Plausible values of every parameter, from the warehouse the pages read."""
    from atlas.data import areas as A
    from atlas.data import coverage as CV
    from atlas.data import partnerships as P
    from atlas.data import pickers as PK
    from atlas.ui import evidence as E
    from atlas.ui import story as S

    cat, places = A.indicators(), A.areas()
    reg = P.register()
    opts = P.filter_options(reg)
    codes = sorted(PK.pickable(places))
    return {
        "ind": sorted(cat.index),
        "period": sorted({p for ps in cat["periods"] for p in ps}),
        "focus": PK.focus_options(places),
        "area": codes[::9],
        "areas": codes[::7],
        "mode": ["quintiles", "england"],
        "prog": CV.programme_groups(),
        "group": ["", "lp1", "lp2", "ne_mca", "oa", "neighbours"],
        "type": opts["type"],
        "theme": opts["theme"],
        "region": opts["region"],
        "year": opts["year"],
        "iv": sorted(E.interventions(reg).index)[:4],
        "ba_ind": sorted(E.outcomes().index)[:3],
        "all_iv": sorted(reg.index),
        "story": S.names(),
        "slide": [str(i) for i in range(1, 12)],
        "q": ["higher education", "free school meals", ""],
    }


# page -> {parameter: pool name}; comma lists are drawn as 1-4 pool values joined.
PAGES = {
    "home": {"focus": "focus"},
    "map": {"ind": "ind", "period": "period", "focus": "focus", "mode": "mode", "prog": "prog*"},
    "profile": {"area": "area", "ind": "ind"},
    "compare": {
        "ind": "ind",
        "period": "period",
        "areas": "areas*",
        "group": "group",
        "area": "area",
    },
    "partnerships": {
        "prog": "prog*",
        "type": "type*",
        "theme": "theme",
        "region": "region",
        "year": "year",
        "iv": "all_iv",
    },
    "before_after": {"iv": "iv", "ind": "ba_ind", "pool": "areas*"},
    "catalogue": {"ind": "ind", "q": "q"},
    "find": {"q": "q"},
    "present": {"story": "story", "slide": "slide"},
}
FREE_TEXT = {("catalogue", "q"), ("find", "q")}  # search boxes: any text is a valid search


def states(page: str, pools: dict) -> st.SearchStrategy:
    """{key: (value, is_junk)} for a random subset of the page's parameters."""

    def value(pool: str) -> st.SearchStrategy:
        name = pool.rstrip("*")
        good = st.sampled_from(pools[name])
        if pool.endswith("*"):
            good = st.lists(good, min_size=1, max_size=4).map(",".join)
        return st.one_of(good.map(lambda v: (v, False)), JUNK.map(lambda v: (v, True)))

    spec = PAGES[page]
    return st.fixed_dictionaries({}, optional={k: value(p) for k, p in spec.items()})


def check(at, page: str, state: dict) -> None:
    assert not at.exception, (state, [e.message for e in at.exception])
    texts = [str(e.value) for kind in TEXT_KINDS for e in getattr(at, kind)]
    notice = "\n".join(w.value for w in at.warning if "not recognised" in w.value)
    for key, (raw, junk) in state.items():
        probe = "".join(ch for ch in raw if ch.isprintable())[:30]
        if md(probe) != probe:  # it has characters markdown would act on
            leaked = [t for t in texts if probe in t.replace(md(probe), "")]
            assert not leaked, f"{key}={raw!r} echoed unescaped: {leaked[0][:300]}"
        if junk and (page, key) not in FREE_TEXT:
            assert f"`{key}`" in notice, f"{key}={raw!r} was dropped without a notice: {state}"


@pytest.mark.parametrize("page", list(PAGES))
def test_any_url_state_is_safe(open_page, pools, page):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(state=states(page, pools))
    def run(state: dict) -> None:
        at = open_page(page, **{k: v for k, (v, _) in state.items()})
        check(at, page, state)

    run()


@pytest.mark.parametrize("digits", [10, 4300, 4301, 5000])
def test_a_slide_number_of_any_length_is_named_not_a_crash(open_page, digits):
    at = open_page("present", slide="9" * digits)
    assert not at.exception, [e.message for e in at.exception]
    notice = "\n".join(w.value for w in at.warning if "not recognised" in w.value)
    assert "`slide`" in notice and "is not a slide number" in notice
    assert "9" * 100 not in notice  # the echo is cut


def test_the_error_box_has_no_links_to_outside_sites():
    """Streamlit's error box offers "Ask Google" / "Ask ChatGPT" unless told not to."""
    import tomllib
    from pathlib import Path

    from streamlit import config
    from streamlit.proto.NewSession_pb2 import Config
    from streamlit.runtime.app_session import _get_show_error_links

    root = Path(__file__).resolve().parent.parent
    toml = tomllib.loads((root / ".streamlit" / "config.toml").read_text())
    assert toml["client"]["showErrorLinks"] is False
    assert '"--client.showErrorLinks", "false"' in (root / "atlas" / "serve.py").read_text()
    for value in (toml["client"]["showErrorLinks"], "false"):  # as the file and the flag give it
        config.set_option("client.showErrorLinks", value)
        assert _get_show_error_links() == Config.ShowErrorLinks.SHOW_ERROR_LINKS_FALSE
