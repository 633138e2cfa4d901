"""robots.txt: fetched through the crawler's own session (so the guard and limits apply), parsed
with Protego, cached per scheme and host for ``Settings.robots_ttl`` seconds.

Policy, as is common practice: a 2xx file is obeyed (garbage parses to "allow"); a 4xx means no
rules (allow); a 5xx, a timeout or an unreachable host means "disallow everything" until the
entry expires, because the site may be in trouble and rules we cannot read may exist.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from protego import Protego

if TYPE_CHECKING:
    from detector.crawl.session import CrawlSession

log = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 512_000  # larger files are treated as unreadable


@dataclass(frozen=True)
class _Rules:
    parser: Protego | None  # None: no rules, allow all
    allow_all: bool
    expires: float

    def allows(self, url: str, agent: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return bool(self.parser.can_fetch(url, agent))


class RobotsCache:
    """``RobotsCache(session).allowed(url)``: may the crawler fetch ``url``?"""

    def __init__(self, session: CrawlSession, ttl: float | None = None) -> None:
        self.session = session
        settings = session.settings
        self.ttl = settings.robots_ttl if ttl is None else ttl
        self.agent = settings.user_agent.split("/", 1)[0].strip() or "*"
        self._rules: dict[str, _Rules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    @staticmethod
    def origin(url: str) -> str:
        p = urlsplit(url)
        return f"{p.scheme.lower()}://{p.netloc.rsplit('@', 1)[-1].lower()}"

    def allowed(self, url: str) -> bool:
        if not self.session.settings.obey_robots:
            return True
        return self.rules_for(url).allows(url, self.agent)

    def rules_for(self, url: str) -> _Rules:
        key = self.origin(url)
        with self._lock:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # one fetch per origin even when many threads ask at once
            rules = self._rules.get(key)
            if rules is None or rules.expires <= time.monotonic():
                rules = self._load(key)
                self._rules[key] = rules
            return rules

    def _load(self, origin: str) -> _Rules:
        expires = time.monotonic() + self.ttl
        result = self.session.get(origin + "/robots.txt", max_bytes=ROBOTS_MAX_BYTES)
        status = result.status or 0
        if result.error is None and 200 <= status < 300 and result.body is not None:
            text = result.body.decode("utf-8", errors="replace")
            try:
                return _Rules(Protego.parse(text), True, expires)
            except Exception:  # a parser bug must not turn garbage into a crawl stop
                return _Rules(None, True, expires)
        if 400 <= status < 500 and result.error is None:
            return _Rules(None, True, expires)
        log.info("robots.txt for %s unreadable (%s): disallowing", origin, result.error or status)
        return _Rules(None, False, expires)
