"""Hostile snapshots through ``extract_features`` and ``Detector.score_many``: nothing may crash.

    python bench/fuzz.py [--n 100000] [--seed 1] [--big 20]

Generates ``n`` snapshots of every kind (pages, ads, app and extension listings) built from the
shapes that break parsers and backtracking regexes: long runs of one character class with and
without a failing tail, unclosed and deeply nested tags, huge attributes, lone surrogates,
numbers with hundreds of digits, NaN and infinities, secrets in URLs, wrong types. ``--big``
more are built at the documented size caps (``Settings.max_html_bytes`` of markup), plus
one page at the cap for each repeated-tag shape (a million nested tags and the like). Prints the
number of inputs, crashes (an exception from either call, or a verdict that is not either
scored or failed with a reason), the slowest inputs (seconds for ``extract_features``), and
the peak resident memory. Target: 0 crashes, worst input under 1 s.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bombs import _recreated
from detector.config import Settings
from detector.detector import Detector
from detector.extract.features import extract_features

RUNS = [" ", "\n", "\t", "\xa0", "a", "é", "1", "9,", ".", "-", "/", "<", "<a", "</", "$", "?"]
RUNS += ["<div>", "<a href=x>", "<!--", "<script>", "&amp;", "\ud800", "\x00", "İ", "💥", "tiktok "]
WORDS = ["who viewed", "your", "tiktok", "profile", "free followers", "không", "mı", "kamu"]
WORDS += ["password", "login", "verify", "$4.99/week", "weekly", "estimated", "token=", "sessionid"]
TAILS = ["", "x", "!", ">", "?", "\n", "week", "users"]
URLS = [
    "https://u:p@x.example/a?token=abc",
    "http://[::1]/",
    "https://xn--tkto-9qa.example/",
    "https://tiktok.com.evil.example/login?next=https://tiktok.com",
    "javascript:alert(1)",
    "",
    "http://" + "a" * 300 + ".example/",
    "https://x.example/" + "%" * 200,
]


def _run(rnd: random.Random, size: int) -> str:
    ch = rnd.choice(RUNS)
    head = rnd.choice(["", *WORDS])
    return head + ch * max(size // max(len(ch), 1), 1) + rnd.choice(TAILS)


def _text(rnd: random.Random, size: int) -> str:
    parts = [_run(rnd, rnd.randint(1, size)) for _ in range(rnd.randint(1, 4))]
    if rnd.random() < 0.5:
        parts.append(" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 20))))
    rnd.shuffle(parts)
    return "".join(parts)[: size * 2]


def _html(rnd: random.Random, size: int) -> str:
    shape = rnd.randrange(6)
    if shape == 0:
        return "<div>" * (size // 5) + _text(rnd, 200) + "</div>" * rnd.randint(0, size // 6)
    if shape == 1:
        return "<a" * (size // 2) + ">" * rnd.randint(0, 2)
    if shape == 2:
        return f"<p title='{'x' * size}'>" + _text(rnd, 200)
    if shape == 3:
        return f"<form action='{rnd.choice(URLS)}'><input type=password name=p>" + _text(rnd, size)
    if shape == 4:
        return "<script>" + _text(rnd, size) + "</script><title>" + _text(rnd, 100) + "</title>"
    return "<html><body>" + _text(rnd, size) + "</body></html>"


def _number(rnd: random.Random) -> Any:
    return rnd.choice(
        [
            "9" * rnd.randint(1, 600),
            "1" + ",000" * rnd.randint(1, 200) + "+",
            "1 " * rnd.randint(1, 300) + "k",
            10 ** rnd.randint(1, 400),
            float("inf"),
            float("nan"),
            -1e308,
            "",
            None,
            "10M+",
            True,
        ]
    )


def deep_pages(cap: int) -> list[dict[str, Any]]:
    """Markup at the size cap made of one tag shape repeated (the depth limiter's worst cases),
    and the shapes the attribute and formatting bounds are for."""
    shapes = ["<div>", "<b>", "<p>x", "<div><span><a href=x>", "<a", "<br>", "<x-y:z>"]
    pages = [{"url": "", "kind": "page", "html": (s * (cap // len(s) + 1))[:cap]} for s in shapes]
    half = "<div>" * (cap // 11)
    pages.append({"url": "", "kind": "page", "html": half + "</div>" * (cap // 11)})
    # What lexbor is super-linear in besides depth (parse.limit_attributes, limit_formatting):
    # distinct attributes in one tag, new attribute and tag names, open formatting elements.
    blocks = "".join(f"<b {i}>" for i in range(200)) + "".join(f"<i {i}>" for i in range(200))
    for markup in (
        "<p " + " ".join(f"a{i}" for i in range(cap // 8)) + ">x",
        "".join(f"<i a{i}></i>" for i in range(cap // 16)),
        "".join(f"<t{i}></t{i}>" for i in range(cap // 16)),
        ((blocks + "x</b>" * 200 + "</i>" * 200) * (cap // 4000 + 1))[:cap],
        # Formatting elements left open, re-created in every paragraph (parse.limit_recreation).
        _recreated(cap // 8)[:cap],
        _recreated(cap // 8, 256)[:cap],
    ):
        pages.append({"url": "", "kind": "page", "html": markup[:cap]})
    return pages


def snapshot(rnd: random.Random, size: int) -> dict[str, Any]:
    kind = rnd.choice(["page", "page", "ad", "app_listing", "extension_listing"])
    snap: dict[str, Any] = {"url": rnd.choice(URLS), "kind": kind, "id": rnd.randrange(10**9)}
    if kind == "page":
        snap["html"] = _html(rnd, size)
    elif kind == "ad":
        snap["text"] = _text(rnd, size)
    else:
        listing: dict[str, Any] = {
            "name": _text(rnd, min(size, 3000)),
            "description": _text(rnd, size),
            "installs": _number(rnd),
            "rating": rnd.choice([4.5, float("nan"), 10**300, -1, None]),
            "price": _number(rnd),
            "permissions": [_text(rnd, 50) for _ in range(rnd.randint(0, 5))],
        }
        if kind == "extension_listing":
            listing["manifest"] = {
                "manifest_version": 3,
                "host_permissions": ["<all_urls>", "*://*.tiktok.com/*", _text(rnd, 100)],
                "content_security_policy": _text(rnd, 500),
            }
        if rnd.random() < 0.1:
            listing["installs"] = [1, 2]  # a wrong type: a failed verdict, not a crash
        snap["listing"] = listing
    return snap


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--big", type=int, default=20, help="inputs at the size caps")
    ap.add_argument("--max-size", type=int, default=4_000, help="typical input size (chars)")
    args = ap.parse_args()
    report = run(args.n, args.seed, args.big, args.max_size)
    print(
        f"{report['inputs']} inputs, {report['crashes']} crashes, "
        f"{report['failed_verdicts']} failed verdicts (invalid rows), "
        f"worst {report['worst'][0][0]:.3f}s per input, "
        f"peak memory {report['peak_mb']:.0f} MB, {report['seconds']:.0f}s in all"
    )
    for seconds, desc in report["worst"][:5]:
        print(f"  {seconds:.3f}s  {desc}")
    for line in report["crash_examples"][:5]:
        print("  crash:", line)
    return 1 if report["crashes"] else 0


def run(n: int, seed: int = 1, big: int = 0, max_size: int = 4_000) -> dict[str, Any]:
    """Generate and check ``n`` (+ ``big``) snapshots; returns the counts the bench prints."""
    rnd = random.Random(seed)
    cap = Settings().max_html_bytes
    det = Detector.load()
    crashes, failed = 0, 0
    examples: list[str] = []
    worst: list[tuple[float, str]] = [(0.0, "")]
    batch: list[dict[str, Any]] = []
    start = time.perf_counter()

    def score(rows: list[dict[str, Any]]) -> None:
        nonlocal crashes, failed
        try:
            verdicts = list(det.score_many(rows))
        except Exception:
            crashes += 1
            examples.append("score_many: " + traceback.format_exc(limit=2).splitlines()[-1])
            return
        for v in verdicts:
            if v.error is None and v.score is None:
                crashes += 1
            failed += v.error is not None

    deep = deep_pages(cap) if big else []
    for i in range(n + big + len(deep)):
        size = cap if i >= n else rnd.choice([64, 512, max_size, max_size])
        snap = deep[i - n - big] if i >= n + big else snapshot(rnd, size)
        t = time.perf_counter()
        try:
            extract_features(snap)
        except Exception as exc:
            if type(exc).__name__ != "InvalidSnapshot":  # a wrong type is a clear, typed error
                crashes += 1
                examples.append(f"extract {snap.get('kind')}: {type(exc).__name__}: {exc}"[:200])
        took = time.perf_counter() - t
        if took > worst[-1][0] or len(worst) < 5:
            body = str(snap.get("html") or snap.get("text") or snap.get("listing", ""))
            desc = f"{snap['kind']}, {sum(len(str(v)) for v in snap.values())} chars, {body[:24]!r}"
            worst = sorted([*worst, (took, desc)], reverse=True)[:5]
        batch.append(snap)
        if len(batch) >= 256:
            score(batch)
            batch = []
    score(batch)
    return {
        "inputs": n + big + len(deep),
        "crashes": crashes,
        "failed_verdicts": failed,
        "worst": worst,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "seconds": time.perf_counter() - start,
        "crash_examples": examples,
    }


if __name__ == "__main__":
    raise SystemExit(main())
