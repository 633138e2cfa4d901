"""Full feature extraction vs a bare lexbor parse of the same pages, in one run.

    python bench/extract.py [--rounds 5] [--stages]

Prints pages/second for both and their cost ratio (target: extraction <= 3x the bare parse).
Rounds alternate between the two so machine noise hits both alike; the best round counts.
``--stages`` also prints what each part costs, as a multiple of the bare parse and in ms a page:
the parse and collection of the page record, then each signal family on already parsed pages.
Page sets: the shared html-samples, the corpus pages, and ``bench/serve.py``'s mix of pages of
about 100 kB (what the endpoint's latency figures are measured on).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from selectolax.lexbor import LexborHTMLParser

from bench._pages import corpus_pages, real_pages
from bench.serve import pages as serve_pages
from detector.extract.base import Context
from detector.extract.features import FAMILIES, extract
from detector.extract.parse import parse_html
from detector.records import Snapshot


def _time(fn: Callable[[Any], object], items: list[Any]) -> float:
    start = time.perf_counter()
    for item in items:
        fn(item)
    return time.perf_counter() - start


def _stages(snaps: list[Snapshot], rounds: int, parse_t: float) -> None:
    pages = [parse_html(s.html or "") for s in snaps]
    costs = {
        "parse + page record": min(
            _time(parse_html, [s.html for s in snaps]) for _ in range(rounds)
        )
    }
    for family in FAMILIES:
        name = family.__name__.rsplit(".", 1)[-1]
        best = float("inf")
        for _ in range(rounds):
            ctxs = [Context(snapshot=s, page=p) for s, p in zip(snaps, pages, strict=True)]
            best = min(best, _time(family.extract, ctxs))
        costs[name] = best
    for name, cost in costs.items():
        ms = cost / len(snaps) * 1000
        print(f"    {name:22s}: {cost / parse_t:6.2f}x the bare parse, {ms:6.2f} ms a page")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--stages", action="store_true", help="also print the cost of each part")
    args = ap.parse_args()
    sets = {
        "real (shared/html-samples)": real_pages(),
        "corpus (data/corpus pages)": corpus_pages(),
        "serve mix (bench/serve.py, about 100 kB)": serve_pages(),
    }
    for name, pages in sets.items():
        if not pages:
            print(f"{name}: no pages found, skipped")
            continue
        snaps = [Snapshot(html=p) for p in pages]
        encoded = [p.encode("utf-8", "replace") for p in pages]
        extract(snaps[0])  # warm caches (lexicons, compiled patterns)
        parse_t, full_t = [], []
        for _ in range(args.rounds):
            parse_t.append(_time(LexborHTMLParser, encoded))
            full_t.append(_time(extract, snaps))
        p, f = min(parse_t), min(full_t)
        mb = sum(len(e) for e in encoded) / 1e6
        print(f"{name}: {len(pages)} pages, {mb:.1f} MB")
        print(f"  bare lexbor parse : {len(pages) / p:8.1f} pages/s")
        print(f"  full extraction   : {len(pages) / f:8.1f} pages/s")
        print(f"  cost ratio extraction/parse: {f / p:.2f}x (target <= 3x)")
        if args.stages:
            _stages(snaps, args.rounds, p)


if __name__ == "__main__":
    main()
