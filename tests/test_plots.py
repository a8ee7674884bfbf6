"""atlas.ui.plots sends the very element st.plotly_chart sends for a shared figure (issue 19: the
figure's JSON is written once, not on every run), and the atlas's pages still draw their charts."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page(how: str) -> None:
    import plotly.graph_objects as go
    import streamlit as st

    from atlas.ui import plots

    fig = go.Figure(go.Scatter(x=[2019, 2020, 2021], y=[41.5, 42.0, 40.75], name="Newcastle"))
    fig.update_layout(height=320, title="Attainment 8")
    with st.container(key="box"):  # inside a block, as on the pages
        if how == "plain":
            st.plotly_chart(fig, key="trend", config={"displaylogo": False})
        else:
            plots.chart(fig, key="trend", config={"displaylogo": False})
            plots.chart(fig, key="again")  # a second time: the JSON kept on the figure


def _element(how: str):
    at = AppTest.from_function(_page, args=(how,)).run()
    assert not at.exception
    return at, [e.proto for e in at.get("plotly_chart")]


def test_the_element_is_the_one_st_plotly_chart_sends():
    plain_at, (plain,) = _element("plain")
    fast_at, (fast, again) = _element("fast")
    assert fast.spec == plain.spec and '"title":{"text":"Attainment 8"}' in fast.spec
    assert fast.config == plain.config == '{"displaylogo": false}'
    assert fast.theme == plain.theme == "streamlit"
    assert fast.id == plain.id  # same key and arguments: the browser keeps the same chart
    assert again.spec == fast.spec and again.id != fast.id


def test_the_pages_still_draw_their_charts(open_page):
    profile = open_page("profile", area="E08000021", ind="he19_fsm")
    specs = [e.proto.spec for e in profile.get("plotly_chart")]
    assert len(specs) >= 5 and all('"data":[' in s for s in specs)
    compare = open_page("compare", group="neighbours", area="E08000021", ind="he19_fsm")
    assert len(compare.get("plotly_chart")) == 2
