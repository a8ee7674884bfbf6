"""Start the app: ``python -m atlas.serve [streamlit options]`` (what ``make run`` calls).

app.py registers every page with ``st.navigation``. But while a ``pages/`` folder sits beside the
main script, Streamlit (1.67) treats the app as an old-style multipage app until ``st.navigation``
has run once in the server's life: a bookmarked link such as ``/map`` opened first after start-up
would run ``pages/map.py`` alone, without app.py. Telling Streamlit up front that this app does not
use the ``pages/`` directory convention makes every first request go through app.py. The browser
test ``test_a_deep_link_works_on_a_freshly_started_server`` guards this.

An uncaught error shows visitors Streamlit's generic message, never a traceback or a server path
(``client.showErrorDetails = none``); the traceback is written to the server's log
(``test_a_visitor_never_sees_a_traceback``).

Once the server answers, ``atlas.ui.warm`` opens the default pages and the presentation stories in
the background over the websocket, so the first visitor finds imports, geometry and the default
queries ready (``CIVIC_ATLAS_WARM=0`` turns that off).
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from atlas.ui import warm

APP = Path(__file__).resolve().parent.parent / "app.py"


def main(argv: list[str]) -> int:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), "--server.address", "127.0.0.1"]
    # Also in .streamlit/config.toml; repeated so it holds whatever the working directory.
    sys.argv += ["--client.showErrorDetails", "none", "--client.showErrorLinks", "false", *argv]
    warm.start()
    return cli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
