"""The ads / app-listing / extension-listing corpus: reproducible, well-formed, no house-style leak."""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from data.generator import ads, listings
from data.generator.kit import handwritten
from detector.extract.listing import parse_installs
from detector.records import Snapshot
from tests._leak import grouped_style_auc

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
HANDWRITTEN = ROOT / "data" / "handwritten" / "listings"
FILES = {
    "ads.jsonl": "ad",
    "app_listings.jsonl": "app_listing",
    "extension_listings.jsonl": "extension_listing",
}
LANGS = {"en", "es", "pt", "id", "vi", "tr", "de", "fr"}
EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50]")
BULLET = re.compile(r"^\s*(?:[•\-✓★▶◆➤*]|\d+\.|[\U0001f300-\U0001faff\u2600-\u27bf\u2b50])\s")
CWS = re.compile(r"^https://chromewebstore\.google\.com/detail/[a-z0-9-]+/[a-p]{32}$")
STORE = re.compile(r"^https://(play\.google\.com/store/apps/details\?id=|apps\.apple\.com/)")


def _rows(name: str) -> list[dict[str, Any]]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture(scope="module")
def generated() -> dict[str, list[dict[str, Any]]]:
    return {name: _rows(name) for name in FILES}


@pytest.fixture(scope="module")
def corpus(generated: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """What training sees per kind: the generated file plus the hand-written rows of that kind."""
    return {name: rows + handwritten(FILES[name]) for name, rows in generated.items()}


def test_committed_files_equal_a_fresh_regeneration(tmp_path: Path) -> None:
    assert listings.main(["--out", str(tmp_path)]) == 0
    assert ads.main(["--out", str(tmp_path)]) == 0
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), name


def test_rows_parse_as_snapshots_of_the_right_kind(corpus: dict[str, list[dict[str, Any]]]) -> None:
    for name, rows in corpus.items():
        for row in rows:
            snap = Snapshot.from_dict(row)
            assert snap.kind == FILES[name], row["id"]
            assert snap.id == row["id"]
            if snap.kind == "ad":
                assert snap.text
            else:
                assert snap.listing is not None and snap.listing.description, row["id"]
                assert snap.listing.name


def test_label_columns_present_and_valid(corpus: dict[str, list[dict[str, Any]]]) -> None:
    for rows in corpus.values():
        for row in rows:
            assert row["label"] in ("scam", "benign"), row["id"]
            assert row["subtype"] and row["family"], row["id"]
            assert row["lang"] in LANGS, row["id"]
            src = row["source"]
            assert src == "handwritten" or re.fullmatch(
                r"generated:data\.generator\.\w+:[\w-]+", src
            )


def test_counts_and_label_balance(
    generated: dict[str, list[dict[str, Any]]], corpus: dict[str, list[dict[str, Any]]]
) -> None:
    for name, rows in generated.items():
        assert all(r["source"].startswith("generated:") for r in rows), name
    for name, rows in corpus.items():
        benign = sum(r["label"] == "benign" for r in rows) / len(rows)
        print(f"{name}: {len(rows)} rows, benign share {benign:.2f}")
        assert 100 <= len(rows) <= 170, name
        assert 0.4 <= benign <= 0.6, name
        # Every file uses several languages on both sides, so language is no label proxy.
        for label in ("scam", "benign"):
            assert len({r["lang"] for r in rows if r["label"] == label}) >= 6, (name, label)
    hand = handwritten()
    assert len(hand) == len(list(HANDWRITTEN.glob("*.json"))) >= 18
    assert {r["kind"] for r in hand} == set(FILES.values())
    assert {r["label"] for r in hand} == {"scam", "benign"}
    assert all(r["source"] == "handwritten" for r in hand)


def test_families_are_single_label_and_sized(corpus: dict[str, list[dict[str, Any]]]) -> None:
    labels: dict[str, set[str]] = defaultdict(set)
    sizes: Counter[str] = Counter()
    for rows in corpus.values():
        for row in rows:
            labels[row["family"]].add(row["label"])
            sizes[row["family"]] += 1
    mixed = {f: ls for f, ls in labels.items() if len(ls) > 1}
    assert not mixed
    assert all(3 <= n <= 12 for n in sizes.values()), sizes
    per_label = Counter(next(iter(ls)) for ls in labels.values())
    assert per_label["scam"] >= 15 and per_label["benign"] >= 15, per_label


def test_ids_unique(corpus: dict[str, list[dict[str, Any]]]) -> None:
    ids = [r["id"] for rows in corpus.values() for r in rows]
    assert len(ids) == len(set(ids))


def test_store_urls_and_manifests_are_consistent(corpus: dict[str, list[dict[str, Any]]]) -> None:
    for row in corpus["extension_listings.jsonl"]:
        assert CWS.match(row["url"]), row["url"]
        listing = row["listing"]
        m = listing["manifest"]
        assert m["manifest_version"] in (2, 3) and m["name"] and m["version"]
        declared = set(m.get("permissions", [])) | set(m.get("host_permissions", []))
        assert set(listing["permissions"]) | set(listing["host_permissions"]) <= declared
        if m["manifest_version"] == 2:
            assert "host_permissions" not in m
    for row in corpus["app_listings.jsonl"]:
        assert STORE.match(row["url"]), row["url"]
        if "apps.apple.com" in row["url"]:
            assert row["listing"]["permissions"] == []


def _style(row: dict[str, Any]) -> list[float]:
    """House-style features only: nothing about what is promised or asked for."""
    listing = row.get("listing") or {}
    text = listing.get("description") or row.get("text") or ""
    bullets = sum(1 for line in text.splitlines() if BULLET.match(line))
    rating = listing.get("rating") or 0.0
    installs = math.log10(1 + parse_installs(listing.get("installs")))
    return [len(text), len(EMOJI.findall(text)), bullets, float(rating), installs]


def _grouped_auc(rows: list[dict[str, Any]]) -> float:
    return grouped_style_auc(rows, _style)


def test_house_style_does_not_predict_the_label(corpus: dict[str, list[dict[str, Any]]]) -> None:
    every = [r for rows in corpus.values() for r in rows]
    for name, rows in [*corpus.items(), ("all", every)]:
        auc = _grouped_auc(rows)
        print(f"house-style leak check {name}: grouped ROC-AUC {auc:.3f}")
        assert auc < 0.75, (name, auc)


def test_leak_check_can_fail() -> None:
    """The check itself detects a leak when style does follow the label."""
    rows = []
    for i in range(60):
        scam = i % 2 == 0
        text = ("🔥 " * 4 + "x" * 400) if scam else "y" * 80
        rows.append({"label": "scam" if scam else "benign", "family": f"f{i // 4}", "text": text})
    assert _grouped_auc(rows) > 0.9
