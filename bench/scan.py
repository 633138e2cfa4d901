"""End-to-end scan throughput (crawl + extract + score + store) against a local server.

    python bench/scan.py [--items 10000] [--hosts 50] [--modes single,cores,dask,intel]

A separate process serves corpus pages under many host names (routed by the Host header; the
crawler reaches them through ``connect_to``, so URL features see realistic hosts). Every mode
scans the same URL list into a fresh store, with politeness off (no delay, 4 connections per
host, robots.txt still fetched and obeyed). The baseline is a bare crawl loop: a thread pool of
``requests`` GETs of the same URLs, reading the bodies and nothing else. Printed: pages/second per
mode and its ratio to the baseline, all measured in this run on this machine.

Mode ``intel`` is ``single`` with domain age looked up over RDAP, answered by the same local
server (a bootstrap file and one answer per registered domain, rate limit lifted): one run with
an empty cache (every domain asked once) and one more run into the same store (every answer
from the store's cache). Its lines say what the look-ups add to a scan.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import socket
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests

from bench._pages import corpus_snapshots
from detector.config import Settings
from detector.demo import LocalSite


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _site(items: int, hosts: int) -> tuple[dict[tuple[str, str], str], list[str]]:
    """``items`` pages spread over ``hosts`` host names taken from the corpus page URLs."""
    rows = [r for r in corpus_snapshots(("page",)) if r.get("html") and r.get("url")]
    names: list[str] = []
    for r in rows:
        host = urlsplit(str(r["url"])).hostname or ""
        if host and host not in names:
            names.append(host)
    names = names[:hosts]
    pages: dict[tuple[str, str], str] = {}
    urls = []
    for i in range(items):
        host, row = names[i % len(names)], rows[i % len(rows)]
        path = f"/p/{i}"
        pages[(host, path)] = str(row["html"])
        urls.append(f"http://{host}{path}")
    return pages, urls


def _serve(pages: dict[tuple[str, str], str], port: int) -> None:
    with LocalSite(pages, port=port):
        while True:
            time.sleep(3600)


def _bare(urls: list[str], port: int, workers: int) -> float:
    start = time.perf_counter()
    with requests.Session() as http, ThreadPoolExecutor(workers) as pool:

        def get(url: str) -> int:
            host = urlsplit(url).hostname
            direct = f"http://127.0.0.1:{port}{urlsplit(url).path}"
            return len(http.get(direct, headers={"Host": str(host)}, timeout=30).content)

        list(pool.map(get, urls))
    return time.perf_counter() - start


def _rdap(hosts: list[str]) -> dict[tuple[str, str], str]:
    """RDAP answers for every host's registered domain, served as host ``rdap.bench``."""
    from detector.core.urls import host_parts

    domains = {host_parts(f"http://{h}/").registered_domain for h in hosts} - {""}
    tlds = sorted({d.rsplit(".", 1)[-1] for d in domains})
    pages = {
        ("rdap.bench", "/dns.json"): json.dumps({"services": [[tlds, ["http://rdap.bench/"]]]})
    }
    answer = json.dumps(
        {"events": [{"eventAction": "registration", "eventDate": "2024-01-01T00:00:00Z"}]}
    )
    pages.update({("rdap.bench", f"/domain/{d}"): answer for d in domains})
    return pages


def _scan(
    urls: list[str], settings: Settings, mode: str, workdir: Path, run: str = ""
) -> tuple[float, Any]:
    from detector.detector import Detector
    from detector.scan import Scanner
    from detector.scan.intel import store_intel
    from detector.store import open_store

    src = workdir / f"{mode}.txt"
    src.write_text("\n".join(urls) + "\n")
    detector = Detector.load(settings=settings)
    start = time.perf_counter()
    with open_store(workdir / f"{mode}.sqlite") as store:
        scanner = Scanner(detector, store, settings)
        if mode == "intel":
            online = settings.replace(
                offline=False, rdap_bootstrap_url="http://rdap.bench/dns.json",
                rdap_rate_per_second=0.0,
            )  # fmt: skip
            detector.intel = store_intel(online, store)
            summary = scanner.run(src, run or mode, progress=False)
        elif mode == "single":
            summary = scanner.run(src, mode, progress=False)
        elif mode == "cores":
            summary = scanner.run(src, mode, progress=False, workers=os.cpu_count() or 1)
        else:
            summary = scanner.run(src, mode, progress=False, dask="local")
    return time.perf_counter() - start, summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--hosts", type=int, default=50)
    ap.add_argument("--modes", default="single,cores,dask")
    args = ap.parse_args()
    pages, urls = _site(args.items, args.hosts)
    pages.update(_rdap(sorted({h for h, _ in pages})))
    port = _free_port()
    server = multiprocessing.get_context("fork").Process(
        target=_serve, args=(pages, port), daemon=True
    )
    server.start()
    time.sleep(0.5)
    hosts = sorted({h for h, _ in pages})
    settings = Settings.from_env(
        allow_loopback=True,
        connect_to=",".join(f"{h}:80:127.0.0.1:{port}" for h in hosts),
        per_host_delay=0.0,
        per_host_concurrency=4,
        global_concurrency=16,
        offline=True,
    )
    cores = os.cpu_count() or 1
    print(f"{len(urls)} URLs on {len(hosts)} hosts, {cores} cores")
    try:
        base = _bare(urls, port, 16)
        print(f"  bare crawl loop (16 threads, bodies only): {len(urls) / base:8.1f} pages/s")
        with tempfile.TemporaryDirectory() as tmp:
            for mode in args.modes.split(","):
                for run in ("cold", "warm") if mode == "intel" else ("",):
                    seconds, summary = _scan(urls, settings, mode, Path(tmp), run)
                    rate = len(urls) / seconds
                    name = f"{mode}-{run}" if run else mode
                    print(
                        f"  scan {name:<10} crawl+extract+score+store: {rate:8.1f} pages/s "
                        f"({rate / (len(urls) / base):.2f}x the bare loop; "
                        f"{summary.scored} scored, {summary.failed} failed)"
                    )
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
