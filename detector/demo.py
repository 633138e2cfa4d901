"""The offline demo behind ``make scan``: bundled pages on a local server, scanned end to end.

``LocalSite`` serves pages keyed by (host, path) from a threaded server on 127.0.0.1, routing on the
``Host`` header, so one port stands in for many sites. The crawler reaches it through
``Settings.connect_to`` (curl's ``--connect-to``): the page keeps its own host name in the URL,
which the URL features depend on, and no name is ever looked up in DNS or fetched from the
internet. Pages are served over plain HTTP, so an ``https://`` input URL is scanned as
``http://`` (the one difference from the bundled row; ``url.no_https`` is a weak signal).

``run_demo`` turns the bundled sample into scan input (pages as bare URLs, to be crawled; ads and
listings as they are), runs a fresh scan into a store, and writes the verdicts and the HTML report.
The crawler runs with ``connect_to_only``: a host the demo server does not serve (the sample's
URL-only rows) is refused, never looked up, and scored from its URL alone.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from detector.core.closing import Closing

ROBOTS = b"User-agent: *\nAllow: /\n"


class LocalSite(Closing):
    """Serve ``pages`` ({(host, path_and_query): html}) on 127.0.0.1 until ``close``."""

    def __init__(self, pages: Mapping[tuple[str, str], str | bytes], port: int = 0) -> None:
        self.pages = {
            (host.lower(), path): body.encode("utf-8") if isinstance(body, str) else body
            for (host, path), body in pages.items()
        }
        self.requests = 0
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests += 1
                host = (self.headers.get("Host") or "").rsplit(":", 1)[0].lower()
                if self.path == "/robots.txt":
                    self._send(200, ROBOTS, "text/plain")
                    return
                body = site.pages.get((host, self.path))
                if body is None:
                    self._send(404, b"<h1>not found</h1>", "text/html; charset=utf-8")
                    return
                self._send(200, body, "text/html; charset=utf-8")

            def _send(self, status: int, body: bytes, ctype: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def connect_to(self) -> str:
        """A ``Settings.connect_to`` value sending every served host's port 80 here."""
        hosts = sorted({host for host, _ in self.pages})
        return ",".join(f"{host}:80:127.0.0.1:{self.port}" for host in hosts)

    def start(self) -> LocalSite:
        self._thread.start()
        return self

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> LocalSite:
        return self.start()


def split_sample(
    rows: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], dict[tuple[str, str], str]]:
    """Scan input rows plus the pages to serve: a page row with a URL and HTML becomes a bare
    ``http://`` URL to crawl, its HTML served at that host and path; other rows pass through."""
    inputs: list[dict[str, Any]] = []
    pages: dict[tuple[str, str], str] = {}
    for row in rows:
        url, html = row.get("url"), row.get("html")
        parts = urlsplit(url) if isinstance(url, str) else None
        if row.get("kind", "page") != "page" or not html or not parts or not parts.hostname:
            inputs.append(row)
            continue
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        pages[(parts.hostname.lower(), path)] = str(html)
        bare = {k: v for k, v in row.items() if k not in ("html", "text", "url")}
        inputs.append(bare | {"url": f"http://{parts.hostname}{path}"})
    return inputs, pages


def run_demo(sample: str | Path, out_dir: str | Path, progress: bool = True) -> dict[str, Any]:
    """Serve the sample's pages locally, scan everything, write verdicts and the report."""
    from detector.config import Settings
    from detector.detector import Detector
    from detector.export import write
    from detector.export.report import model_info, write_report
    from detector.scan import Scanner
    from detector.store import open_store

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows = [json.loads(line) for line in Path(sample).read_text("utf-8").splitlines() if line]
    inputs, pages = split_sample(rows)
    input_path = out / "demo-input.jsonl"
    input_path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in inputs), encoding="utf-8"
    )
    store_path = out / "demo.sqlite"
    for stale in (store_path, Path(f"{store_path}-wal"), Path(f"{store_path}-shm")):
        stale.unlink(missing_ok=True)  # the demo starts fresh every time
    with LocalSite(pages) as site:
        settings = Settings.from_env(
            allow_loopback=True,
            connect_to=site.connect_to(),
            connect_to_only=True,  # URL-only rows stay unfetched: nothing leaves this machine
            per_host_delay=0.0,
            offline=True,
        )
        detector = Detector.load(settings=settings)
        with open_store(store_path) as store:
            summary = Scanner(detector, store, settings).run(input_path, "demo", progress)
            run_id = summary.run_id
            verdicts_path = out / "verdicts.jsonl"
            write("jsonl", store.verdicts(run_id), verdicts_path)
            report_path = write_report(
                store.verdicts(run_id),
                out / "report.html",
                "Demo scan",
                store.run_stats(run_id),
                model=model_info(detector.artifact),
            )
            stats = store.run_stats(run_id)
        served = site.requests
    return {
        "summary": summary.line(),
        "pages_served": served,
        "store": str(store_path),
        "verdicts": str(verdicts_path),
        "report": str(report_path.resolve()),
        "failed": stats["failed"],
    }
