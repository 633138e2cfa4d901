"""Evaluation on data nobody on the team wrote (../shared/data), reported apart from CV.

Nothing here is used to fit or tune the model: thresholds come from grouped CV on data/.
- html-samples: real phishing-kit pages and live captures vs real article and home pages,
  scored from markup alone (url "").
- URL-only: OpenPhish URLs with TikTok / follower keywords and JPCERT's TikTok-brand rows vs the
  Moz top-500 domains, scored from the URL alone (nothing is fetched).
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from detector.detector import Detector
from detector.extract.parse import decode_markup
from detector.model.data import Example
from detector.model.metrics import binary_report, breakdown, rounded
from detector.records import Snapshot

_ON_TOPIC = {"tiktok", "tik-tok", "followers", "follower"}


def default_shared_dir() -> Path:
    return Path(__file__).resolve().parents[2].parent / "shared" / "data"


def _scores(det: Detector, snaps: Sequence[Snapshot]) -> np.ndarray:
    return np.array([v.score if v.score is not None else np.nan for v in det.score_many(snaps)])


def html_samples(det: Detector, shared: Path) -> dict[str, Any] | None:
    index = shared / "html-samples" / "index.csv"
    if not index.is_file():
        return None
    rows = list(csv.DictReader(index.open(encoding="utf-8")))
    snaps = [
        Snapshot(html=decode_markup((index.parent / r["path"]).read_bytes()), id=r["path"])
        for r in rows
    ]
    scores = _scores(det, snaps)
    y = np.array([int(r["label"] == "phishing") for r in rows])
    th = det.artifact.thresholds
    roles = [f"{r['label']}:{r['page_role'] or r['subset']}" for r in rows]
    lure = np.array([r["page_role"] == "followers_likes_lure" for r in rows])
    return {
        "overall": rounded(binary_report(scores, y, th.scam, th.suspicious)),
        "per_role": breakdown(scores, y, roles, th.scam, th.suspicious),
        "followers_lure_recall_flagged": round(float(np.mean(scores[lure] >= th.suspicious)), 4)
        if lure.any()
        else None,
        "note": "scored from markup only (url empty); most phishing rows imitate other brands",
    }


def url_only(det: Detector, shared: Path) -> dict[str, Any] | None:
    feed = shared / "openphish-community-feed-history" / "social_growth_keyword_subset.csv"
    top = shared / "benign-domains-moz-top500" / "top-sites.json"
    if not (feed.is_file() and top.is_file()):
        return None
    phish = [
        r["url"]
        for r in csv.DictReader(feed.open(encoding="utf-8"))
        if r["matched_keyword"].lower() in _ON_TOPIC
    ]
    jp = shared / "jpcert-phishurl-list" / "jpcert_phishing_urls_2019-2025.csv.gz"
    if jp.is_file():
        with gzip.open(jp, "rt", encoding="utf-8") as fh:
            phish += [
                r["url"] for r in csv.DictReader(fh) if r["brand"].strip().lower() == "tiktok"
            ]
    benign = [f"https://{d['rootDomain']}/" for d in json.loads(top.read_text(encoding="utf-8"))]
    snaps = [Snapshot(url=u) for u in phish + benign]
    scores = _scores(det, snaps)
    y = np.array([1] * len(phish) + [0] * len(benign))
    th = det.artifact.thresholds
    return {
        "overall": rounded(binary_report(scores, y, th.scam, th.suspicious)),
        "note": "URL only, nothing fetched; positives are mostly TikTok Shop and login phish",
    }


def labelled(det: Detector, examples: Sequence[Example]) -> dict[str, Any]:
    """Metrics of a loaded model on a labelled set (e.g. a held-out folder of new examples)."""
    scores = _scores(det, [e.snapshot for e in examples])
    y = np.array([e.y for e in examples])
    th = det.artifact.thresholds
    return {
        "overall": rounded(binary_report(scores, y, th.scam, th.suspicious)),
        "per_subtype": breakdown(scores, y, [e.subtype for e in examples], th.scam, th.suspicious),
    }


def real_data(det: Detector, shared: Path | None = None) -> dict[str, Any]:
    root = shared or default_shared_dir()
    return {"html_samples": html_samples(det, root), "url_only": url_only(det, root)}
