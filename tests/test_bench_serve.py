"""bench/serve.py's open loop measures the server, not itself: connections are opened before the
first request is due, and no request leaves before its due time (tests against a recording
loopback server; the bench's figures themselves are not asserted here)."""

from __future__ import annotations

import asyncio
import time

from bench.serve import cpu_ticks, open_loop, schedule, stolen_share

ANSWER = b'{"label":"benign"}'


class Recorder:
    """A bare HTTP/1.1 server: answers every request with ``ANSWER`` and records, in order,
    (connection number, method, monotonic time) for each request it reads."""

    def __init__(self) -> None:
        self.events: list[tuple[int, str, float]] = []
        self.connections = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        me = self.connections
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                await reader.readexactly(length)
                self.events.append((me, head.split(b" ", 1)[0].decode(), time.perf_counter()))
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(ANSWER)}\r\n\r\n".encode()
                    + ANSWER
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


def run_open_loop(clients: int, rate: float, seconds: float) -> tuple[Recorder, tuple, float]:
    recorder = Recorder()
    items = [("https://bench.example/page", b'{"url":"https://bench.example/","html":"<p>x</p>"}')]

    async def main() -> tuple[tuple, float]:
        server = await asyncio.start_server(recorder.handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        started = time.perf_counter()
        try:
            out = await open_loop(port, items, clients, rate, seconds, first=1)
        finally:
            server.close()
        return out, started

    out, started = asyncio.run(main())
    return recorder, out, started


def test_the_open_loop_opens_every_connection_before_the_first_request() -> None:
    recorder, (lat, errors, _rate, which, late), _ = run_open_loop(5, 40.0, 0.25)
    methods = [m for _c, m, _t in recorder.events]
    assert errors == 0
    assert len(lat) == len(late) == len(which) == 10
    assert methods.count("POST") == 10
    assert recorder.connections == 5
    # one GET per connection, all of them before the first POST
    first_post = methods.index("POST")
    assert methods[:first_post] == ["GET"] * 5
    assert {c for c, m, _t in recorder.events if m == "GET"} == {1, 2, 3, 4, 5}
    # every POST went over a connection opened before the phase
    assert {c for c, m, _t in recorder.events if m == "POST"} <= {1, 2, 3, 4, 5}


def test_no_request_leaves_before_it_is_due() -> None:
    rate, seconds = 50.0, 0.3
    recorder, (_lat, errors, _rate, _which, late), started = run_open_loop(4, rate, seconds)
    assert errors == 0
    assert len(late) == int(rate * seconds)
    assert min(late) >= 0.0  # measured by the client: written at or after its due time
    # and the server read the n-th request no earlier than the n-th due time after the start
    posts = sorted(t for _c, m, t in recorder.events if m == "POST")
    dues = schedule(rate, int(rate * seconds), False, 1)
    assert len(posts) == len(dues)
    assert all(t - started >= at for t, at in zip(posts, dues, strict=True))


def test_stolen_share_reads_proc_stat() -> None:
    before = cpu_ticks()
    time.sleep(0.05)
    after = cpu_ticks()
    assert stolen_share(before, before) == 0.0
    if before == (0, 0):  # no /proc/stat here: nothing to read, and nothing claimed
        assert after == (0, 0)
        return
    assert after[1] >= before[1] > 0
    assert 0.0 <= before[0] <= before[1]
    assert 0.0 <= stolen_share(before, after) <= 1.0
    assert stolen_share((0, 100), (5, 200)) == 0.05
