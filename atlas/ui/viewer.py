"""A headless viewer: opens pages of a running atlas over Streamlit's own websocket protocol.

No browser: it sends the ``BackMsg`` a browser sends when a page is opened (``rerun_script`` with
the page name and query string) and reads ``ForwardMsg`` protobufs until the script has finished.
Used by the start-up warm-up (``atlas.ui.warm``) and the load test (``bench/load.py``).

It behaves like a browser tab where it matters for cost: it keeps the hashes of the cacheable
messages it has received and sends them with the next page, so the server sends references
instead of repeating big elements, and it negotiates permessage-deflate when the server offers it.
It counts the bytes that actually arrive on the socket (after compression).
"""

from __future__ import annotations

import asyncio
import time
import urllib.parse
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

LOOPBACK = ("127.0.0.1", "localhost")


class _Counting(ClientConnection):
    """A websocket connection that counts the bytes read from the socket (compressed, framed)."""

    wire_bytes = 0

    def data_received(self, data: bytes) -> None:
        self.wire_bytes += len(data)
        super().data_received(data)


@dataclass
class Run:
    """One page opened: what a user waits for and what crossed the network."""

    target: str
    seconds: float = 0.0
    wire_bytes: int = 0  # bytes on the socket, after permessage-deflate
    message_bytes: int = 0  # the same messages uncompressed
    elements: int = 0
    errors: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)  # st.error / warning / info texts shown
    status: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors and self.status == "FINISHED_SUCCESSFULLY"


class Viewer:
    """``async with Viewer("http://127.0.0.1:8501") as v: run = await v.open("map?ind=he19_fsm")``.

    ``source`` picks the loopback address the connection comes from (e.g. ``127.0.0.7``), so a
    proxy that is sticky by client address spreads simulated viewers as it would real ones."""

    def __init__(
        self, base: str, source: str | None = None, compress: bool = True, timeout: float = 120
    ) -> None:
        parts = urllib.parse.urlsplit(base)
        if parts.hostname not in LOOPBACK:
            raise ValueError(f"the headless viewer only talks to this machine, not {base!r}")
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.url = f"ws://{parts.netloc}/_stcore/stream"
        self.source, self.compress, self.timeout = source, compress, timeout
        self.cached: set[str] = set()
        self._ws: _Counting | None = None

    async def __aenter__(self) -> Viewer:
        extra = {"local_addr": (self.source, 0)} if self.source else {}
        self._ws = await connect(
            self.url,
            subprotocols=["streamlit"],
            origin=self.origin,
            compression="deflate" if self.compress else None,
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,
            create_connection=_Counting,
            **extra,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._ws is not None:
            await self._ws.close()

    async def open(self, target: str) -> Run:
        """Open ``target`` (e.g. ``"map?ind=he19_fsm&focus=E92000001"``, ``""`` = the default
        page) as a link would, and wait for the page's script to finish."""
        assert self._ws is not None, "use Viewer as an async context manager"
        page, _, query = target.partition("?")
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        msg.rerun_script.cached_message_hashes.extend(sorted(self.cached))
        run = Run(target)
        start_wire = self._ws.wire_bytes
        t0 = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        async with asyncio.timeout(self.timeout):
            while not run.status:
                data = await self._ws.recv()
                run.message_bytes += len(data)
                self._read(ForwardMsg.FromString(data), run)
        run.seconds = time.perf_counter() - t0
        run.wire_bytes = self._ws.wire_bytes - start_wire
        return run

    def _read(self, fmsg: ForwardMsg, run: Run) -> None:
        kind = fmsg.WhichOneof("type")
        if fmsg.metadata.cacheable and fmsg.hash:
            self.cached.add(fmsg.hash)
        if kind == "delta":
            run.elements += 1
            element = fmsg.delta.new_element
            if fmsg.delta.WhichOneof("type") == "new_element":
                if element.WhichOneof("type") == "exception":
                    run.errors.append(f"{element.exception.type}: {element.exception.message}")
                elif element.WhichOneof("type") == "alert":
                    run.alerts.append(element.alert.body)
        elif kind == "page_not_found":
            run.errors.append(f"page not found: {fmsg.page_not_found.page_name}")
        elif kind == "script_finished":
            if fmsg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return  # st.rerun / st.switch_page: the next run follows on the same socket
            run.status = ForwardMsg.ScriptFinishedStatus.Name(fmsg.script_finished)
            if fmsg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                run.errors.append("the page failed to compile")


async def visit(base: str, targets: list[str], **kw: object) -> list[Run]:
    """Open ``targets`` one after another in one session (one browser tab)."""
    async with Viewer(base, **kw) as viewer:
        return [await viewer.open(t) for t in targets]
