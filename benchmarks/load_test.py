"""Load on ``detente serve``: many concurrent clients analysing and reading at once.

Starts the service (``detente.web.serve``) as a separate process on a free loopback
port over a temporary store, stores the bundled examples through ``POST
/api/articles`` so there is something to read, then runs ``--clients`` concurrent
clients (asyncio, each on its own keep-alive connection) for ``--seconds``: half of
them post an article to ``/api/analyze`` over and over, the other half read
``/api/events``. Prints requests per second, errors and latency percentiles per
endpoint, counting the requests that completed inside the window.

The service's rate limit (``DETENTE_RATE_LIMIT``, 120 requests a minute per client
address by default) would turn this into 429s, since every client here is 127.0.0.1:
the service under test runs with it set to 1,000,000.

    .venv/bin/python benchmarks/load_test.py [--seconds 60] [--clients 200] [--article FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from procmem import PeakSampler

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DEFAULT_ARTICLE = EXAMPLES / "2023-06-19-blinken-beijing.txt"
RATE_LIMIT = 1_000_000
SERVER = (
    "import sys; from pathlib import Path; from detente.web import serve; "
    "serve(Path(sys.argv[1]), port=int(sys.argv[2]), workers=int(sys.argv[3]), "
    "**({'cache_bytes': int(sys.argv[4])} if len(sys.argv) > 4 else {}))"
)


@dataclass
class Tally:
    """Latencies of the requests that succeeded, and the failures by kind."""

    seconds: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(
    db: Path, port: int, log: Path, workers: int = 1, cache_bytes: int | None = None
) -> subprocess.Popen[bytes]:
    """``detente serve`` over ``db`` in its own process (``cache_bytes``: serve's default
    when None)."""
    env = {**os.environ, "DETENTE_RATE_LIMIT": str(RATE_LIMIT)}
    env.pop("DETENTE_TOKEN", None)
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-c", SERVER, str(db), str(port), str(workers)]
            + ([str(cache_bytes)] if cache_bytes is not None else []),
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )


def wait_until_up(url: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            if httpx.get(f"{url}/api/stats", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer within {timeout:.0f} s")


def store_examples(url: str) -> int:
    """Store the example articles through the API, as a client would."""
    stored = 0
    with httpx.Client(base_url=url, timeout=120) as http:
        for path in sorted(EXAMPLES.glob("*.txt")):
            body = {"text": path.read_text(encoding="utf-8"), "published": path.name[:10]}
            response = http.post("/api/articles", json=body)
            response.raise_for_status()
            stored += response.status_code == 201
    return stored


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux: /proc), else 0."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


Request = tuple[str, str, dict[str, str] | None]
"""A client's request: method, path with its query, JSON body."""


class Connection:
    """One keep-alive HTTP/1.1 connection, written by hand: httpx costs several
    milliseconds of CPU a request, so 50 clients in one process spent a core and the
    latencies measured the clients' own queue, not the server."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(self, method: str, path: str, body: dict[str, str] | None) -> int:
        """Send the request and read the whole answer: its status."""
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        payload = json.dumps(body).encode() if body is not None else b""
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: application/json\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
        writer.write(head.encode() + b"\r\n" + payload)
        status_line = await reader.readline()
        if not status_line:
            raise ConnectionResetError("the server closed the connection")
        status = int(status_line.split()[1])
        length, close = 0, False
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and value.strip().lower() == "close":
                close = True
        await reader.readexactly(length)
        if close:
            self.close()
        return status

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def client(
    connection: Connection,
    request: Request,
    tallies: dict[str, Tally],
    until: float,
) -> None:
    method, path, body = request
    while time.monotonic() < until:
        started = time.monotonic()
        kind = None
        try:
            status = await connection.request(method, path, body)
            if status >= 400:
                kind = f"HTTP {status}"
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as exc:
            kind = type(exc).__name__
            connection.close()
        if time.monotonic() > until:
            return
        tally = tallies[f"{method} {path.split('?')[0]}"]
        if kind:
            tally.errors[kind] += 1
        else:
            tally.seconds.append(time.monotonic() - started)


async def run_load(
    url: str, clients: int, seconds: float, requests: list[Request]
) -> tuple[dict[str, Tally], float, int]:
    """``clients`` concurrent clients, each on its own keep-alive connection, client N
    sending ``requests[N % len(requests)]`` over and over for ``seconds``."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    address = urlsplit(url)
    connections = [Connection(address.hostname or "", address.port or 80) for _ in range(clients)]
    started = time.monotonic()
    until = started + seconds
    tasks = [
        asyncio.create_task(
            client(connections[number], requests[number % len(requests)], tallies, until)
        )
        for number in range(clients)
    ]
    done, pending = await asyncio.wait(tasks, timeout=seconds + 1)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for task in done:
        task.result()
    elapsed = time.monotonic() - started
    for connection in connections:
        connection.close()
    return tallies, min(elapsed, seconds), len(pending)


def report(tallies: dict[str, Tally], seconds: float, unfinished: int) -> None:
    header = f"{'endpoint':<18} {'done':>7} {'req/s':>8} {'errors':>7} {'p50 ms':>9} {'p95 ms':>9}"
    print(header)
    print("-" * len(header))
    for name in sorted(tallies):
        tally = tallies[name]
        done = len(tally.seconds)
        errors = sum(tally.errors.values())
        p50 = f"{1000 * percentile(tally.seconds, 0.50):.0f}" if done else "-"
        p95 = f"{1000 * percentile(tally.seconds, 0.95):.0f}" if done else "-"
        print(f"{name:<18} {done:>7} {done / seconds:>8.1f} {errors:>7} {p50:>9} {p95:>9}")
        for kind, count in tally.errors.most_common():
            print(f"    {count} x {kind}")
    total = sum(len(t.seconds) for t in tallies.values())
    errors = sum(sum(t.errors.values()) for t in tallies.values())
    print(f"{'all':<18} {total:>7} {total / seconds:>8.1f} {errors:>7}")
    print(f"requests still in flight when the window closed (not counted): {unfinished}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="length of the run (60)")
    parser.add_argument("--clients", type=int, default=200, help="concurrent clients (200)")
    parser.add_argument(
        "--article", type=Path, default=DEFAULT_ARTICLE, help="the article clients analyse"
    )
    args = parser.parse_args()
    if args.clients < 2 or args.seconds <= 0:
        parser.error("give at least 2 clients and a positive number of seconds")
    article = args.article.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="detente-load-") as folder:
        db, log = Path(folder) / "load.db", Path(folder) / "server.log"
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = start_server(db, port, log)
        try:
            wait_until_up(url, server)
            stored = store_examples(url)
            print(f"detente serve on {url} over a temporary store ({stored} example articles)")
            print(
                f"DETENTE_RATE_LIMIT={RATE_LIMIT:,} for this run: the default limit (120 a "
                "minute per client address) would answer this load with 429s, as every "
                "client here is 127.0.0.1"
            )
            posting, reading = args.clients - args.clients // 2, args.clients // 2
            print(
                f"{args.clients} clients for {args.seconds:.0f} s: {posting} post "
                f"{args.article.name} to /api/analyze, {reading} read /api/events; "
                f"{os.cpu_count()} CPUs shared by the server and the clients"
            )
            print()
            server_cpu, client_cpu = cpu_seconds(server.pid), time.process_time()
            requests: list[Request] = [
                ("POST", "/api/analyze", {"text": article, "published": "2023-06-19"}),
                ("GET", "/api/events?dyad=USA-CHN&limit=50", None),
            ]
            with PeakSampler(server.pid) as memory:
                tallies, seconds, unfinished = asyncio.run(
                    run_load(url, args.clients, args.seconds, requests)
                )
            server_cpu = cpu_seconds(server.pid) - server_cpu
            client_cpu = time.process_time() - client_cpu
            report(tallies, seconds, unfinished)
            print(
                f"CPU in the window: server {server_cpu:.0f} s ({server_cpu / seconds:.0%} of "
                f"a core), clients {client_cpu:.0f} s ({client_cpu / seconds:.0%}); server's "
                f"peak resident memory {memory.peak:.0f} MiB"
            )
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
