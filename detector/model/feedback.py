"""Analyst labels from a scan store as training examples, with their provenance.

``detector label`` appends judgements to the store; ``detector train --include-labels`` calls
``analyst_examples(store)`` and trains on the corpus plus these rows. For each labelled URL the
newest judgement wins, and the example is the newest error-free snapshot stored for that URL (the
page as the analyst saw it); a URL never stored becomes a URL-only example. Every example names
its label row, analyst and origin in ``source``, and its family is the URL's registered domain
(``analyst:<domain>``), so grouped cross-validation never splits one site across folds.
"""

from __future__ import annotations

import hashlib
import json

from detector.core.urls import host_parts, normalise_url
from detector.model.data import Example
from detector.records import Snapshot
from detector.store.base import Store


def analyst_examples(store: Store) -> list[Example]:
    """One ``Example`` per labelled URL (its newest label that was not withdrawn)."""
    out = []
    for url, row in store.current_labels().items():
        snap = store.latest_snapshot(url, normalise_url(url) or "")
        if snap is None:
            snap = Snapshot(url=url)
        domain = host_parts(url).registered_domain or host_parts(url).host or url
        out.append(
            Example(
                snapshot=snap,
                label=row["label"],
                subtype="analyst_feedback",
                family=f"analyst:{domain}",
                source=(
                    f"analyst-label:{row['id']}:{row.get('analyst') or 'unknown'}:"
                    f"{row['source']}:{row['at']}"
                ),
                lang="unknown",
            )
        )
    return out


def examples_digest(examples: list[Example]) -> str:
    """SHA-256 over the examples' labels, provenance and snapshots: part of the data identity."""
    h = hashlib.sha256()
    for ex in examples:
        row = {"label": ex.label, "family": ex.family, "source": ex.source}
        h.update(json.dumps(row, sort_keys=True).encode())
        h.update(ex.snapshot.to_json().encode())
    return h.hexdigest()
