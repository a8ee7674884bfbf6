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

Serving many processes (issue 19): the process first checks that its port is free and says so in
one line (exit 2) if it is not, so a foreign server on the port is never taken for a replica; and it
answers ``/_atlas/ready`` (``atlas.ready``: the warehouse opens and is the build recorded beside
it), which the proxy and the container platform use to admit traffic.

A new tab's wait (issue 19): the server's connections send small writes at once (``no_delay``:
Streamlit's own listening socket left Nagle's algorithm on), and Streamlit's shell files are
answered from memory, compressed once (``atlas.statics``).
"""

from __future__ import annotations

import errno
import os
import socket
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from atlas import ready, statics
from atlas.ui import preload, warm

APP = Path(__file__).resolve().parent.parent / "app.py"


def option(argv: list[str], name: str, default: str) -> str:
    """The value of ``--name VALUE`` or ``--name=VALUE`` in Streamlit's options (last one wins)."""
    value = default
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith(name + "="):
            value = arg.split("=", 1)[1]
    return value


def port_taken(address: str, port: int) -> bool:
    """Does something already listen on ``address:port``? (a foreign server, an old replica)"""
    with socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds it
        try:
            s.bind((address, port))
        except OSError as exc:
            return exc.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def switch_interval() -> float:
    """How long a thread may hold the GIL while others wait: 1 ms, not Python's 5 ms.

    Each page run hands Streamlit's event loop some 50-100 messages, each with a system call
    (``call_soon_threadsafe``) that gives up the GIL; under load the script thread then waits for
    another thread's turn to end before it goes on. At 5 ms a turn that waiting, not the CPU, made
    most of a page run's time at 60 viewers (docs/benchmarks.md, issue 19).
    ``CIVIC_ATLAS_SWITCH_INTERVAL`` (seconds) overrides it, for measuring."""
    try:
        value = float(os.environ.get("CIVIC_ATLAS_SWITCH_INTERVAL", "0.001"))
    except ValueError:
        value = 0.001
    return value if 0 < value <= 0.1 else 0.001


def main(argv: list[str]) -> int:
    address, port = (
        option(argv, "--server.address", "127.0.0.1"),
        option(argv, "--server.port", "8501"),
    )
    if not port.isdigit() or int(port) > 65535:
        print(f"Civic Atlas: --server.port {port[:20]!r} is not a port number", file=sys.stderr)
        return 2
    if int(port) and port_taken(address, int(port)):
        print(
            f"Civic Atlas: port {port} on {address} is already in use by another program; "
            "stop it or choose another --server.port",
            file=sys.stderr,
        )
        return 2
    PagesManager.uses_pages_directory = False
    sys.setswitchinterval(switch_interval())
    sys.argv = ["streamlit", "run", str(APP), "--server.address", "127.0.0.1"]
    # Also in .streamlit/config.toml; repeated so it holds whatever the working directory.
    sys.argv += ["--client.showErrorDetails", "none", "--client.showErrorLinks", "false", *argv]
    # the readiness endpoint, the map pages' HTML asking for the map's code up front, and
    # Streamlit's own files from memory
    add_routes(
        lambda runtime: [ready.route(runtime)],
        lambda runtime: preload.routes(),
        lambda runtime: statics.routes(),
    )
    no_delay()
    statics.warm()
    warm.start()
    return cli.main()


def no_delay() -> None:
    """Every connection the server accepts sends small writes at once (``TCP_NODELAY``).

    Streamlit (1.67) binds its own listening socket as ``socket.socket(family)``, whose protocol
    number is 0, and asyncio turns Nagle's algorithm off only for sockets that say ``IPPROTO_TCP``
    (``base_events._set_nodelay``). So every response whose headers and body go out as two writes
    (each small static file, each health check) waited for the browser's delayed ACK: ~40 ms a file,
    six files at a time, ~0.3 s of a new tab's 65 modules (docs/benchmarks.md). Set on the
    listening socket, the option is inherited by each accepted connection (Linux). Once, whatever
    the number of calls; a Streamlit without this function serves as it ships (slower, never
    broken), and ``tests/test_shell_files.py`` fails so that the next upgrade looks again."""
    from streamlit.web.server.starlette import starlette_server

    bind = getattr(starlette_server, "_bind_socket", None)
    if bind is None or getattr(bind, "atlas_no_delay", False):
        return

    def bind_no_delay(address: str, port: int, backlog: int) -> socket.socket:
        sock = bind(address, port, backlog)
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    bind_no_delay.atlas_no_delay = True
    starlette_server._bind_socket = bind_no_delay


def add_routes(*makers) -> None:
    """Put our routes (each maker: runtime -> routes) ahead of Streamlit's catch-all in the
    Starlette app that ``streamlit run`` (1.67) builds; once, whatever the number of calls."""
    from streamlit.web.server.starlette import starlette_server

    build = starlette_server.create_starlette_app
    if getattr(build, "atlas_routes", False):
        return

    def create_with_ours(runtime):
        app = build(runtime)
        app.router.routes[0:0] = [r for make in makers for r in make(runtime)]
        return app

    create_with_ours.atlas_routes = True
    starlette_server.create_starlette_app = create_with_ours


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
