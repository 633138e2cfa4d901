"""Lockers: content lockers, CPA offer walls, 'generator' funnels and fake progress theatre.

Network markers (hosts, paths, script globals of known CPA locker networks) are searched in
script sources, inline scripts, iframes and links; wording in the visible text. A genuine
reCAPTCHA/hCaptcha/Turnstile widget is recorded separately: it argues the human check is real.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from detector.extract.base import Context, Signals
from detector.extract.lexicons import load_lexicon

DESCRIPTIONS: dict[str, str] = {
    "locker.verify_human": "asks the visitor to 'verify you are human' before revealing results",
    "locker.complete_offer": "makes the visitor complete offers or install apps to continue",
    "locker.survey": "makes the visitor complete a survey to continue",
    "locker.unlock": "locks the promised result behind an 'unlock' step",
    "locker.new_window": "warns that an offer 'will open a new window'",
    "locker.fake_progress": "shows a staged progress sequence ('Searching account…', 'Connecting to server…')",
    "locker.fake_notifications": "shows fake live notifications of other people's rewards",
    "locker.generator_ui": "has a followers/likes 'generator' form (username plus amount)",
    "locker.cpa_markers": "loads scripts of a known content-locker / CPA offer network",
    "locker.countdown": "uses a countdown to rush the visitor",
}
BENIGN_DESCRIPTIONS: dict[str, str] = {
    "locker.captcha_real": "uses a genuine CAPTCHA service",
}


@cache
def _lex() -> dict[str, Any]:
    return load_lexicon("lockers")


@cache
def _re(key: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _lex()[key]), re.I)


@cache
def _networks() -> list[tuple[str, re.Pattern[str]]]:
    return [(name, re.compile("|".join(pats), re.I)) for name, pats in _lex()["networks"].items()]


def _count(sig: Signals, name: str, pattern: re.Pattern[str], text: str, cap: int = 5) -> None:
    hits = [m.group(0) for _, m in zip(range(cap), pattern.finditer(text), strict=False)]
    sig.set(name, len(hits), hits[0] if hits else None)


def extract(ctx: Context) -> Signals:
    """Locker and offer-wall features."""
    sig = Signals("locker")
    page = ctx.page
    text = ctx.corpus_text[:200_000]
    scripts = page.script_text[:300_000]
    for name in ("verify_human", "complete_offer", "survey", "unlock"):
        _count(sig, name, _re(name), text)
    m = _re("new_window").search(text)
    sig.flag("new_window", m is not None, m.group(0) if m else None)
    progress = [
        x.group(0)
        for _, x in zip(
            range(5), _re("fake_progress").finditer(text + "\n" + scripts), strict=False
        )
    ]
    if len(progress) < 5 and _re("progress_script").search(scripts):
        progress.append("scripted progress bar")
    sig.set("fake_progress", len(progress), progress[0] if progress else None)
    m = _re("fake_notifications").search(text + "\n" + scripts)
    sig.flag("fake_notifications", m is not None, m.group(0) if m else None)
    sig.flag("generator_ui", *_generator(ctx))
    markers = "\n".join(
        [*page.script_srcs, scripts, *page.iframes, *(link.href for link in page.links[:300])]
    )
    markers += "\n" + " ".join(f"{i.name} {i.id}" for i in page.inputs[:50])
    hits: list[tuple[str, str]] = []
    for name, pattern in _networks():
        for x in pattern.finditer(markers):
            hits.append((name, x.group(0)))
            if len(hits) >= 5:
                break
    sig.set("cpa_markers", len(hits), f"{hits[0][0]}: {hits[0][1]}" if hits else None)
    sig.set("cpa_network", hits[0][0] if hits else "none")
    m = _re("countdown").search(text + "\n" + scripts[:50_000])
    sig.flag("countdown", m is not None, m.group(0) if m else None)
    m = _re("captcha_real").search("\n".join(page.script_srcs) + "\n" + scripts[:50_000])
    sig.flag("captcha_real", m is not None, m.group(0) if m else None)
    return sig


def _generator(ctx: Context) -> tuple[bool, str]:
    """A username box plus a choice of follower/like amounts and a 'generate' action."""
    page = ctx.page
    has_user = any(
        i.type in ("text", "search", "") or "user" in i.descriptor
        for i in page.inputs[:50]
        if i.type not in ("hidden", "password")
    )
    if not has_user:
        return False, ""
    area = " ".join([*page.ctas[:100], " ".join(page.headings[:20]), page.text[:5000]]).lower()
    amounts = _re("generator_amounts").findall(area)
    words = _re("generator_words").findall(area)
    fired = len(set(amounts)) >= 2 and len(words) >= 2
    return fired, " ".join(sorted(set(amounts))[:5])
