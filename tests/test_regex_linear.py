"""Every regex that reads untrusted text runs in linear time, and the rewrites match as before.

``test_every_pattern_is_linear`` feeds each pattern the detector compiles (module constants and
lexicon patterns alike, found by tests/_regexes.py) long runs of each character class, alone and
after the text the pattern needs first, with and without a failing tail, at 10 kB and 100 kB:
linear time grows about 10x, a quadratic pattern 100x. The bound is generous so a loaded
machine does not make it flaky. The other tests compare each rewritten pattern with the one it
replaced on generated texts.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

import pytest

from detector.core.lexicons.linear import REWRITES
from detector.crawl.sources import app_store, chrome_store, google_play
from detector.extract import claims, credentials, listing, parse
from tests._regexes import cost, inventory, shapes

SCREEN, GROW, SMALL, LARGE = 1_000, 4_000, 10_000, 100_000
CHEAP = 0.00005  # seconds at 1 kB: quadratic work there takes milliseconds
MAX_RATIO = 50.0  # 10x the text: linear about 10x the time, quadratic about 100x
HOPELESS = 0.5  # seconds at 10 kB: quadratic for sure (100 kB would take a minute)


def _suspect(compiled: re.Pattern[Any], small: Any, grown: Any) -> bool:
    """Cheap screen: 4x the text taking over 10x the time (linear 4x, quadratic 16x)."""
    first = cost(compiled, small)
    return first > CHEAP and cost(compiled, grown) > 10 * first


def superlinear(
    source: str | bytes, flags: int = 0, where: str = "", first: bool = False
) -> list[str]:
    """How the pattern grows faster than linearly on the adversarial shapes (empty: it does not).

    ``first`` stops at the first finding (a quadratic pattern at 100 kB costs a minute a shape).
    """
    compiled = re.compile(source, flags)
    grown = dict(shapes(source, GROW))
    suspects = [d for d, text in shapes(source, SCREEN) if _suspect(compiled, text, grown[d])]
    if not suspects:
        return []
    slow: list[str] = []
    small_texts, large_texts = dict(shapes(source, SMALL)), dict(shapes(source, LARGE))
    for desc in suspects:
        label = f"{where}: {str(source)[:80]!r} on {desc}"
        small = cost(compiled, small_texts[desc], least=0.01)
        if small > HOPELESS:
            slow.append(f"{label}: {small:.2f}s at 10 kB")
            if first:
                break
            continue
        ratio = cost(compiled, large_texts[desc]) / max(small, 1e-6)
        if ratio > MAX_RATIO:
            again = cost(compiled, large_texts[desc], least=0.05) / cost(
                compiled, small_texts[desc], least=0.02
            )
            if again > MAX_RATIO:
                slow.append(f"{label}: 10x the text took {again:.0f}x the time")
                if first:
                    break
    return slow


@pytest.mark.slow
@pytest.mark.timeout(1200)  # about a minute on an idle machine; far longer when it is shared
def test_every_pattern_is_linear() -> None:
    patterns = inventory()
    assert len(patterns) > 300  # module constants and the lexicon patterns were all found
    slow = [line for src, flags, where in patterns for line in superlinear(src, flags, where)]
    assert not slow, "super-linear patterns:\n" + "\n".join(slow)


@pytest.mark.parametrize(
    "old",
    [
        r"(?<=[.!?…])\s+|\s+[|\-–—•:]\s+|\s*[|\n¡¿]\s*",  # claims sentence split
        r"\b(?:không|chưa|nhỉ)\s*\??\s*$",  # Vietnamese question ending
    ],
)
@pytest.mark.timeout(1200)  # runs the old quadratic pattern at 100 kB: slow on a shared machine
def test_the_check_catches_the_patterns_that_were_replaced(old: str | bytes) -> None:
    """The linearity check can fail: each pattern replaced here is flagged by it."""
    assert superlinear(old, first=True)


# -- the rewrites match what they replaced ------------------------------------------------------

ALPHABET = [
    " ", "  ", "\n", "\t", "\xa0", "a", "x", "k", "K", "1", "9", "0", ".", ",", "..", "/", "?", "|",
    "-", "–", "—", "•", ":", "¡", "¿", "(", ")", "[", "]", "#", "$", "€", "+", "é", "ı", "İ",
    "week", "wk", "per", " a ", "usd", "rp", "rp.", "us$", "r$", "không", "chưa", "mı", "misin",
    "mu", "kamu", "users", "downloads", "installs", "Chrome Web Store", "Version", "USD", "m",
    "million", "thousand", "abc123", "Xk3jd9Qz", "!", "3",
]  # fmt: skip


def _texts(seed: int, n: int = 4000, longest: int = 14) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, longest))) for _ in range(n)]


def _found(m: re.Match[str] | None) -> Any:
    return None if m is None else (m.span(), m.groups())


SEPARATOR_RUN = re.compile(r"(?<![\d.,])[.,]{3}")


@pytest.mark.parametrize("old", sorted(REWRITES))
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_lexicon_rewrites_match_the_same(old: str, flags: int) -> None:
    a, b = re.compile(old, flags), re.compile(REWRITES[old], flags)
    for text in _texts(len(old) + flags):
        got, want = _found(b.search(text)), _found(a.search(text))
        if got != want and SEPARATOR_RUN.search(text):  # documented: starts at the separators
            assert (got is None) == (want is None), text
            continue
        assert got == want, text


OLD_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9:-]{0,40})\b[^>]{0,4096}?(/?)>")


def test_tag_scanner_finds_what_the_tag_regex_found() -> None:
    rnd = random.Random(7)
    parts = [b"<", b">", b"/", b"a", b"br", b"-", b":", b" ", b"x=1", b"<a", b"</a", b"<br/", b"\n"]
    parts += [b"_", b"B", b"R", b"IMG", b"input", b"1", b"\xc3\xa9", b"<wbr", b"</Br", b"x" * 39]
    texts = [b"".join(rnd.choice(parts) for _ in range(rnd.randint(0, 60))) for _ in range(5000)]
    for gap in (4094, 4095, 4096, 4097, 4098):  # around the 4 kB reach, with and without "/"
        for tail in (b">", b"/>", b"//>"):
            texts += [b"<a" + b"x" * gap + tail, b"<a<a" + b"/" * gap + tail + b"<b>"]
            texts += [b"<a " * 3000 + b"x" * gap + tail]
    for text in texts:
        want = [(m.start(), m.end(), m.group(1), m.group(2), bool(m.group(3))) for m in
                OLD_TAG.finditer(text)]  # fmt: skip
        assert list(parse._tags(text)) == want, text[:80]


def _same(old: str, new: re.Pattern[str], use: Callable[[re.Pattern[str], str], Any]) -> None:
    before = re.compile(old, new.flags)
    for text in _texts(len(old), 3000, 10) + _texts(len(old) + 1, 1500, 40):
        want, got = use(before, text), use(new, text)
        if got != want and SEPARATOR_RUN.search(text):
            continue  # documented: a number whose run starts with 3+ separators starts there
        assert got == want, text


def _search(p: re.Pattern[str], t: str) -> Any:
    return _found(p.search(t))


def _search_spaces(p: re.Pattern[str], t: str) -> Any:
    m = p.search(t)
    return None if m is None else " ".join(m.group(1).split())  # how chrome_store uses it


@pytest.mark.parametrize(
    ("old", "new", "use"),
    [
        (r"(?<=[.!?…])\s+|\s+[|\-–—•:]\s+|\s*[|\n¡¿]\s*", claims._STRONG_SPLIT, re.split),
        (r"[\[({#-]?\s*([a-z0-9]{6,24})\s*[\])}]?\s*$", claims._TAIL, _search),
        (r"\s+[|\-–—:·•]\s+|\s*[|–—·•]\s*", credentials._SEGMENTS, re.split),
        (
            r"(\d+(?:[.,\s]\d+)*)\s*(k|m|b|thousand|million|billion|mil|mio|jt|juta|rb)?\b",
            listing._COUNT,
            _search,
        ),
        (r"\d+[.,]\d{1,2}", re.compile(r"(?<!\d)\d+[.,]\d{1,2}"), lambda p, t: p.fullmatch(t)),
        (
            r"(?:[$€£¥₹]|R\$|US\$)\s?\d[\d.,]*|\d[\d.,]*\s?(?:[$€£¥₹]|USD|EUR|GBP|BRL)",
            app_store._PRICE,
            _search,
        ),
        (r"(\d[\d.,]*\s*[KkMmBb]?\+)\s*(?:downloads|installs)\b", google_play._DOWNLOADS, _search),
        (
            r"(\d[\d,.\s]*\s*[KkMm]?\+?)\s*(?:users|utilisateurs|usuarios|usuários)\b",
            chrome_store._USERS,
            _search_spaces,
        ),
        (r"\s*[-–|]\s*Chrome Web Store\s*$", chrome_store._SUFFIX, lambda p, t: p.sub("", t)),
        (r"\bVersion\s*:?\s*(\d+(?:\.\d+){0,3})\b", chrome_store._VERSION, _search),
    ],
    ids=lambda x: getattr(x, "__name__", "") or str(x)[:20],
)
def test_module_rewrites_match_the_same(old: str, new: re.Pattern[str], use: Any) -> None:
    _same(old, new, use)


def test_listing_count_pattern_in_use() -> None:
    assert listing.parse_installs("1,000,000+") == 1e6
    assert listing.parse_installs("10M+ downloads") == 1e7
    assert listing.parse_installs("1.5K users") == 1500.0
