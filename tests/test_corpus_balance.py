"""What the generated corpus must not tell a model: language, length, absent fields, URL presence.

Every check runs on what training sees of one kind (generated file plus hand-written rows) and
says, per label, how far a trivial cue separates scams from benign rows. Each check also has a
counterpart on a corpus built to leak, so the bound can fail.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from sklearn.metrics import roc_auc_score

from data.generator import ads, demo, listings, pages, urls
from data.generator.kit import handwritten

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
LISTING_FILES = {
    "ads.jsonl": "ad",
    "app_listings.jsonl": "app_listing",
    "extension_listings.jsonl": "extension_listing",
}
AUC_LOW, AUC_HIGH = 0.35, 0.65
PASSWORD = re.compile(r"type=[\"']?password", re.I)
BRANDISH = re.compile(r"t[il1]k-?t[o0]k|tictok|ttok|viewer|stalker|free|verify|badge|follow", re.I)


def _read(name: str) -> list[dict[str, Any]]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture(scope="module")
def kinds() -> dict[str, list[dict[str, Any]]]:
    """Training's view per file: generated rows plus the hand-written rows of that kind."""
    out = {name: _read(name) + handwritten(kind) for name, kind in LISTING_FILES.items()}
    out["pages.jsonl"] = _read("pages.jsonl") + pages.handwritten()
    out["urls.jsonl"] = _read("urls.jsonl")
    return out


def auc_of(rows: Sequence[dict[str, Any]], cue: Callable[[dict[str, Any]], float]) -> float:
    """ROC-AUC of one scalar cue for 'scam'; 0.5 when the cue is constant."""
    y = [r["label"] == "scam" for r in rows]
    x = [cue(r) for r in rows]
    return 0.5 if len(set(x)) < 2 else float(roc_auc_score(y, x))


def language_gap(rows: Sequence[dict[str, Any]]) -> float:
    """Total-variation distance between the scam and the benign language mix (0 = same mix)."""
    mix = {lab: Counter(r["lang"] for r in rows if r["label"] == lab) for lab in ("scam", "benign")}
    n = {lab: sum(c.values()) for lab, c in mix.items()}
    langs = set(mix["scam"]) | set(mix["benign"])
    return 0.5 * sum(
        abs(mix["scam"][k] / n["scam"] - mix["benign"][k] / n["benign"]) for k in langs
    )


def _text(row: dict[str, Any]) -> str:
    return str((row.get("listing") or {}).get("description") or row.get("text") or "")


def _present(field: str) -> Callable[[dict[str, Any]], float]:
    def cue(row: dict[str, Any]) -> float:
        value = (row.get("listing") or {}).get(field)
        return float(value not in (None, "", [], {}))

    return cue


# ----------------------------------------------------------------------------- regeneration
def test_urls_file_equals_a_fresh_regeneration(tmp_path: Path) -> None:
    assert urls.main(["--out", str(tmp_path)]) == 0
    assert (tmp_path / urls.FILENAME).read_bytes() == (CORPUS / urls.FILENAME).read_bytes()


def test_demo_sample_equals_a_fresh_sample_of_the_corpus(tmp_path: Path) -> None:
    assert demo.main(["--out", str(tmp_path)]) == 0
    assert (tmp_path / demo.FILENAME).read_bytes() == (demo.SAMPLES / demo.FILENAME).read_bytes()
    rows = [json.loads(line) for line in (tmp_path / demo.FILENAME).open(encoding="utf-8")]
    ids = {str(r["id"]) for f in CORPUS.glob("*.jsonl") for r in map(json.loads, f.open())}
    assert all(r["id"] in ids and "label" not in r for r in rows)  # corpus rows, unlabelled


def test_every_corpus_file_is_written_by_a_generator(tmp_path: Path) -> None:
    """No stale generated file lingers in data/corpus: each one is rewritten by a generator."""
    for gen in (pages, listings, ads, urls):
        assert gen.main(["--out", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.glob("*.jsonl"))
    assert written == sorted(p.name for p in CORPUS.glob("*.jsonl"))


def test_a_new_family_changes_no_other_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows are seeded by their own id: dropping one family leaves every other row identical."""
    full = pages.generate()
    every = pages.families()
    dropped = every[len(every) // 2]
    monkeypatch.setattr(pages, "families", lambda: [f for f in every if f is not dropped])
    fewer = pages.generate()
    assert fewer == [r for r in full if r["family"] != dropped.key]
    assert urls.twins(fewer) == [r for r in urls.twins(full) if r["family"] != dropped.key]
    exts = listings.build_extensions()
    first = listings.EXT_FAMILIES[0].key
    monkeypatch.setattr(listings, "EXT_FAMILIES", listings.EXT_FAMILIES[1:])
    assert listings.build_extensions() == [r for r in exts if r["family"] != first]


def test_url_twins_match_their_pages() -> None:
    by_id = {r["id"]: r for r in _read("pages.jsonl")}
    twins = [r for r in _read("urls.jsonl") if r["id"].endswith("-url")]
    assert len(twins) >= 150
    for twin in twins:
        page = by_id[twin["id"].removesuffix("-url")]
        assert "html" not in twin and twin["url"] == page["url"]
        assert (twin["label"], twin["family"], twin["lang"]) == (
            page["label"],
            page["family"],
            page["lang"],
        )
    ordinary = [r for r in _read("urls.jsonl") if not r["id"].endswith("-url")]
    assert len(ordinary) >= 60 and {r["label"] for r in ordinary} == {"benign"}
    assert len({r["family"] for r in ordinary}) >= 6


# ----------------------------------------------------------------------------- language
@pytest.mark.parametrize(
    ("name", "bound"),
    [
        ("pages.jsonl", 0.08),
        ("urls.jsonl", 0.12),
        ("ads.jsonl", 0.12),
        ("app_listings.jsonl", 0.12),
        ("extension_listings.jsonl", 0.12),
    ],
)
def test_scams_and_benign_rows_share_one_language_mix(
    kinds: dict[str, list[dict[str, Any]]], name: str, bound: float
) -> None:
    gap = language_gap(kinds[name])
    print(f"{name}: language mix gap between labels {gap:.3f}")
    assert gap <= bound, (name, gap)


# ----------------------------------------------------------------------------- listings
@pytest.mark.parametrize("name", sorted(LISTING_FILES))
def test_text_length_does_not_separate_the_labels(
    kinds: dict[str, list[dict[str, Any]]], name: str
) -> None:
    auc = auc_of(kinds[name], lambda r: float(len(_text(r))))
    print(f"{name}: ROC-AUC of description/text length alone {auc:.3f}")
    assert AUC_LOW <= auc <= AUC_HIGH, (name, auc)


@pytest.mark.parametrize("name", sorted(LISTING_FILES))
def test_absent_fields_are_no_evidence(kinds: dict[str, list[dict[str, Any]]], name: str) -> None:
    rows = kinds[name]
    fields = sorted({k for r in rows for k in (r.get("listing") or {})})
    aucs = {f: auc_of(rows, _present(f)) for f in fields}
    aucs["url"] = auc_of(rows, lambda r: float(bool(r.get("url"))))
    print(name, {f: round(a, 2) for f, a in aucs.items()})
    off = {f: a for f, a in aucs.items() if not AUC_LOW <= a <= AUC_HIGH}
    assert not off, (name, off)


# ----------------------------------------------------------------------------- pages and URLs
def test_url_presence_does_not_give_the_label_away(kinds: dict[str, list[dict[str, Any]]]) -> None:
    rows = kinds["pages.jsonl"]
    auc = auc_of(rows, lambda r: float(bool(r.get("url"))))
    logins = [r for r in rows if PASSWORD.search(r["html"])]
    login_auc = auc_of(logins, lambda r: float(bool(r.get("url"))))
    print(f"pages: URL presence ROC-AUC {auc:.3f}, among login pages {login_auc:.3f}")
    assert AUC_LOW <= auc <= AUC_HIGH
    assert AUC_LOW <= login_auc <= AUC_HIGH
    for label in ("scam", "benign"):
        blank = sum(not r.get("url") for r in logins if r["label"] == label)
        assert blank >= 5, (label, blank)  # login pages without a URL, both labels


def test_scam_pages_often_have_neutral_or_no_urls(kinds: dict[str, list[dict[str, Any]]]) -> None:
    scams = [r for r in kinds["pages.jsonl"] if r["label"] == "scam"]
    neutral = [r for r in scams if not BRANDISH.search(r.get("final_url") or r.get("url") or "")]
    share = len(neutral) / len(scams)
    print(f"scam pages with a neutral or no URL: {share:.2f}")
    assert share >= 0.3


# ----------------------------------------------------------------------------- the checks can fail
def _leaky(n: int = 80) -> list[dict[str, Any]]:
    """Scam descriptions longer, in English only, with an email field only on benign rows."""
    rows = []
    for i in range(n):
        scam = i % 2 == 0
        listing: dict[str, Any] = {"description": "x" * (400 + i if scam else 100 + i)}
        if not scam:
            listing["developer_email"] = "help@example.org"
        rows.append(
            {
                "label": "scam" if scam else "benign",
                "lang": "en" if scam else ("de", "fr", "en")[i % 3],
                "listing": listing,
                "url": "" if scam else "https://example.org/",
            }
        )
    return rows


def test_the_checks_flag_a_leaky_corpus() -> None:
    rows = _leaky()
    assert auc_of(rows, lambda r: float(len(_text(r)))) > AUC_HIGH
    assert not AUC_LOW <= auc_of(rows, _present("developer_email")) <= AUC_HIGH
    assert not AUC_LOW <= auc_of(rows, lambda r: float(bool(r["url"]))) <= AUC_HIGH
    assert language_gap(rows) > 0.5
