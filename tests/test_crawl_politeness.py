"""Politeness: per-host spacing and concurrency, the global cap, and batch behaviour."""

from __future__ import annotations

import threading
import time

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from detector.config import Settings
from detector.crawl import CrawlSession, HostLimiter, fetch_many


class Recorder:
    """A handler that notes arrival times and how many requests were in flight at once."""

    def __init__(self, hold: float = 0.05) -> None:
        self.hold = hold
        self.starts: list[float] = []
        self.active = 0
        self.max_active = 0
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        with self.lock:
            self.starts.append(time.monotonic())
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        time.sleep(self.hold)
        with self.lock:
            self.active -= 1
        if request.path == "/robots.txt":
            return Response("User-agent: *\nDisallow: /no\n", content_type="text/plain")
        return Response(f"<p>{request.path}</p>", content_type="text/html")


def base(**overrides: object) -> Settings:
    values: dict[str, object] = dict(allow_loopback=True, obey_robots=False, retries=0)
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def test_one_host_is_spaced_and_serial(http: HTTPServer) -> None:
    rec = Recorder()
    http.expect_request("/robots.txt").respond_with_handler(rec)
    for i in range(4):
        http.expect_request(f"/p{i}").respond_with_handler(rec)
    urls = [http.url_for(f"/p{i}") for i in range(4)]
    s = base(per_host_delay=0.2, obey_robots=True, global_concurrency=8)
    snaps = list(fetch_many(urls, s, workers=4))
    assert sorted(x.url for x in snaps) == sorted(urls)
    assert all(x.error is None for x in snaps)
    assert len(rec.starts) == 5  # robots.txt once, then the pages
    gaps = [b - a for a, b in zip(rec.starts, rec.starts[1:], strict=False)]
    assert min(gaps) >= 0.19, gaps
    assert rec.max_active == 1


def test_per_host_concurrency_setting_is_honoured(http: HTTPServer) -> None:
    rec = Recorder(hold=0.3)
    for i in range(4):
        http.expect_request(f"/c{i}").respond_with_handler(rec)
    urls = [http.url_for(f"/c{i}") for i in range(4)]
    list(fetch_many(urls, base(per_host_delay=0.0, per_host_concurrency=2), workers=4))
    assert rec.max_active == 2  # allowed two, and the pool did try for four


def test_global_cap_across_hosts() -> None:
    limiter = HostLimiter(Settings(global_concurrency=2, per_host_concurrency=4, per_host_delay=0))
    active, peak = [0], [0]
    lock = threading.Lock()

    def work(host: str) -> None:
        with limiter.slot(host):
            with lock:
                active[0] += 1
                peak[0] = max(peak[0], active[0])
            time.sleep(0.05)
            with lock:
                active[0] -= 1

    threads = [threading.Thread(target=work, args=(f"h{i % 3}",)) for i in range(9)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == 2


def test_limiter_reports_wait_time() -> None:
    limiter = HostLimiter(Settings(per_host_delay=0.15))
    with limiter.slot("a") as first:
        assert first < 0.05
    with limiter.slot("b") as other_host:
        assert other_host < 0.05  # delay is per host
    with limiter.slot("a") as second:
        assert second >= 0.12
    assert limiter.in_flight("a") == 0


def test_bad_urls_do_not_stop_the_batch(http: HTTPServer) -> None:
    http.expect_request("/fine").respond_with_data("<p>fine</p>", content_type="text/html")
    urls = ["", "file:///etc/passwd", "javascript:void(0)", http.url_for("/fine"), "http://[::1"]
    snaps = list(fetch_many(urls, base(per_host_delay=0.0)))
    assert len(snaps) == len(urls)
    by_url = {s.url: s for s in snaps}
    assert set(by_url) == set(urls)
    assert by_url[http.url_for("/fine")].error is None
    assert by_url["file:///etc/passwd"].error == "fetch.unsupported_scheme"
    assert by_url[""].error == "fetch.invalid_url"


def test_results_come_in_completion_order(http: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.4)
        return Response("<p>slow</p>", content_type="text/html")

    http.expect_request("/slow").respond_with_handler(slow)
    http.expect_request("/quick").respond_with_data("<p>quick</p>", content_type="text/html")
    # Two hosts (127.0.0.1 and localhost name the same server) so they run side by side.
    slow_url = http.url_for("/slow")
    quick_url = f"http://localhost:{http.port}/quick"
    s = base(per_host_delay=0.0)
    with CrawlSession(s) as sess:
        order = [x.url for x in fetch_many([slow_url, quick_url], session=sess, workers=2)]
    assert order == [quick_url, slow_url]
