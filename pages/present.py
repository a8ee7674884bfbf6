"""Presentation mode: a story's slides full screen — large caption, the live view, next/previous.

Each slide is a view of the atlas (data/stories/<story>.yaml) drawn in place from the same page
file and caches, so it works offline and exactly as the shared link would. Keys: Right / Left
arrows and PageDown / PageUp (presentation clickers) move between slides.
"""

import logging

import streamlit as st

from atlas.ui import state
from atlas.ui import story as S

CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 2.5rem 2rem 2.5rem; max-width: 100%; }
.st-key-present_title h1 { font-size: 2.5rem; line-height: 1.12; padding: .4rem 0 .6rem 0; }
.st-key-present_caption p { font-size: 1.45rem; line-height: 1.45; }
.st-key-present_counter p { font-size: 1.1rem; margin: 0; white-space: nowrap; }
.st-key-present_view { font-size: 1.05rem; }
.st-key-present_view h1 { font-size: 1rem; font-weight: 600; letter-spacing: .06em;
  text-transform: uppercase; color: #5b6573; padding: 0; }
.st-key-present_pgup, .st-key-present_pgdn { position: absolute; left: -10000px; }
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
        shortcut="Left",
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
        shortcut="Right",
        type="primary",
    )
    st.button(
        "Previous (PageUp)",
        key="present_pgup",
        on_click=go,
        args=(slide - 1,),
        disabled=slide == 1,
        shortcut="PageUp",
    )
    st.button(
        "Next (PageDown)",
        key="present_pgdn",
        on_click=go,
        args=(slide + 1,),
        disabled=slide == len(views),
        shortcut="PageDown",
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
        st.caption("Keys: → or PageDown next, ← or PageUp previous (not while typing in a box).")
    st.page_link(
        view.path, label="Open this view", icon=":material/open_in_new:", query_params=view.params
    )
    st.page_link("pages/home.py", label="Exit", icon=":material/close:")

words, stage = st.columns([1, 2.8], gap="large")
with words:
    with st.container(key="present_title"):
        st.title(view.title, anchor=False)
    with st.container(key="present_caption"):
        st.markdown(view.caption)
with stage, st.container(key="present_view"):
    try:
        S.run_page(view, f"{name}:{slide}")
    except Exception as exc:  # one broken view must not end the talk: say so and carry on
        st.error(
            f"This view could not be drawn ({type(exc).__name__}). Use Next, or open it on its own.",
            icon=":material/error:",
        )
        logging.getLogger("civic_atlas").exception("slide %s:%s (%s) failed", name, slide, view.url)
