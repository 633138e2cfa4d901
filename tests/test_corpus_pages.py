"""The web-page corpus: reproducible, well-formed, balanced, and no house-style leak."""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from data.generator import pages
from data.generator.common import LANGS
from data.generator.pages_sources import SOURCE_FAMILIES
from detector.records import Snapshot
from tests._leak import grouped_style_auc

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus" / "pages.jsonl"
SCAM_SUBTYPES = {
    "credential_phishing",
    "content_locker",
    "offer_wall_survey",
    "session_cookie_theft",
    "malware_apk",
    "spy_report_fabricated",
    "seo_spam",
}
HARD_NEGATIVES = {
    "tiktok_official",
    "tiktok_login",
    "tiktok_oauth_consent",
    "explainer",
    "news",
    "legit_oauth_tool",
    "public_analytics",
    "first_party_viewers",
}
BENIGN_SUBTYPES = HARD_NEGATIVES | {"ordinary", "ordinary_login"}
SOURCE = re.compile(r"generated:data\.generator\.pages_\w+:[\w-]+")


@pytest.fixture(scope="module")
def generated() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def hand() -> list[dict[str, Any]]:
    return pages.handwritten()


@pytest.fixture(scope="module")
def corpus(generated: list[dict[str, Any]], hand: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What training sees of kind page from this corpus: generated plus hand-written rows."""
    return generated + hand


def test_committed_file_equals_a_fresh_regeneration(tmp_path: Path) -> None:
    assert pages.main(["--out", str(tmp_path)]) == 0
    assert (tmp_path / pages.FILENAME).read_bytes() == CORPUS.read_bytes()


def test_rows_parse_as_page_snapshots(corpus: list[dict[str, Any]]) -> None:
    for row in corpus:
        snap = Snapshot.from_dict(row)
        assert snap.kind == "page", row["id"]
        assert snap.id == row["id"]
        # Server source files (kit back ends and their ordinary twins) are stored as the file.
        markup = snap.html and snap.html.lstrip().lower().startswith(("<!doctype", "<html"))
        assert markup or (snap.html and row["family"] in SOURCE_FAMILIES), row["id"]
        if snap.final_url:
            assert snap.redirects and snap.redirects[-1] == snap.final_url, row["id"]


def test_label_columns_present_and_valid(corpus: list[dict[str, Any]]) -> None:
    for row in corpus:
        allowed = SCAM_SUBTYPES if row["label"] == "scam" else BENIGN_SUBTYPES
        assert row["label"] in ("scam", "benign"), row["id"]
        assert row["subtype"] in allowed, row["id"]
        assert row["family"] and row["lang"] in LANGS, row["id"]
        assert row["source"] == "handwritten" or SOURCE.fullmatch(row["source"]), row["id"]


def test_counts_and_proportions(
    generated: list[dict[str, Any]], hand: list[dict[str, Any]]
) -> None:
    labels = Counter(r["label"] for r in generated)
    print(f"generated pages: {dict(labels)}; hand-written: {Counter(r['label'] for r in hand)}")
    assert 880 <= len(generated) <= 960
    assert 440 <= labels["scam"] <= 500 and 430 <= labels["benign"] <= 490
    benign = [r for r in generated if r["label"] == "benign"]
    hard = sum(r["subtype"] in HARD_NEGATIVES for r in benign) / len(benign)
    print(f"hard-negative share of benign rows: {hard:.2f}")
    assert hard >= 0.6
    assert {r["subtype"] for r in generated if r["label"] == "scam"} == SCAM_SUBTYPES
    assert len(hand) == len(list(pages.HANDWRITTEN.glob("*.json"))) >= 36
    assert all(r["source"] == "handwritten" for r in hand)
    assert 0.4 <= sum(r["label"] == "scam" for r in hand) / len(hand) <= 0.6
    for label in ("scam", "benign"):
        assert len({r["lang"] for r in generated if r["label"] == label}) >= 6, label
        assert len({r["lang"] for r in hand if r["label"] == label}) >= 4, label


def test_urls_mix_hosts_and_blanks(generated: list[dict[str, Any]]) -> None:
    for label, lo, hi in (("scam", 0.08, 0.25), ("benign", 0.04, 0.18)):
        rows = [r for r in generated if r["label"] == label]
        blank = sum(r["url"] == "" for r in rows) / len(rows)
        assert lo <= blank <= hi, (label, blank)
        free = sum(".github.io" in r["url"] or ".netlify.app" in r["url"] for r in rows)
        assert free >= 3, label  # free hosting carries both labels
    sizes = [len(r["html"]) for r in generated]
    assert min(sizes) < 1000 and max(sizes) > 40_000


def test_families_are_single_label_and_sized(corpus: list[dict[str, Any]]) -> None:
    labels: dict[str, set[str]] = defaultdict(set)
    sizes: Counter[str] = Counter()
    for row in corpus:
        labels[row["family"]].add(row["label"])
        sizes[row["family"]] += 1
    assert not {f: ls for f, ls in labels.items() if len(ls) > 1}
    assert all(3 <= n <= 15 for n in sizes.values()), sizes
    per_label = Counter(next(iter(ls)) for ls in labels.values())
    assert per_label["scam"] >= 30 and per_label["benign"] >= 30, per_label


def test_ids_unique(corpus: list[dict[str, Any]]) -> None:
    ids = [r["id"] for r in corpus]
    assert len(ids) == len(set(ids))


def _style(html: str) -> list[float]:
    """House-style features only: nothing about what the page promises or asks for."""
    low = html.lower()
    return [
        float(int(math.log2(len(html) + 1))),
        float(low.count("<div")),
        float("bootstrap" in low),
        float("tailwind" in low),
        float(low.count("<script")),
        float(low.count("<meta")),
    ]


def _grouped_auc(rows: list[dict[str, Any]]) -> float:
    return grouped_style_auc(rows, lambda r: _style(r["html"]))


def test_house_style_does_not_predict_the_label(corpus: list[dict[str, Any]]) -> None:
    auc = _grouped_auc(corpus)
    print(f"house-style leak check (pages): grouped ROC-AUC {auc:.3f}")
    assert auc < 0.75


def test_leak_check_can_fail() -> None:
    """The check flags a corpus whose style does follow the label."""
    rows = []
    for i in range(80):
        scam = i % 2 == 0
        html = "<div>" * (40 if scam else 2) + ("<script></script>" * 6 if scam else "") + "x" * 300
        rows.append({"label": "scam" if scam else "benign", "family": f"f{i // 4}", "html": html})
    assert _grouped_auc(rows) > 0.9
