"""Presentation mode: a story's slides full screen — large caption, the live view, next/previous.

Each slide is a view of the atlas (data/stories/<story>.yaml) drawn compactly from the same data
and caches (atlas/ui/slides.py), so it fits the screen, works offline, and every click stays on the
slide; "Open this view" opens the full page. Keys: Right / Left arrows and PageDown / PageUp
(presentation clickers) move between slides whatever has focus (atlas/ui/present_keys.js).
"""

import logging
from pathlib import Path

import streamlit as st

from atlas.data.db import query
from atlas.text import captions
from atlas.ui import slides, state
from atlas.ui import story as S

UI = Path(__file__).resolve().parents[1] / "atlas" / "ui"
KEYS_JS = (UI / "present_keys.js").read_text() + (UI / "present_history.js").read_text()

CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: .8rem 2rem .5rem 2rem; max-width: 100%; }
.st-key-present_title h1 { font-size: clamp(1.5rem, 2.6vw, 2.3rem); line-height: 1.15;
  padding: .2rem 0 .5rem 0; }
.st-key-present_caption p { font-size: clamp(1.02rem, 1.6vw, 1.35rem); line-height: 1.4; }
.st-key-present_counter p { font-size: 1.05rem; margin: 0; white-space: nowrap; }
.st-key-present_view { gap: .5rem; }
.st-key-present_view [data-testid="stMetricValue"] { font-size: 1.7rem; }
</style>"""

names = S.names()
url = state.Url()
name = url.choice("story", names, "north_east" if "north_east" in names else names[0], "a story")
views = S.load(name)
slide = url.number("slide", 1, len(views), 1, f"a slide number from 1 to {len(views)}")
url.notice()
view = views[slide - 1]
S.show_slide(name, slide, view)
st.html(CSS)
st.html(f"<script>{KEYS_JS}</script>", unsafe_allow_javascript=True)


def go(n: int) -> None:
    st.query_params["slide"] = str(min(max(n, 1), len(views)))


with st.container(horizontal=True, vertical_alignment="center", key="present_bar"):
    st.button(
        "Previous",
        key="present_prev",
        icon=":material/arrow_back:",
        on_click=go,
        args=(slide - 1,),
        disabled=slide == 1,
    )
    with st.container(key="present_counter", width="content"):
        st.markdown(f"**{slide} / {len(views)}** · {S.title_of(name)}")
    st.button(
        "Next",
        key="present_next",
        icon=":material/arrow_forward:",
        on_click=go,
        args=(slide + 1,),
        disabled=slide == len(views),
        type="primary",
    )
    st.space("stretch")
    with st.popover("Slides", icon=":material/list:"):
        for other in names:
            st.markdown(f"**{S.title_of(other)}**")
            for i, v in enumerate(S.load(other), 1):
                st.page_link(
                    "pages/present.py",
                    label=f"{i}. {v.title}",
                    query_params={"story": other, "slide": str(i)},
                    disabled=(other, i) == (name, slide),
                )
        st.caption("Keys: → or PageDown next, ← or PageUp previous, whatever has focus.")
    st.page_link(
        view.path, label="Open this view", icon=":material/open_in_new:", query_params=view.params
    )
    st.page_link("pages/home.py", label="Exit", icon=":material/close:")

words, stage = st.columns([1, 2.6], gap="medium")
with words:
    with st.container(key="present_title"):
        st.title(view.title, anchor=False)
    with st.container(key="present_caption"):
        st.markdown(captions.fill(view.caption, query))
with stage, st.container(key="present_view"):
    try:
        slides.draw(view.page, f"present_{name}_{slide}")
    except Exception as exc:  # one broken view must not end the talk: say so and carry on
        st.error(
            f"This view could not be drawn ({type(exc).__name__}). Use Next, or open it on its own.",
            icon=":material/error:",
        )
        logging.getLogger("civic_atlas").exception("slide %s:%s (%s) failed", name, slide, view.url)
