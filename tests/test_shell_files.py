"""Streamlit's own files for a new tab: served from memory, compressed, and without Nagle's wait
(issue 19, point 6; ``atlas.statics``, ``atlas.serve.no_delay``)."""

from __future__ import annotations

import gzip
import re
import socket
import urllib.error
import urllib.request

from atlas import serve, statics


def entry_module() -> str:
    """The shell's entry module as Streamlit's index.html names it (``js/index.….js``)."""
    index = (statics.ROOT.parent / "index.html").read_text(encoding="utf-8")
    return re.search(r'src="\./static/(js/index\.[^"]+\.js)"', index).group(1)


def get(url: str, **headers) -> tuple[int, object, bytes]:
    """Status, headers (case-insensitive) and body of a GET."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def test_only_the_files_streamlit_ships_are_named():
    names = statics.names()
    assert entry_module() in names and len(names) > 300
    assert not any(n.startswith(("/", "..")) or "\\" in n for n in names)
    assert "../index.html" not in names and "index.html" not in names


def test_text_is_compressed_once_and_decompresses_to_the_file():
    rel = entry_module()
    raw = (statics.ROOT / rel).read_bytes()
    data, kind, zipped = statics.body(rel, True)
    assert zipped and gzip.decompress(data) == raw and len(data) < len(raw) / 2
    assert "javascript" in kind
    assert statics.body(rel, False) == (raw, kind, False)
    font = next(n for n in statics.names() if n.endswith(".woff2"))
    assert statics.body(font, True)[2] is False  # already compressed: sent as it is


def test_the_server_answers_the_shells_files_from_memory(server):
    rel = entry_module()
    raw = (statics.ROOT / rel).read_bytes()
    status, headers, body = get(f"{server}/static/{rel}", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == raw
    assert headers["Cache-Control"] == "public, immutable, max-age=31536000"
    assert "javascript" in headers["Content-Type"]
    status, headers, body = get(f"{server}/static/{rel}")  # a client without gzip
    assert status == 200 and body == raw and "Content-Encoding" not in headers
    status, _, body = get(f"{server}/static/{rel}", **{"If-None-Match": f'W/"{rel}"'})
    assert status == 304 and body == b""


def test_an_unknown_or_climbing_path_is_not_a_file(server):
    for path in (
        "static/js/nothing-here.js",
        "static/%2e%2e/index.html",
        "static/js/%2e%2e/%2e%2e/x",
    ):
        status, _, body = get(f"{server}/{path}")
        assert status in (400, 404), path
        assert b"<html" not in body.lower()


def accepted_no_delay(listener: socket.socket) -> int:
    """TCP_NODELAY on a connection ``listener`` accepts."""
    listener.setblocking(True)
    with socket.create_connection(listener.getsockname()[:2], timeout=5):
        conn, _ = listener.accept()
        with conn:
            return conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_the_servers_connections_send_small_writes_at_once():
    from streamlit.web.server.starlette import starlette_server

    # the defect: Streamlit's own socket (protocol 0) leaves Nagle's algorithm on
    with socket.socket(socket.AF_INET) as plain:
        plain.bind(("127.0.0.1", 0))
        plain.listen(1)
        assert accepted_no_delay(plain) == 0
    serve.no_delay()
    serve.no_delay()  # once, whatever the number of calls
    assert starlette_server._bind_socket.atlas_no_delay
    with starlette_server._bind_socket("127.0.0.1", 0, 8) as sock:
        assert accepted_no_delay(sock) != 0


def test_the_shells_files_are_ready_before_the_first_visitor():
    files = statics.shell()
    assert entry_module() in files and len(files) > 50
    assert any(f.endswith(".css") for f in files) and any(f.endswith(".woff2") for f in files)
    assert statics.warm() == len(files)
    assert all((f, True) in statics.READY for f in files)
