"""Issue 9 on the pages themselves (AppTest): the links from the reliability pass, and the one
escaping function every echoed value goes through."""

from __future__ import annotations

import re

import pytest

from atlas.text.formatting import echo, link, md

WJ = "\u2060"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("[Login again,](//e.co)", r"\[Login again,\]\(//e.co\)"),
        ("![x](//e.co/a)", r"\!\[x\]\(//e.co/a\)"),
        ("https://e.co/x", rf"https\:{WJ}//e.co/x"),
        (r"$\huge{X}$", r"\$\\huge\{X\}\$"),
        ("<script>", r"\<script\>"),
        ("www.e.co", f"www{WJ}.e.co"),
        ("a@e.co", rf"a{WJ}\@e.co"),
        (":red[x]", r"\:red\[x\]"),
        ("Newcastle upon Tyne, 2021–2024", "Newcastle upon Tyne, 2021–2024"),
    ],
)
def test_md_makes_outside_text_inert(raw, shown):
    assert md(raw) == shown


def test_echo_clips_and_drops_control_characters():
    assert echo("a\nb\x00" + "c" * 60) == "ab" + "c" * 38 + "…"


def test_link_only_links_plain_web_addresses():
    assert link("GOV.UK", "https://www.gov.uk/x") == "[GOV.UK](<https://www.gov.uk/x>)"
    assert link("[x](y)", "javascript:alert(1)") == r"\[x\]\(y\)"
    assert link(None, "https://e.co/a b") == "source"


def notice(at) -> str:
    return "\n".join(w.value for w in at.warning if "not recognised" in w.value)


def test_compare_a_combined_authority_without_a_series(open_page):
    at = open_page("compare", areas="E47000001")
    assert not at.exception, [e.message for e in at.exception]
    assert "Attainment 8 has no value for Greater Manchester" in at.info[0].value
    at = open_page("compare", areas="E47000001", ind="claimant_rate")  # published for CAs
    assert not at.exception and "Greater Manchester" in list(at.dataframe[0].value["area_name"])


def test_partnerships_names_an_unknown_type(open_page):
    at = open_page("partnerships", type="research partnership,[x](//e.co)")
    assert not at.exception
    assert "`type` = “\\[x\\]\\(//e.co\\)” is not a partnership type" in notice(at)
    assert at.multiselect(key="pp_type").value == ["research partnership"]  # the good one kept


def test_before_after_pool_is_escaped(open_page):
    at = open_page("before_after", pool="[Login again,](//e.co)")
    assert not at.exception
    text = notice(at)
    assert r"\[Login again, \]\(//e.co\)" in text and "[Login again, ](" not in text


def test_profile_register_text_goes_through_the_escaping_function(open_page):
    at = open_page("profile", area="E08000021")
    assert not at.exception
    cards = [m.value for m in at.markdown if "Sources:" in m.value]
    assert cards, "no partnership listed for Newcastle"
    for card in cards:
        # every link is a plain web address in <…>, titles are escaped
        assert all(
            u.startswith("https://") or u.startswith("http://")
            for u in re.findall(r"\]\(<([^>]*)>\)", card)
        )
        assert not re.search(r"\]\((?!<)", card), card
