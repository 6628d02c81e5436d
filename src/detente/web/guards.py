"""What stands between a client and the service: the error shape, the request size
limit, the per-client rate limit and the security headers.

The three guards are plain ASGI middleware, so they answer before FastAPI parses
anything, and each of their refusals has the service's one error shape.
"""

from __future__ import annotations

import math
import time

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid",
    429: "rate_limited",
    500: "internal",
    503: "unavailable",
}

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def error_response(
    status: int,
    message: str,
    headers: dict[str, str] | None = None,
    detente_code: str | None = None,
) -> JSONResponse:
    """``{"error": {"status", "code", "message", "detente_code"}}``: every error the
    service returns; ``detente_code`` is the ``D0xx`` of an error detente raised."""
    body = {
        "error": {
            "status": status,
            "code": ERROR_CODES.get(status, "error"),
            "message": message,
            "detente_code": detente_code,
        }
    }
    return JSONResponse(body, status_code=status, headers=headers)


class SecurityHeaders:
    """Adds the Content-Security-Policy and its companions to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """Refuses a request body over ``max_body`` bytes with 413: at once when its
    Content-Length says so, else as soon as the bytes received pass the limit. The
    body is read here and handed on whole, so the application never sees more."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await error_response(400, "Content-Length is not a number")(scope, receive, send)
                return
            if int(declared) > self.max_body:
                await self._refuse(scope, receive, send)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = f"the request body is larger than the limit of {self.max_body:,} bytes"
        await error_response(413, message)(scope, receive, send)


class RateLimit:
    """At most ``per_minute`` API requests per client address (a token bucket that
    refills continuously); over it, 429 with Retry-After. ``per_minute`` 0 turns it off.
    Only ``/api/`` is counted: a dashboard page's own files are not requests a person
    makes. The address is the connection's: behind a proxy all clients are one."""

    PRUNE_AT = 10_000
    """Past this many addresses, those whose bucket is full again are forgotten."""

    def __init__(self, app: ASGIApp, per_minute: int) -> None:
        self.app = app
        self.capacity = float(per_minute)
        self.per_second = per_minute / 60
        self.buckets: dict[str, tuple[float, float]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.capacity or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        key = client[0] if client else "unknown"
        wait = self.take(key, time.monotonic())
        if wait:
            message = (
                f"more than {self.capacity:.0f} requests a minute from this client; "
                f"retry in {wait} s"
            )
            await error_response(429, message, {"Retry-After": str(wait)})(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def take(self, key: str, now: float) -> int:
        """Spend one request of ``key``'s bucket: 0, or the seconds until it may retry."""
        tokens, last = self.buckets.get(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - last) * self.per_second)
        if tokens < 1:
            self.buckets[key] = (tokens, now)
            return max(1, math.ceil((1 - tokens) / self.per_second))
        self.buckets[key] = (tokens - 1, now)
        if len(self.buckets) > self.PRUNE_AT:
            self._prune(now)
        return 0

    def _prune(self, now: float) -> None:
        refill = self.capacity / self.per_second
        self.buckets = {k: v for k, v in self.buckets.items() if now - v[1] < refill}
