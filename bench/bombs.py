"""Markup that makes lexbor's parse super-linear, with and without the bounds parse.py sets.

    python bench/bombs.py [--scale 1.0]

Each shape is parsed by ``parse_html`` twice in this process: once as shipped, once with
``limit_attributes`` and ``limit_formatting`` switched off (the baseline, what the parse cost
before them), and the bench prints seconds for both and their ratio. Sizes are chosen so the
baseline stays within a few seconds; ``--scale`` multiplies the repeat counts. The last three
shapes are the parser's re-creation of formatting elements left open before each text (lexbor
issue 340): with distinct attributes the list of them grows without bound (``limit_formatting``);
with identical ones the HTML standard keeps three of each, 36 in all, re-created in every
paragraph that follows, and each re-creation copies the element's attributes
(``limit_recreation`` renames formatting tags when that work would pass its budget).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detector.extract import parse


def _afe(n: int, reps: int) -> str:
    block = (
        "".join(f"<b {i}>" for i in range(n))
        + "".join(f"<i {i}>" for i in range(n))
        + "x</b>" * n
        + "</i>" * n
    )
    return block * reps


def _recreated(runs: int, attributes: int = 0) -> str:
    """Three of each formatting element left open (the most the parser keeps of identical ones),
    closed over by ``</b>``, then paragraphs: the parser re-creates all of them in each one."""
    names = ["big", "code", "em", "font", "i", "s", "small", "strike", "strong", "tt", "u"]
    attrs = "".join(f" a{i}" for i in range(attributes))
    return "<b>" + "".join(f"<{n}{attrs}>" * 3 for n in names) + "x</b>" + "<p>x</p>" * runs


def shapes(scale: float) -> list[tuple[str, str]]:
    def k(n: int) -> int:
        return max(1, int(n * scale))

    return [
        (
            "one tag, distinct attributes",
            "<p " + " ".join(f"a{i}" for i in range(k(40_000))) + ">x",
        ),
        (
            "quoted '>' in every value",
            "<p " + "".join(f'a{i}=">"' for i in range(k(40_000))) + ">x",
        ),
        ("tags with one new attribute each", "".join(f"<i a{i}></i>" for i in range(k(100_000)))),
        ("distinct tag names", "".join(f"<t{i}></t{i}>" for i in range(k(100_000)))),
        ("open formatting elements, distinct", _afe(200, k(16))),
        ("formatting re-created per text, identical", _recreated(k(100_000))),
        ("the same, 256 attributes each", _recreated(k(2_000), 256)),
    ]


def _unbounded(raw: bytes, *_: object) -> tuple[bytes, bool]:
    return raw, False


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0)
    args = ap.parse_args()
    parse.parse_html("<p>warm up</p>")
    print(f"{'shape':46s} {'size':>8s} {'unbounded':>10s} {'bounded':>9s} {'ratio':>7s}")
    for name, markup in shapes(args.scale):
        with (
            mock.patch.object(parse, "limit_attributes", _unbounded),
            mock.patch.object(parse, "limit_formatting", _unbounded),
            mock.patch.object(parse, "limit_recreation", _unbounded),
        ):
            before = timed(lambda m=markup: parse.parse_html(m))  # type: ignore[misc]
        after = timed(lambda m=markup: parse.parse_html(m))  # type: ignore[misc]
        size = f"{len(markup.encode()) / 1000:.0f} kB"
        print(f"{name:46s} {size:>8s} {before:9.2f}s {after:8.2f}s {before / after:6.1f}x")


if __name__ == "__main__":
    main()
