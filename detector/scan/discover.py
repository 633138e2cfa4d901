"""``detector scan --discover N``: the lure links of scanned pages become inputs of the same run.

After each pass, the outbound links of every page fetched in it that read like the next step of
a lure (``crawl.discovery``: redirects, script and ``onclick`` targets, anchors with lure words or
URLs, landing URLs) are added to the run as new inputs, each tagged with the page it came from
(``discovery``: parent URL, depth, how it was found). They are fetched through the same guard and
politeness, scored and stored like any input, up to ``N`` hops from the inputs given and
``discovery_max_links`` links per page. Being inputs of the run, they resume like any other.
"""

from __future__ import annotations

import json
from typing import Any

from detector.config import Settings
from detector.core.urls import normalise_url
from detector.crawl.discovery import candidates, follows
from detector.records import Snapshot
from detector.scan.inputs import input_key


class Frontier:
    """Lure links found in one pass, waiting to become the next pass's inputs."""

    def __init__(self, settings: Settings, seen: set[str]) -> None:
        self.settings = settings
        self.seen = seen  # canonical URLs already inputs of the run (or found this run)
        self.found: list[tuple[str, str]] = []

    def collect(self, snap: Snapshot, depth: int) -> None:
        """Queue the lure links of a page fetched at ``depth`` hops from the given inputs."""
        for key in (normalise_url(u) for u in (snap.url, snap.final_url or "") if u):
            if key:
                self.seen.add(key)
        if snap.error or not (snap.html or snap.listing):
            return
        taken = 0
        for c in candidates(snap, self.settings):
            if taken >= self.settings.discovery_max_links:
                break
            key = normalise_url(c.url)
            if key is None or key in self.seen or not follows(c):
                continue
            self.seen.add(key)
            taken += 1
            trail: dict[str, Any] = {
                "parent_url": snap.effective_url,
                "parent_id": snap.id,
                "depth": depth + 1,
                "via": c.via,
                "text": c.text[:120],
            }
            raw = json.dumps({"url": c.url, "discovery": trail}, ensure_ascii=False)
            self.found.append((input_key(c.url), raw))

    def take(self) -> list[tuple[str, str]]:
        found, self.found = self.found, []
        return found
