"""The crawler: turns URLs into ``Snapshot`` records, safely and politely.

``fetch(url)`` and ``fetch_many(urls)`` never raise for network trouble; failures are snapshots
with ``error`` set. ``render`` (a headless browser, optional) imports Playwright only when
called, so importing this package never does.
"""

from __future__ import annotations

from detector.crawl.fetch import fetch, fetch_many
from detector.crawl.guard import check_url
from detector.crawl.politeness import HostLimiter
from detector.crawl.render import render
from detector.crawl.robots import RobotsCache
from detector.crawl.session import CrawlSession
from detector.crawl.warc import WarcArchive

__all__ = [
    "CrawlSession",
    "HostLimiter",
    "RobotsCache",
    "WarcArchive",
    "check_url",
    "fetch",
    "fetch_many",
    "render",
]
