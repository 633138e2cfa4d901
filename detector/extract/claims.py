"""Claims: offers to reveal what no third party can see, told apart from honest answers.

One pass of a combined topic pattern over the text finds every mention; each mention's sentence
is then judged: a question ("can you see who viewed...?"), a negation ("you can't see who saved"),
an explanation (pointers to TikTok's own Profile view history setting, "these apps are scams"),
or, when none of those, an offer. Titles, headings and button texts are judged as their own
units, and an offer there is the strongest form. Wording lives in lexicons/claims.json.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache

from detector.extract.base import Context, Signals
from detector.extract.lexicons import load_lexicon

CLAIM_TYPES = (
    "who_viewed",
    "who_saved",
    "who_shared",
    "who_favorited",
    "stalkers",
    "profile_visitors",
    "unfollowers",
    "free_followers",
)
_MAX_MENTIONS = 400  # a page repeating the lure thousands of times gains nothing more
_BOUNDARY = re.compile(r"[.!?\n\u3002]")

DESCRIPTIONS: dict[str, str] = {
    "claims.offer_who_viewed": "offers to reveal who viewed a TikTok profile or video (no third party can see this)",
    "claims.offer_who_saved": "offers to reveal who saved a TikTok video (TikTok shows only counts)",
    "claims.offer_who_shared": "offers to reveal who shared a TikTok video (TikTok shows only counts)",
    "claims.offer_who_favorited": "offers to reveal who favourited a TikTok video",
    "claims.offer_stalkers": "offers to reveal 'stalkers' or 'secret admirers'",
    "claims.offer_profile_visitors": "offers a list of profile visitors",
    "claims.offer_unfollowers": "offers to reveal unfollowers",
    "claims.offer_free_followers": "offers free followers, likes, views or coins",
    "claims.offer_in_title": "makes the impossible offer in its title",
    "claims.offer_in_cta": "makes the impossible offer on a button or link",
    "claims.spy_report": "sells a 'spy report' of hidden visitors or activity",
    "claims.admits_simulation": "admits in small print that the results are simulated or estimated",
    "claims.spam_title": "uses spam wording ('generator 2026', 'no human verification')",
    "claims.urgency": "pushes urgency ('limited time', 'only today')",
    "claims.other_platform": "makes the same lure for other social networks",
}
BENIGN_DESCRIPTIONS: dict[str, str] = {
    "claims.negated": "says plainly that this cannot be seen",
    "claims.question": "asks the question rather than offering an answer",
    "claims.explainer_cues": "explains TikTok's own settings or warns about these scams",
}


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = load_lexicon("claims")
    topic = "|".join(f"(?P<{name}>{'|'.join(lex['topics'][name])})" for name in CLAIM_TYPES)
    out = {"topic": re.compile(topic)}
    for key in (
        "negation",
        "question",
        "explainer",
        "spy_report",
        "simulation",
        "spam_title",
        "urgency",
        "other_platform",
        "offer_verbs",
    ):
        out[key] = re.compile("|".join(f"(?:{p})" for p in lex[key]))
    for lang, pats in lex["lang_markers"].items():
        out[f"lang:{lang}"] = re.compile("|".join(pats))
    return out


def _units_around(text: str, pattern: re.Pattern[str]) -> Iterable[tuple[str, str]]:
    """(claim type, sentence) for each topic mention in a long text."""
    seen: set[int] = set()
    for n, m in enumerate(pattern.finditer(text)):
        if n >= _MAX_MENTIONS:
            break
        start = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
        if start in seen:
            continue
        seen.add(start)
        end_m = _BOUNDARY.search(text, m.end())
        end = end_m.end() if end_m else len(text)
        yield str(m.lastgroup), text[start:end].strip()


def _judge(unit: str, p: dict[str, re.Pattern[str]]) -> str:
    if p["question"].search(unit):
        return "question"
    if p["negation"].search(unit):
        return "negated"
    if p["explainer"].search(unit):
        return "explained"
    return "offer"


def _language(text: str, p: dict[str, re.Pattern[str]]) -> str:
    sample = text[:6000]
    counts = {k[5:]: len(pat.findall(sample)) for k, pat in p.items() if k.startswith("lang:")}
    best = max(counts, key=lambda k: counts[k]) if counts else "unknown"
    return best if counts.get(best, 0) >= 3 else "unknown"


def extract(ctx: Context) -> Signals:
    """Claim features; evidence is the sentence that made each one fire."""
    p = _patterns()
    sig = Signals("claims")
    page = ctx.page
    body = ctx.corpus_text
    offers: Counter[str] = Counter()
    verdicts: Counter[str] = Counter()
    evidence: dict[str, str] = {}
    for kind, unit in _units_around(body, p["topic"]):
        judged = _judge(unit, p)
        verdicts[judged] += 1
        if judged == "offer":
            offers[kind] += 1
            evidence.setdefault(f"offer_{kind}", unit)
        else:
            evidence.setdefault(judged, unit)
    strong = {"title": [page.title], "cta": page.ctas[:200]}
    for where, units in strong.items():
        hit = ""
        for unit in units:
            low = unit.lower()
            m = p["topic"].search(low)
            if m and _judge(low, p) == "offer":
                hit = unit
                break
        sig.flag(f"offer_in_{where}", bool(hit), hit)
    for name in CLAIM_TYPES:
        sig.set(f"offer_{name}", min(offers[name], 5), evidence.get(f"offer_{name}"))
    sig.set("offer_total", min(sum(offers.values()), 10))
    sig.set("mentions", min(sum(verdicts.values()), 10))
    sig.set("negated", min(verdicts["negated"], 5), evidence.get("negated"))
    sig.set("question", min(verdicts["question"], 5), evidence.get("question"))
    explainer = p["explainer"].findall(body[:100_000])
    sig.set("explainer_cues", min(len(explainer), 5), " | ".join(explainer[:3]))
    _count(sig, "spy_report", p["spy_report"], body, 5)
    _count(sig, "urgency", p["urgency"], body, 5)
    _flag(sig, "admits_simulation", p["simulation"], body)
    _flag(
        sig,
        "spam_title",
        p["spam_title"],
        (page.title + "\n" + " ".join(page.headings)).lower() or body[:300],
    )
    _flag(sig, "other_platform", p["other_platform"], body)
    sig.set("lang", _language(body, p))
    return sig


def _count(sig: Signals, name: str, pattern: re.Pattern[str], text: str, cap: int) -> None:
    hits = [m.group(0) for _, m in zip(range(cap), pattern.finditer(text[:200_000]), strict=False)]
    sig.set(name, len(hits), _context(text, hits[0]) if hits else None)


def _flag(sig: Signals, name: str, pattern: re.Pattern[str], text: str) -> None:
    m = pattern.search(text[:200_000])
    sig.flag(name, m is not None, _context(text, m.group(0)) if m else None)


def _context(text: str, hit: str) -> str:
    i = text.find(hit)
    return text[max(0, i - 60) : i + len(hit) + 60] if i >= 0 else hit


def claims_found(features: Mapping[str, object]) -> list[str]:
    """Claim names whose offer count is above zero, in ``CLAIM_TYPES`` order."""
    out = []
    for name in CLAIM_TYPES:
        value = features.get(f"claims.offer_{name}", 0)
        if isinstance(value, int | float) and value > 0:
            out.append(name)
    return out
