"""Streamlit's own frontend files, served from memory (issue 19, point 6: a new tab's wait).

A new tab asks the server for Streamlit's shell: ~65 JavaScript modules, its CSS and its fonts.
Streamlit (1.67) answers each with Starlette's ``FileResponse``: a ``stat``, an open and the reads,
each handed to a worker thread and back to the event loop. This route answers ``/static/…`` with
the file's bytes, kept in memory after their first request, in one message and with Streamlit's
own cache header (the names are content-hashed: immutable for a year). A browser that accepts gzip
gets text files compressed, once per process and kept: a new tab of the map downloads ~1.8 MB
instead of ~5 MB, which a viewer on conference wifi feels more than one on loopback. A weak validator
(``ETag``: the file's name, one for both encodings) lets a revalidating browser get a 304.

Only the files Streamlit ships are served: their names are read from its ``static/static`` folder,
and any other path is a plain 404 (Streamlit answered one with its ``index.html``). The speed-up
on a new tab is in docs/benchmarks.md ("Issue 19, the shell's own files").
"""

from __future__ import annotations

import functools
import gzip
import mimetypes
import os
import re
from pathlib import Path

import streamlit

ROOT = Path(streamlit.__file__).parent / "static" / "static"
CACHE = "public, immutable, max-age=31536000"  # what Streamlit sends for these files
ZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
ZIP_MIN = 1400  # bytes: a file within one packet gains nothing from compression
READY: set[tuple[str, bool]] = set()  # (file, gzip) in memory: answered on the event loop


@functools.cache
def names() -> frozenset[str]:
    """Every file Streamlit ships under ``static/static``, as a ``/``-path relative to it."""
    return frozenset(
        os.path.relpath(os.path.join(folder, f), ROOT).replace(os.sep, "/")
        for folder, _, files in os.walk(ROOT)
        for f in files
    )


@functools.cache
def body(rel: str, zipped: bool) -> tuple[bytes, str, bool]:
    """``rel``'s bytes (gzip-compressed when ``zipped`` and worth it), its media type, and
    whether the bytes are compressed. Read once per process."""
    data = (ROOT / rel).read_bytes()
    kind = mimetypes.guess_type(rel)[0] or "application/octet-stream"
    if zipped and len(data) >= ZIP_MIN and kind.startswith(ZIP_TYPES):
        return gzip.compress(data, 6, mtime=0), kind, True
    return data, kind, False


def shell() -> tuple[str, ...]:
    """The files Streamlit's ``index.html`` names (its entry module, the modules it preloads,
    its CSS and font): what every new tab asks for first."""
    index = (ROOT.parent / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'(?:href|src)="\./static/([^"]+)"', index)
    return tuple(f for f in dict.fromkeys(found) if f in names())


def warm() -> int:
    """Read and compress the shell's files now (~0.06 s, before the server listens), so that the
    first visitor's tab is not the one that waits for it; the number of files."""
    files = shell()
    for rel in files:
        body(rel, True)
        READY.add((rel, True))
    return len(files)


def routes() -> list:
    """A Starlette route for ``/static/{file}`` (GET and HEAD), put before Streamlit's own."""
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route

    async def serve(request) -> Response:
        rel = request.path_params["rest"]
        if rel not in names():
            return PlainTextResponse("Not Found", status_code=404)
        headers = {"Cache-Control": CACHE, "Vary": "Accept-Encoding", "ETag": f'W/"{rel}"'}
        if request.headers.get("if-none-match") == headers["ETag"]:
            return Response(status_code=304, headers=headers)
        zipped = "gzip" in request.headers.get("accept-encoding", "")
        if (rel, zipped) not in READY:  # read from disk (and compressed) in a worker thread once
            await run_in_threadpool(body, rel, zipped)
            READY.add((rel, zipped))
        data, kind, was = body(rel, zipped)
        if was:
            headers["Content-Encoding"] = "gzip"
        return Response(data, media_type=kind, headers=headers)

    return [Route("/static/{rest:path}", serve, methods=["GET", "HEAD"])]
