"""The app shell: every page is registered, and a missing warehouse gets a clear message."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def test_every_page_file_is_registered_in_app_py():
    text = (ROOT / "app.py").read_text()
    for page in sorted((ROOT / "pages").glob("*.py")):
        assert f'"pages/{page.name}"' in text, f"{page.name} is not registered with st.navigation"


def test_missing_warehouse_shows_how_to_build_it(tmp_path, monkeypatch):
    monkeypatch.setattr("atlas.data.db.WAREHOUSE", tmp_path / "none.duckdb")
    monkeypatch.setattr("atlas.data.db.BUILD_INFO", tmp_path / "none.build.json")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert any("has not been built" in e.value and "make run" in e.value for e in at.error)
