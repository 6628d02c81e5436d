"""How the service reads the store: a connection per thread, kept from one request to
the next, and a cache of the API's answers that holds while the store is unchanged.

``Readers`` gives each thread that answers requests its own connection (an SQLite
connection must not be used by two threads at once), opened on the thread's first
request and kept: opening one per request cost about as much as reading a page, and
closing the last connection to a store in WAL mode checkpoints it. Before each use the
file is checked to be the one the connection opened, so a store deleted under the
service is answered as before (``NoDatabase``), and one replaced by another file is read
anew.

``AnswerCache`` keeps each successful ``GET /api/...`` answer, keyed by its path and
query, for as long as the store's ``Readers.version`` stays the one it had when the
answer began: SQLite's ``data_version`` of one connection, which changes whenever any
other connection commits (an article stored through the API, an ingest or a relink in
another process, another worker of ``serve --workers``). Every request reads the
version first, so no answer made before a change is served after it. Requests that
arrive while the same answer is being made wait for it rather than make it again.
"""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente.errors import StoreError
from detente.store import Store

CACHE_BYTES = 64 * 2**20
"""The answers a service process keeps, in bytes of their bodies, by default."""


class Readers:
    """The store's read connections, one per thread."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._local = threading.local()
        self._openings = itertools.count(1)
        self._open: weakref.WeakSet[Store] = weakref.WeakSet()
        self._lock = threading.Lock()

    def store(self) -> Store:
        """This thread's connection to the store: the one it used before, unless the file
        at the path is no longer the one it opened (then a new one, or ``NoDatabase``
        when there is none)."""
        return self._opened()[1]

    def version(self) -> Hashable | None:
        """A value that differs whenever the store may have changed since it was last
        read: the opening of this thread's connection and its ``data_version``; None
        when the store cannot be read."""
        try:
            opening, store = self._opened()
            return opening, store.data_version
        except (StoreError, sqlite3.Error):
            return None

    def _opened(self) -> tuple[int, Store]:
        """This thread's connection and the number of its opening (which no other
        connection of these readers has)."""
        local = self._local
        opened: tuple[int, Store] | None = getattr(local, "opened", None)
        if opened is not None and opened[1].same_file():
            return opened
        if opened is not None:
            local.opened = None
            self._close(opened[1])
        store = Store(self.db, any_thread=True)
        with self._lock:
            self._open.add(store)
            local.opened = (next(self._openings), store)
        return local.opened

    def close(self) -> None:
        """Close every connection (when the service stops)."""
        with self._lock:
            stores, self._open = list(self._open), weakref.WeakSet()
        self._local = threading.local()
        for store in stores:
            store.close()

    def _close(self, store: Store) -> None:
        with self._lock:
            self._open.discard(store)
        store.close()


class AnswerCache:
    """ASGI middleware: the answers of ``GET /api/...`` that succeeded, served again
    while ``version()`` returns what it did when each was made (never when it returns
    None). At most ``max_bytes`` of bodies are kept, the least recently used dropped
    first; 0 keeps none."""

    def __init__(
        self, app: ASGIApp, version: Callable[[], Hashable | None], max_bytes: int
    ) -> None:
        self.app = app
        self.version = version
        self.max_bytes = max_bytes
        self._of: Hashable | None = None
        self._answers: OrderedDict[tuple[str, bytes], list[Message]] = OrderedDict()
        self._bytes = 0
        self._making: dict[tuple[Hashable, str, bytes], asyncio.Future[list[Message] | None]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        version = self.version()
        if version is None:
            await self.app(scope, receive, send)
            return
        if version != self._of:
            self._forget(version)
        key = (scope["path"], scope["query_string"])
        answer = self._answers.get(key)
        if answer is not None:
            self._answers.move_to_end(key)
        elif (making := self._making.get((version, *key))) is not None:
            answer = await asyncio.shield(making)
            if answer is None:  # it failed: this request is answered on its own
                await self.app(scope, receive, send)
                return
        else:
            await self._make(scope, receive, send, version, key)
            return
        for message in answer:
            await send(message)

    def _cacheable(self, scope: Scope) -> bool:
        return (
            self.max_bytes > 0
            and scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"].startswith("/api/")
        )

    async def _make(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        version: Hashable,
        key: tuple[str, bytes],
    ) -> None:
        """Answer the request, and keep the answer when it succeeded and the store is
        still at ``version``; requests for the same answer meanwhile wait for it."""
        making: asyncio.Future[list[Message] | None] = asyncio.get_running_loop().create_future()
        self._making[(version, *key)] = making
        messages: list[Message] = []

        async def keep(message: Message) -> None:
            messages.append(message)
            await send(message)

        answer = None
        try:
            await self.app(scope, receive, keep)
            if _succeeded(messages):
                answer = messages
                if version == self._of:
                    self._keep(key, messages)
        finally:
            del self._making[(version, *key)]
            making.set_result(answer)

    def _keep(self, key: tuple[str, bytes], messages: list[Message]) -> None:
        size = sum(len(m.get("body", b"")) for m in messages)
        if size > self.max_bytes // 8:
            return
        self._answers[key] = messages
        self._bytes += size
        while self._bytes > self.max_bytes:
            _, dropped = self._answers.popitem(last=False)
            self._bytes -= sum(len(m.get("body", b"")) for m in dropped)

    def _forget(self, version: Hashable) -> None:
        self._of = version
        self._answers.clear()
        self._bytes = 0


def _succeeded(messages: list[Message]) -> bool:
    """Whether the messages are a whole answer with status 200."""
    return (
        bool(messages)
        and messages[0]["type"] == "http.response.start"
        and messages[0]["status"] == 200
        and messages[-1]["type"] == "http.response.body"
        and not messages[-1].get("more_body", False)
    )
