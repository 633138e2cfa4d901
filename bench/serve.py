"""Load on the scoring endpoint over loopback vs the same pages scored in-process.

    python bench/serve.py [--workers 1] [--clients 50] [--seconds 10] [--load 0.6] [--single]

Pages of about 100 kB: ../shared/data/html-samples pages between 70 and 140 kB (when present)
and data/corpus pages grown to about 100 kB by repeating their own markup. Every request carries
a unique comment, so the response cache never answers and every request is scored.

Phases, all in one run against one `detector serve` process on 127.0.0.1:
  1+2. serial: one request at a time over HTTP, each body also scored in-process just before
     (``Detector.score``, the baseline), so both see the same load on the shared CPUs;
     HTTP overhead = HTTP latency / in-process time - 1;
  3. saturation: ``--clients`` connections in a closed loop: the most the server sustains;
  4. sustained: open-loop arrival rates of ``--load`` x the saturated rate, spread over
     ``--clients`` connections, evenly spaced (or, ``--poisson``, arriving independently with
     exponential gaps, as from many users: more requests meet one still being scored);
     latency counts from the scheduled send time, so queueing shows (the connections are
     open before the phase, and the client leaves on time: it prints how late it wrote); a
     phase lasts ``--seconds`` or long enough for ``--min-requests``, whichever is longer;
     then the same schedule scored in-process on one thread (the baseline for the tail: what
     scoring alone costs at that pace, without HTTP; docs/serve.md), and the time each request
     spent inside the app, read from the server's access log.
With ``--pin`` (the default on 2+ CPUs), after the serial phases (where the two sides take turns
and float as they would), the load generator and the in-process baseline run on the first CPU
and every server thread on the others, so 50 clients do not take the server's core.
Prints p50/p99 latency, requests/second, errors, the ratios, and each worker's resident memory;
for the sustained phases also p50/p99 per source (the real pages, and the corpus pages repeated
to 100 kB, which hold the mix's slowest pages). Because the CPUs are shared, the serial
comparison moves with other jobs; the endpoint's own work is also measured directly: the same
bodies through the ASGI app with a model that costs nothing (no sockets, so uvicorn's HTTP
parsing is not in that figure), and so is the transport floor: the same bodies, serially, from
the same client to uvicorn serving an app that only reads the body (bench/_echo.py); and so is
the app around a real score: the same bodies through the ASGI app with the real model in this
process, each request timed before, during and after its hop to the scoring thread.
The load generator is a bare asyncio HTTP/1.1 client so it takes little of the shared CPUs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import itertools
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# The baseline gets what a server worker gets: one BLAS/OpenMP thread (set before NumPy loads).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from bench._pages import corpus_pages, real_pages  # noqa: E402

KEY = "bench-key-0123456789abcdef"
TARGET = 100_000


def real_mix() -> list[str]:
    """The real pages of the mix: ../shared/data pages of 70-140 kB (none when it is absent)."""
    return [p for p in _real() if 70_000 <= len(p.encode()) <= 140_000]


def pages() -> list[str]:
    """Pages of roughly 100 kB (UTF-8), real ones first."""
    out = real_mix()
    for page in corpus_pages()[:40]:
        grown = page
        while len(grown.encode()) < TARGET:
            grown += page
        out.append(grown)
    return out


def _real() -> list[str]:
    try:
        return real_pages()
    except OSError:
        return []


def bodies(pages_: list[str]) -> list[tuple[str, bytes]]:
    """Per page: (url, JSON body without its closing ``"}``), so a unique tail can be added."""
    out = []
    for i, page in enumerate(pages_):
        url = f"https://bench-{i}.example/page"
        raw = json.dumps({"url": url, "html": page}, ensure_ascii=False).encode()
        out.append((url, raw[:-2]))
    return out


def body(item: tuple[str, bytes], n: int) -> bytes:
    return item[1] + f'<!-- req {n} -->"}}'.encode()


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))] * 1000 if s else float("nan")


CACHED = [0]  # answers the server took from its cache (the bench means every one to be scored)


class Conn:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        """Connect and make one request that does no scoring (``GET /healthz``), so uvicorn
        has set up its side of the connection too."""
        await self._send(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        await self._answer()

    async def post(self, payload: bytes) -> int:
        head = (
            "POST /v1/score HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"X-API-Key: {KEY}\r\nContent-Length: {len(payload)}\r\n\r\n"
        ).encode()
        await self._send(head + payload)
        status, answer = await self._answer()
        CACHED[0] += b'"cached":true' in answer
        return status

    async def _send(self, data: bytes) -> None:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        self.writer.write(data)
        await self.writer.drain()

    async def _answer(self) -> tuple[int, bytes]:
        assert self.reader is not None and self.writer is not None
        headers = await self.reader.readuntil(b"\r\n\r\n")
        status = int(headers[9:12])
        length = 0
        for line in headers.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        answer = await self.reader.readexactly(length)
        if b"connection: close" in headers.lower():
            self.writer.close()
            self.writer = None
        return status, answer


def _twin_main(conn: Any) -> None:
    """A process that only scores: bodies in, seconds per ``Detector.score`` out."""
    from detector.detector import Detector
    from detector.serve.app import limit_native_threads

    limit_native_threads()
    det = Detector.load()
    det.warm_up()
    gc.collect()
    gc.freeze()
    conn.send("ready")
    while (payload := conn.recv()) is not None:
        snap = json.loads(payload)
        t = time.perf_counter()
        det.score(snap)
        conn.send(time.perf_counter() - t)


class Twin:
    """The server's situation without HTTP: the same page scored in a process of its own that
    only scores, right after the bench's in-process score of it."""

    def __init__(self) -> None:
        import multiprocessing as mp

        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_twin_main, args=(child,), daemon=True)
        self.proc.start()
        assert self.conn.recv() == "ready"

    def score(self, payload: bytes) -> float:
        self.conn.send(payload)
        return float(self.conn.recv())

    def close(self) -> None:
        self.conn.send(None)
        self.proc.join(timeout=10)


async def serial(
    port: int,
    items: list[tuple[str, bytes]],
    n: int,
    det: Any = None,
    first: int = 10_000_000,
    twin: Twin | None = None,
) -> tuple[list[float], list[float], int, list[float]]:
    """One request at a time; with ``det``, each request is also scored in-process just before
    (and with ``twin``, then in the twin process), so all see the same machine load (the CPUs
    are shared)."""
    conn, lat, inproc, twins, errors = Conn(port), [], [], [], 0
    for i in range(n):
        payload = body(items[i % len(items)], first + i)
        if det is not None:
            snap = json.loads(payload)
            t = time.perf_counter()
            det.score(snap)
            inproc.append(time.perf_counter() - t)
        if twin is not None:
            twins.append(twin.score(payload))
        t = time.perf_counter()
        errors += await conn.post(payload) != 200
        lat.append(time.perf_counter() - t)
    return lat, inproc, errors, twins


async def closed_loop(
    port: int, items: list[tuple[str, bytes]], clients: int, seconds: float
) -> tuple[list[float], int, float]:
    lat: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    counter = iter(range(20_000_000, 30_000_000))

    async def client(c: int) -> None:
        nonlocal errors
        conn = Conn(port)
        while time.perf_counter() < stop:
            n = next(counter)
            t = time.perf_counter()
            try:
                errors += await conn.post(body(items[n % len(items)], n)) != 200
            except (OSError, asyncio.IncompleteReadError):
                errors += 1
                conn = Conn(port)
            lat.append(time.perf_counter() - t)

    start = time.perf_counter()
    await asyncio.gather(*(client(c) for c in range(clients)))
    return lat, errors, len(lat) / (time.perf_counter() - start)


_TIMER_SLACK = 0.002  # seconds before a due time at which the open loop stops sleeping


async def open_loop(
    port: int,
    items: list[tuple[str, bytes]],
    clients: int,
    rate: float,
    seconds: float,
    first: int = 30_000_000,
    poisson: bool = False,
) -> tuple[list[float], int, float, list[int], list[float]]:
    """Requests due at ``rate`` per second, evenly spaced or (``poisson``) arriving
    independently with exponential gaps (a fixed seed); request numbers start at ``first``, so
    each phase sends bodies no earlier phase sent (a repeated body would be answered from the
    cache). Returns latencies from each request's due time, errors, the rate achieved, the page
    (index into ``items``) of each latency, and how late the client wrote each request.

    The ``clients`` connections are opened (and used once, for ``GET /healthz``) before the
    first request is due, as an extension's browser keeps its connection to the endpoint: in a
    phase of a few hundred requests over 50 connections, opening them on first use would put
    a connection set-up into a third of the figures."""
    conns = [Conn(port) for _ in range(clients)]
    await asyncio.gather(*(c.open() for c in conns))
    free: asyncio.Queue[Conn] = asyncio.Queue()
    for conn in conns:
        free.put_nowait(conn)
    lat: list[float] = []
    late: list[float] = []
    which: list[int] = []
    errors = 0
    total = int(rate * seconds)
    start = time.perf_counter()
    dues = [start + at for at in schedule(rate, total, poisson, first)]

    async def one(n: int, due: float, payload: bytes) -> None:
        nonlocal errors
        conn = await free.get()
        late.append(time.perf_counter() - due)
        try:
            errors += await conn.post(payload) != 200
        except (OSError, asyncio.IncompleteReadError):
            errors += 1
            conn = Conn(port)
        lat.append(time.perf_counter() - due)
        which.append(n % len(items))
        free.put_nowait(conn)

    tasks = []
    for n, due in enumerate(dues):
        payload = body(items[n % len(items)], first + n)
        # The event loop's timers wake up to a millisecond late (epoll counts milliseconds):
        # sleep until shortly before the due time, then yield until it comes, so a request
        # leaves when it is due and its latency is the server's, not this client's timer.
        delay = due - time.perf_counter() - _TIMER_SLACK
        if delay > 0:
            await asyncio.sleep(delay)
        while time.perf_counter() < due:
            await asyncio.sleep(0)
        tasks.append(asyncio.create_task(one(n, due, payload)))
    await asyncio.gather(*tasks)
    return lat, errors, len(lat) / (time.perf_counter() - start), which, late


def schedule(rate: float, total: int, poisson: bool, seed: int) -> list[float]:
    """Seconds from the start at which each of ``total`` requests is due: evenly spaced, or
    with exponential gaps (independent arrivals) drawn from ``seed``."""
    if not poisson:
        return [n / rate for n in range(total)]
    gaps = random.Random(seed)
    return list(itertools.accumulate(gaps.expovariate(rate) for _ in range(total)))


def by_source(lat: list[float], which: list[int], real: int) -> str:
    """p50 / p99 of the real pages (the first ``real`` items) and of the corpus pages."""
    parts = []
    for name, keep in (
        ("real pages", lambda i: i < real),
        ("repeated corpus pages", lambda i: i >= real),
    ):
        mine = [t for t, i in zip(lat, which, strict=True) if keep(i)]
        if mine:
            parts.append(
                f"{name} ({len(mine)}) p50 {pct(mine, 0.5):.1f} / p99 {pct(mine, 0.99):.1f} ms"
            )
    return "; ".join(parts)


def paced(
    det: Any,
    items: list[tuple[str, bytes]],
    rate: float,
    seconds: float,
    first: int,
    poisson: bool = False,
    seed: int = 30_000_000,
) -> list[float]:
    """The open loop's schedule scored in-process on one thread: the same bodies due at the
    same times (``seed`` is the open loop's ``first``), latency from the due time (a late
    score delays the next, as a queue would)."""
    lat: list[float] = []
    start = time.perf_counter()
    for n, at in enumerate(schedule(rate, int(rate * seconds), poisson, seed)):
        due = start + at
        snap = json.loads(body(items[n % len(items)], first + n))
        delay = due - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        det.score(snap)
        lat.append(time.perf_counter() - due)
    return lat


class _NoModel:
    """Answers at once: what is left of a request is the endpoint's own cost."""

    model_name = "none@0"

    def score(self, snapshot: Any) -> Any:
        from detector.records import Verdict

        return Verdict(url=snapshot.get("url", ""), score=0.0, label="benign", model="none@0")

    def score_many(self, snapshots: Any) -> list[Any]:
        return [self.score(s) for s in snapshots]


def app_overhead(items: list[tuple[str, bytes]], n: int) -> list[float]:
    """Seconds per request through the ASGI app (middleware, validation, thread hop, response)
    with a model that costs nothing: the endpoint's own work, free of cross-process noise."""
    return [sum(parts) for parts in _through_app(items, n, _NoModel())]


SEGMENTS = ("before", "to the thread", "score", "back", "after")


def app_segments(items: list[tuple[str, bytes]], n: int, det: Any) -> list[tuple[float, ...]]:
    """Per request through the ASGI app with the real model, in this process: seconds from
    the app's entry to handing the snapshot to the scoring thread, until that thread starts,
    the score, until the event loop resumes, and from there to the end of the response
    (``SEGMENTS``). Unlike ``app_overhead``, the app's own work here follows a score, as it
    does in a server."""
    return _through_app(items, n, det)


def _through_app(items: list[tuple[str, bytes]], n: int, det: Any) -> list[tuple[float, ...]]:
    from detector.config import Settings
    from detector.serve.app import create_app

    settings = Settings(
        api_keys=f"bench:{KEY}",
        serve_rate_limit="10000000/minute",
        serve_client_rate_limit="10000000/minute",
        serve_cache_size=0,
    )
    app = create_app(settings, detector=det)
    service = app.state.service
    headers = [(b"content-type", b"application/json"), (b"x-api-key", KEY.encode())]
    marks: dict[str, float] = {}

    async def in_scorer(snapshots: list[dict[str, Any]], state: Any = None) -> list[Any]:
        def run() -> list[Any]:
            marks["started"] = time.perf_counter()
            out = list(service.detector.score_many(snapshots))
            marks["scored"] = time.perf_counter()
            return out

        marks["handed"] = time.perf_counter()
        out = await asyncio.get_running_loop().run_in_executor(service.executor, run)
        marks["resumed"] = time.perf_counter()
        return out

    service._in_scorer = in_scorer

    async def one(payload: bytes) -> tuple[float, ...]:
        scope = {
            "type": "http",
            "method": "POST",
            "path": "/v1/score",
            "raw_path": b"/v1/score",
            "query_string": b"",
            "headers": [*headers, (b"content-length", str(len(payload)).encode())],
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
            "scheme": "http",
            "http_version": "1.1",
            "root_path": "",
            "state": {},
        }
        messages = [{"type": "http.request", "body": payload, "more_body": False}]
        status: list[int] = []

        async def receive() -> dict[str, Any]:
            return messages.pop(0) if messages else {"type": "http.disconnect"}

        async def send(message: Any) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])

        entered = time.perf_counter()
        await app(scope, receive, send)
        done = time.perf_counter()
        assert status == [200], status
        points = [entered, *(marks[k] for k in ("handed", "started", "scored", "resumed")), done]
        return tuple(b - a for a, b in itertools.pairwise(points))

    async def run() -> list[tuple[float, ...]]:
        await asyncio.to_thread(service.start)
        out = []
        for i in range(n + 20):
            parts = await one(body(items[i % len(items)], 40_000_000 + i))
            if i >= 20:
                out.append(parts)
        service.stop()
        return out

    return asyncio.run(run())


def transport_floor(items: list[tuple[str, bytes]], n: int) -> list[float]:
    """Seconds per request, serially, to uvicorn serving ``bench/_echo.py`` on loopback: the
    same bodies and client as the serial phase, with an app that does nothing."""
    proc, port = start_echo()
    try:
        asyncio.run(serial(port, items, 20, first=50_000_000))  # warm-up
        return asyncio.run(serial(port, items, n, first=51_000_000))[0]
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def workers_of(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parts = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        cmdline = (stat.parent / "cmdline").read_bytes() if int(parts[1]) == pid else b""
        if b"spawn_main" in cmdline:  # a worker, not the resource tracker
            kids.append(int(stat.parent.name))
    return kids


def pin(pids: list[int], cpus: set[int]) -> None:
    """Every thread of each process in ``pids`` to ``cpus``."""
    for pid in pids:
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(ProcessLookupError, FileNotFoundError):  # a thread ended
                os.sched_setaffinity(int(task.name), cpus)


def cpu_ticks(cpus: set[int] | None = None) -> tuple[int, int]:
    """(stolen, all) clock ticks of ``cpus`` (default: every CPU) since boot, from /proc/stat;
    (0, 0) where there is none. Stolen time is time the hypervisor ran something else while
    this virtual CPU had work: a request on it waits that long."""
    stolen = total = 0
    with contextlib.suppress(OSError):
        for line in Path("/proc/stat").read_text().splitlines():
            name, *fields = line.split()
            if not name.startswith("cpu") or name == "cpu":
                continue
            if cpus is not None and int(name[3:]) not in cpus:
                continue
            ticks = [int(f) for f in fields]
            stolen += ticks[7] if len(ticks) > 7 else 0
            total += sum(ticks[:8])
    return stolen, total


def stolen_share(before: tuple[int, int], after: tuple[int, int]) -> float:
    """Fraction of the CPU time between two ``cpu_ticks`` readings that was stolen."""
    total = after[1] - before[1]
    return (after[0] - before[0]) / total if total > 0 else 0.0


_ACCESS = re.compile(rb"POST /v1/score 200 ([0-9.]+)ms")
_SCORED = re.compile(rb"POST /v1/score 200 [0-9.]+ms .*? queue=([0-9.]+)ms score=([0-9.]+)ms")


def server_times(log: Path, offset: int) -> tuple[list[float], int]:
    """Seconds the app spent on each scored request, from the access-log lines written since
    ``offset`` (the middleware's time: from the request reaching the app to its answer)."""
    data = log.read_bytes()
    return [float(m.group(1)) / 1000 for m in _ACCESS.finditer(data, offset)], len(data)


def server_scores(log: Path, offset: int) -> tuple[list[float], list[float]]:
    """Seconds each scored request written since ``offset`` waited for the scoring thread, and
    seconds that thread spent scoring it (the access line's ``queue=`` and ``score=``)."""
    found = _SCORED.findall(log.read_bytes(), offset)
    return [float(q) / 1000 for q, _ in found], [float(t) / 1000 for _, t in found]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    workers: int, log: Path, idle_gc: bool = True, keep_warm: bool = False
) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DETECTOR_")} | {
        "DETECTOR_API_KEYS": f"bench:{KEY}",
        "DETECTOR_SERVE_RATE_LIMIT": "10000000/minute",
        "DETECTOR_SERVE_CLIENT_RATE_LIMIT": "10000000/minute",
        "PYTHONPATH": str(ROOT),
        "DETECTOR_SERVE_IDLE_GC": "1" if idle_gc else "0",
        "DETECTOR_SERVE_KEEP_WARM": "1" if keep_warm else "0",
    }
    cmd = [sys.executable, "-m", "detector", "serve", "--port", str(port)]
    # info: one access line per request (hashes, no URL), the level a deployment runs at
    cmd += ["--workers", str(workers), "--log-level", "info"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    return wait_ready(proc, port, workers), port


def start_echo() -> tuple[subprocess.Popen[bytes], int]:
    """uvicorn, as ``detector serve`` runs it, serving ``bench/_echo.py`` (the transport floor)."""
    port = free_port()
    cmd = [sys.executable, "-m", "uvicorn", "bench._echo:app", "--port", str(port)]
    cmd += ["--log-level", "warning", "--no-access-log", "--no-server-header"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return wait_ready(proc, port, 1), port


def wait_ready(proc: subprocess.Popen[bytes], port: int, workers: int) -> subprocess.Popen[bytes]:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                ready = s.recv(64).startswith(b"HTTP/1.1 200")
            # every worker must be ready, not only the first to answer
            if ready and (workers == 1 or len(workers_of(proc.pid)) >= workers):
                time.sleep(2 if workers > 1 else 0)
                return proc
        except OSError:
            pass
        if proc.poll() is not None:
            raise SystemExit("server exited during start-up")
        time.sleep(0.3)
    proc.terminate()
    raise SystemExit("server not ready in 180 s")


@dataclass
class Phase:
    """One sustained phase: the endpoint's latencies and the in-process baseline's."""

    load: float  # fraction of the saturated rate
    rate: float  # requests per second offered
    lat: list[float]  # endpoint, from each due time
    errors: int
    rps: float  # requests per second achieved
    alone: list[float]  # the same schedule scored in-process
    in_app: list[float]  # time in the app, from the access log
    which: list[int]  # the page of each ``lat``
    alone_which: list[int]
    late: list[float]  # how late the client wrote each request
    stolen: float  # share of the server CPUs' time stolen by the hypervisor
    queued: list[float]  # waiting for the scoring thread (access log)
    scored: list[float]  # on the scoring thread (access log)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--serial", type=int, default=300, help="requests in the serial phase")
    ap.add_argument(
        "--load", default="0.3,0.6", help="sustained rates as fractions of the saturated rate"
    )
    ap.add_argument(
        "--min-requests",
        type=int,
        default=500,
        help="requests per sustained phase at least (the phase runs longer than --seconds if "
        "needed): the p99 of n requests is their (n/100)th slowest",
    )
    ap.add_argument(
        "--poisson",
        action="store_true",
        help="sustained phases: requests arrive independently (exponential gaps, as from many "
        "users) instead of evenly spaced; the in-process baseline follows the same schedule",
    )
    ap.add_argument(
        "--single",
        action="store_true",
        help="one page only: the real page closest to 100 kB (default: the whole mix)",
    )
    ap.add_argument(
        "--idle-gc",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the server's full garbage collections between scores (DETECTOR_SERVE_IDLE_GC; "
        "--no-idle-gc: CPython's own, inside scores, for comparison)",
    )
    ap.add_argument(
        "--keep-warm",
        action="store_true",
        help="the server scores a small page while idle (DETECTOR_SERVE_KEEP_WARM; "
        "docs/serve.md); the in-process baselines stay as they are",
    )
    ap.add_argument(
        "--pin",
        action=argparse.BooleanOptionalAction,
        default=len(os.sched_getaffinity(0)) >= 2,
        help="for the load phases, run the load generator and the in-process baseline on the first "
        "CPU and the server on the others (default: with 2+ CPUs)",
    )
    args = ap.parse_args()

    pages_ = pages()
    real = len(real_mix())
    if args.single:
        chosen = min(range(real), key=lambda i: abs(len(pages_[i].encode()) - TARGET))
        pages_, real = [pages_[chosen]], 1
    items = bodies(pages_)
    sizes = sorted(len(p.encode()) for p in pages_)
    print(
        f"pages: {len(pages_)}, median {sizes[len(sizes) // 2] / 1000:.0f} kB "
        f"({sizes[0] / 1000:.0f}-{sizes[-1] / 1000:.0f} kB)"
    )

    from detector.detector import Detector

    det = Detector.load()
    det.warm_up()  # as a worker does at start-up
    for i in range(5):
        det.score(json.loads(body(items[i % len(items)], i)))
    # As a worker does after start-up: what exists now is out of the collector's reach, so
    # the in-process baseline pays no full collection over the model's objects either.
    gc.collect()
    gc.freeze()

    log = Path(tempfile.mkdtemp(prefix="bench-serve-")) / "server.log"
    proc, port = start_server(args.workers, log, args.idle_gc, args.keep_warm)
    try:
        asyncio.run(serial(port, items, 20, first=5_000_000))  # warm-up
        twin = Twin()
        try:
            http, inproc, serial_err, twins = asyncio.run(
                serial(port, items, args.serial, det, twin=twin)
            )
        finally:
            twin.close()
        pids = workers_of(proc.pid) if args.workers > 1 else [proc.pid]
        server_cpus: set[int] | None = None  # every CPU
        if args.pin:  # from here on the load generator keeps off the server's cores
            cpus = sorted(os.sched_getaffinity(0))
            server_cpus = set(cpus[1:])
            pin([proc.pid, *pids], server_cpus)
            os.sched_setaffinity(0, {cpus[0]})
        sat, sat_err, sat_rps = asyncio.run(closed_loop(port, items, args.clients, args.seconds))
        sustained: list[Phase] = []
        for phase, load in enumerate(float(x) for x in args.load.split(",")):
            rate = max(1.0, sat_rps * load)
            first = 30_000_000 + phase * 1_000_000
            # A p99 of fewer than 100 requests is their slowest one: long enough for
            # --min-requests, so one stall of the machine does not set the figure alone.
            seconds = max(args.seconds, args.min_requests / rate)
            _, offset = server_times(log, 0)
            ticks = cpu_ticks(server_cpus)
            lat, err, rps, which, late = asyncio.run(
                open_loop(port, items, args.clients, rate, seconds, first, args.poisson)
            )
            stolen = stolen_share(ticks, cpu_ticks(server_cpus))
            time.sleep(0.5)  # the last access lines reach the file
            in_app, _ = server_times(log, offset)
            queued, scored = server_scores(log, offset)
            alone = paced(det, items, rate, seconds, first + 500_000, args.poisson, first)
            alone_which = [n % len(items) for n in range(len(alone))]
            sustained.append(
                Phase(
                    load,
                    rate,
                    lat,
                    err,
                    rps,
                    alone,
                    in_app,
                    which,
                    alone_which,
                    late,
                    stolen,
                    queued,
                    scored,
                )
            )
        memory = [rss_mb(pid) for pid in pids]
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    own = app_overhead(items, args.serial)
    floor = transport_floor(items, args.serial)
    segments = app_segments(items, args.serial, det)
    mean_in, mean_http = statistics.mean(inproc), statistics.mean(http)
    print(
        f"in-process Detector.score: mean {mean_in * 1000:.1f} ms, p50 {pct(inproc, 0.5):.1f} ms, "
        f"p99 {pct(inproc, 0.99):.1f} ms"
    )
    print(
        f"serial HTTP (1 client)   : mean {mean_http * 1000:.1f} ms, p50 {pct(http, 0.5):.1f} ms, "
        f"p99 {pct(http, 0.99):.1f} ms, errors {serial_err}"
    )
    print(
        f"  HTTP overhead: {(mean_http / mean_in - 1) * 100:.1f}% of in-process cost "
        f"(mean), {(pct(http, 0.5) / pct(inproc, 0.5) - 1) * 100:.1f}% (p50); target < 20%"
    )
    print(
        f"  endpoint's own work (ASGI app, no model, same bodies): mean "
        f"{statistics.mean(own) * 1000:.2f} ms, p50 {pct(own, 0.5):.2f} ms = "
        f"{statistics.mean(own) / mean_in * 100:.1f}% of in-process scoring (mean)"
    )
    rest = mean_http - mean_in - statistics.mean(own) - statistics.mean(floor)
    print(
        f"  transport floor (uvicorn, loopback and this client around an app that only reads "
        f"the body): mean {statistics.mean(floor) * 1000:.2f} ms, p50 {pct(floor, 0.5):.2f} ms "
        f"= {statistics.mean(floor) / mean_in * 100:.1f}%; the rest of the serial gap, "
        f"{rest * 1000:.2f} ms = {rest / mean_in * 100:.1f}%, is what the zero-cost model "
        "leaves out (the hops to and from the scoring thread, the app's work right after a real "
        "score) and the server's score against the bench's own (the two lines below)"
    )
    mean_twin = statistics.mean(twins)
    print(
        f"  the same pages in a twin process (a process of its own that only scores, as the "
        f"server does, each right after the in-process score): mean {mean_twin * 1000:.1f} ms = "
        f"{(mean_twin / mean_in - 1) * 100:+.1f}% against in-process; HTTP overhead against the "
        f"twin: {(mean_http / mean_twin - 1) * 100:.1f}% (mean)"
    )
    seg = {k: statistics.mean(parts[j] for parts in segments) for j, k in enumerate(SEGMENTS)}
    around = sum(seg.values()) - seg["score"]
    print(
        "  the app around a real score, in this process (ASGI, no sockets; mean ms): "
        + ", ".join(f"{k} {v * 1000:.2f}" for k, v in seg.items())
        + f"; all but the score {around * 1000:.2f} ms = {around / seg['score'] * 100:.1f}% "
        "of that score (the app's own work costs more after a score than in a loop of its own)"
    )
    print(
        f"saturated ({args.clients} clients, closed loop, {args.workers} worker(s)): "
        f"{sat_rps:.1f} req/s, p50 {pct(sat, 0.5):.1f} ms, p99 {pct(sat, 0.99):.1f} ms, "
        f"errors {sat_err}; in-process single thread {1 / mean_in:.1f}/s "
        f"(ratio {sat_rps * mean_in:.2f})"
    )
    for ph in sustained:
        print(
            f"sustained ({ph.load:.0%} of saturated = {ph.rate:.1f} req/s offered over "
            f"{args.clients} connections): {ph.rps:.1f} req/s, p50 {pct(ph.lat, 0.5):.1f} ms, "
            f"p99 {pct(ph.lat, 0.99):.1f} ms, errors {ph.errors}; target p99 < 25 ms"
        )
        print(
            f"  same schedule scored in-process (one thread, no HTTP): p50 "
            f"{pct(ph.alone, 0.5):.1f} ms, p99 {pct(ph.alone, 0.99):.1f} ms; endpoint / "
            f"in-process p99 {pct(ph.lat, 0.99) / pct(ph.alone, 0.99):.2f}"
        )
        print(
            f"  the client wrote each request p50 {pct(ph.late, 0.5):.2f} / p99 "
            f"{pct(ph.late, 0.99):.2f} ms after it was due (counted in the figures above)"
        )
        print(
            "  time stolen by the hypervisor from the server's CPUs during the phase: "
            f"{ph.stolen:.1%}"
        )
        print(f"  by source, endpoint: {by_source(ph.lat, ph.which, real)}")
        print(f"  by source, in-process: {by_source(ph.alone, ph.alone_which, real)}")
        if ph.in_app:
            print(
                f"  time in the app (access log, {len(ph.in_app)} requests): p50 "
                f"{pct(ph.in_app, 0.5):.1f} ms, p99 {pct(ph.in_app, 0.99):.1f} ms; the rest of "
                "the endpoint's latency is transport, HTTP parsing and waiting to be read"
            )
        if ph.scored:
            print(
                f"  of it, on the scoring thread (access log): p50 {pct(ph.scored, 0.5):.1f} ms, "
                f"p99 {pct(ph.scored, 0.99):.1f} ms; waiting for that thread p50 "
                f"{pct(ph.queued, 0.5):.2f} ms, p99 {pct(ph.queued, 0.99):.2f} ms"
            )
    print(f"answers from the response cache: {CACHED[0]} (every request is meant to be scored)")
    for pid, (now, peak) in zip(pids, memory, strict=True):
        print(f"worker {pid}: RSS {now:.0f} MB (peak {peak:.0f} MB); target < 300 MB")


if __name__ == "__main__":
    main()
