"""Claims: offers to reveal what no third party can see, told apart from honest answers.

A sentence is judged only when a topic pattern hits it (who viewed / saved / shared / favourited,
stalkers, profile visitors, unfollowers, another person's private messages or activity, free
followers, verified badges, prize giveaways). It is then a question ("can you see who viewed...?"), a negation ("you can't see
who saved"), an explanation (TikTok's own Profile view history setting, warnings about
third-party apps), an offer, or a plain mention. Titles,
headings and button texts are units of their own and count as offers without further cues; an
ordinary sentence needs an offer cue (second-person address, an imperative, "now", "free").
"Who saved your TikTok? Find out now" is an offer: a rhetorical question followed by a short
call to action. All wording lives in lexicons/claims.json, compiled once into a few alternations
(``compiled``); sentences without a topic hit are never looked at twice.

Real kits are multi-network: an offer counts whichever network it names (Instagram, Snapchat,
...) or none ("see who visited your profile", also counted as ``offer_no_platform``); only an
offer about the site's own brand ("your Datewise profile") is the site's own data
(``own_site``). A negation counts only in the claim's own clause, legal small print (terms,
privacy, copyright, "not affiliated with") is neither a negation nor an explanation, and lure
wording in quotation marks is reported rather than offered.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise, repeat
from typing import Any

from detector.core.lexicons import load_lexicon
from detector.extract.base import Context, Signals, descriptions
from detector.extract.gates import Alternatives, LiteralIndex, PrefixAlternation, PrefixGate

CLAIM_TYPES = (
    "who_viewed",
    "who_saved",
    "who_shared",
    "who_favorited",
    "stalkers",
    "profile_visitors",
    "unfollowers",
    "private_activity",
    "free_followers",
    "verified_badge",
    "prize",
)

_MAX_CHARS = 150_000  # body text judged; lures put their offer near the top
_MAX_UNITS = 3_000  # topic sentences judged per page
_WINDOW = 240  # collapsed page text has few full stops: judge at most this far around a hit
_MAX_STRONG = 250  # titles, headings and buttons judged per page
_FOLLOWUP_WORDS = 6  # "Find out now" is a call to action; a long sentence is not
_CAP = 5
_LEAD = " \t\"'“”«»‘’*#•-–—>([)]:;,0123456789."
_BOUNDARY = re.compile(r"[!?\n\u3002\u2022|¡¿…]|\.(?=\s|$)")
# Linear: a run of white space is tried from its first character only (see lexicons/linear.py).
_STRONG_SPLIT = re.compile(r"(?<=[.!?…])\s+|(?<!\s)\s+[|\-–—•:]\s+|(?<!\s)\s*[|\n¡¿]\s*|[|¡¿]\s*")

DESCRIPTIONS, BENIGN_DESCRIPTIONS = descriptions("claims")  # descriptions.json


# Curly apostrophes, the dot a lower-cased Turkish capital I leaves behind, and Turkish dotless i
# (an upper-case I lower-cases to a dotted one, so both spellings must meet).
_FOLDS = (
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u02bc", "'"),
    ("\u0307", ""),
    ("ı", "i"),
    ("\xa0", " "),
)
_SPACES = re.compile(r"[^\S\n]+")
_COMBINING = re.compile(r"[\u0300-\u036f]")  # only decomposed text needs NFC
_TIKTOK = re.compile(r"tik[\s_-]?tok|douyin|musical\.?ly")
_PUNCT = ".,;:!?¡¿\"'()[]«»“”…"
_YEAR = re.compile(r"\b20[1-3]\d\b")
_TAIL = re.compile(
    r"(?:[\[({#-]|(?<!\s))\s*+([a-z0-9]{6,24})\s*+(?:[\])}]\s*)?$", re.IGNORECASE
)  # linear


def fold(text: str) -> str:
    """NFC, straight apostrophes, Turkish i folded: the form every pattern is matched against."""
    if text.isascii():
        return text
    if _COMBINING.search(text) and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    for old, new in _FOLDS:
        if old in text:
            text = text.replace(old, new)
    return text


@dataclass(frozen=True)
class ClaimsLexicon:
    """lexicons/claims.json compiled into a few alternations (one pass over text each)."""

    topic: PrefixAlternation  # named groups "<lang>__<claim>"
    offer: Alternatives
    negation: Alternatives
    question: Alternatives
    rhetorical: Alternatives
    followup: Alternatives
    hedge: Alternatives  # explainer and reported-speech cues: the sentence is not an offer
    cues: PrefixAlternation  # named groups explainer / spy_report / simulation / urgency
    spam: Alternatives
    platforms: Alternatives
    generator: Alternatives
    boilerplate: Alternatives  # legal and site small print: never a negation or explanation
    markers: Mapping[str, tuple[str, ...]]  # common word -> languages it belongs to
    gate: PrefixGate  # where a topic or cue pattern may begin: at a word start, on a prefix

    def topics(self, text: str, starts: list[int] | None = None) -> Iterator[re.Match[str]]:
        return self.topic.finditer(text, self.gate.starts(text) if starts is None else starts)

    def language(self, body: str, topic_langs: Counter[str]) -> str:
        """The language whose words matched most, or 'unknown' when too little matched."""
        scores: Counter[str] = Counter({lang: 3 * n for lang, n in topic_langs.items()})
        # Each distinct word once, in order of first appearance: languages enter ``scores`` in
        # the same order as word by word, so ties break the same way.
        words = Counter(map(str.strip, body[:4_000].split(), repeat(_PUNCT)))
        markers = self.markers
        for word, n in words.items():
            for lang in markers.get(word, ()):
                scores[lang] += n
        best = scores.most_common(1)
        return best[0][0] if best and best[0][1] >= 3 else "unknown"

    def count_cues(
        self, text: str, starts: list[int] | None = None
    ) -> tuple[Counter[str], dict[str, str]]:
        counts: Counter[str] = Counter()
        evidence: dict[str, str] = {}
        small_print: list[tuple[int, int]] | None = None  # legal small print in the text
        for m in self.cues.finditer(text, self.gate.starts(text) if starts is None else starts):
            name = str(m.lastgroup)
            if name == "spy_report" and counts[name] < _CAP:
                # "Sites that sell a 'full report' are scams": a warning names the wording.
                # (Past the cap the count is reported as the cap: no sentence needs judging.)
                start, end = _sentence(text, m.start(), m.end())
                if self.hedge.search(text[start:end]):
                    continue
            if name == "explainer" and small_print is None:
                small_print = self.boilerplate.spans(text)
            if (name == "explainer" and small_print) or name not in evidence:
                start, end = _sentence(text, m.start(), m.end())
                # Terms, privacy and copyright notices ("we share data with third-party
                # services", "not affiliated with") explain the site, not the claim.
                if name == "explainer" and small_print and _overlaps(small_print, start, end):
                    continue
                sentence = text[start:end].strip()
                evidence.setdefault(name, sentence)
            counts[name] += 1
        return counts, evidence

    def is_spam_title(self, title: str) -> bool:
        """Spam phrases, or a lure with a year and a generator, or a random-token tail."""
        low = fold(title.lower())
        if self.spam.search(low):
            return True
        kinds = {str(m.lastgroup).split("__", 1)[1] for m in self.topics(low)}
        generator = self.generator.search(low) is not None
        if not kinds and not generator:
            return False
        if _YEAR.search(low) and (generator or "free_followers" in kinds):
            return True
        return _random_tail(title)


def _random_tail(title: str) -> bool:
    """Titles ending in a token like 'Xk3jd9Qz' (letters and digits interleaved) are spun spam."""
    m = _TAIL.search(title.strip())
    if m is None:
        return False
    token = m.group(1)
    digits = sum(c.isdigit() for c in token)
    switches = sum(a.isdigit() != b.isdigit() for a, b in pairwise(token))
    return digits >= 2 and len(token) - digits >= 2 and switches >= 2


@cache
def compiled() -> ClaimsLexicon:
    """Compile lexicons/claims.json once per process."""
    lex = load_lexicon("claims")
    langs: dict[str, dict[str, Any]] = lex["languages"]
    common: dict[str, list[str]] = lex["common"]

    units = LiteralIndex()  # one native scan of a sentence answers every alternation's gate

    def every(key: str, extra: tuple[str, ...] = ()) -> Alternatives:
        pats = [p for words in langs.values() for k in (key, *extra) for p in words.get(k, [])]
        return Alternatives([fold(p) for p in pats + common.get(key, [])], units)

    topic = [
        (f"{lang}__{claim}", words["topics"].get(claim, []))
        for lang, words in langs.items()
        for claim in CLAIM_TYPES
    ]
    cues = [
        (name, [p for w in langs.values() for k in keys for p in w.get(k, [])])
        for name, keys in (
            ("explainer", ("explainer", "reported")),
            ("spy_report", ("spy_report",)),
            ("simulation", ("simulation",)),
            ("urgency", ("urgency",)),
        )
    ]
    markers: dict[str, tuple[str, ...]] = {}
    for lang, words in langs.items():
        for word in words["markers"]:
            markers[fold(word)] = (*markers.get(fold(word), ()), lang)
    topic_gated = PrefixAlternation.build([(name, [fold(p) for p in pats]) for name, pats in topic])
    cue_gated = PrefixAlternation.build([(name, [fold(p) for p in pats]) for name, pats in cues])
    return ClaimsLexicon(
        topic=topic_gated,
        offer=every("offer"),
        negation=every("negation"),
        question=every("question"),
        rhetorical=every("rhetorical"),
        followup=every("followup"),
        hedge=every("explainer", ("reported",)),
        cues=cue_gated,
        spam=every("spam_title"),
        platforms=every("platforms"),
        generator=every("generator_words"),
        boilerplate=every("boilerplate"),
        markers=markers,
        # Topics and cues are matched from the start of a word.
        gate=PrefixGate(topic_gated, cue_gated, word_start=True),
    )


@dataclass
class _Tally:
    """What the units judged so far add up to."""

    offers: Counter[str] = field(default_factory=Counter)
    verdicts: Counter[str] = field(default_factory=Counter)
    langs: Counter[str] = field(default_factory=Counter)
    evidence: dict[str, str] = field(default_factory=dict)
    other_platform: str = ""
    # An offer is an offer whichever network it names, or none ("see who visited your
    # profile"): a page naming no network at all is counted in ``unbranded`` as well. An offer
    # about the site's own brand ("see who viewed your Datewise profile", a dating site showing
    # its own members' visits) is the site's own data: counted as ``own_site``, not as an offer.
    platform: bool = True
    own_names: frozenset[str] = frozenset()
    unbranded: int = 0
    # A verdict depends only on the unit, what follows it and whether it is title-like: pages
    # repeat their sentences (lists, carousels, a copy of the pitch in every section), and a
    # repeated one is judged once per page.
    judged: dict[tuple[str, str, bool], str] = field(default_factory=dict)
    whose: dict[str, str] = field(default_factory=dict)  # offer unit -> ``_whose`` answer
    kinds: dict[str, set[str]] = field(default_factory=dict)  # title-like part -> topic kinds

    def verdict(self, unit: str, after: str, lex: ClaimsLexicon, strong: bool) -> str:
        """``_verdict(unit, after, lex, strong)``, remembered for this page."""
        key = (unit, after, strong)
        found = self.judged.get(key)
        if found is None:
            found = self.judged[key] = _verdict(unit, after, lex, strong)
        return found

    def add(self, unit: str, kinds: set[str], verdict: str, lex: ClaimsLexicon) -> str:
        """Record one judged unit; return its verdict as counted."""
        if verdict == "offer":
            whose = self.whose.get(unit)
            if whose is None:
                whose = self.whose[unit] = self._whose(unit, lex)
            if whose == "other":
                self.other_platform = self.other_platform or unit
            elif whose == "own":
                verdict = "own_site"
            elif not self.platform:
                self.unbranded += 1
                self.evidence.setdefault("offer_no_platform", unit)
        self.verdicts[verdict] += 1
        self.evidence.setdefault("mentions", unit)
        if verdict != "offer":
            self.evidence.setdefault(verdict, unit)
            return verdict
        self.evidence.setdefault("offer_total", unit)
        for kind in kinds:
            self.offers[kind] += 1
            self.evidence.setdefault(f"offer_{kind}", unit)
        return verdict

    def _whose(self, unit: str, lex: ClaimsLexicon) -> str:
        """Whose data an offer unit promises: another network's, the site's own, or ''."""
        if lex.platforms.search(unit):
            return "other"
        return "own" if _names_own_site(unit, self.own_names) else ""


def _core(unit: str) -> str:
    core = unit.strip(_LEAD)
    # Emoji and other symbols used as bullets ("💾 Discover ...") lead no clause either.
    while core and not core[0].isascii() and unicodedata.category(core[0])[0] in "SZC":
        core = core[1:].lstrip(_LEAD)
    return core


# Where a clause ends: punctuation, a dash between spaces, or a contrasting conjunction. A
# negation counts only inside the clause of the claim's own words ("TikTok doesn't notify
# anyone, but we show who viewed your profile" is an offer).
_CLAUSE_BREAK = re.compile(
    r"[,;:|•·()\[\]{}<>]|\s[-–—]\s|\b(?:but|however|although|though|whereas|pero|aunque|"
    r"sin embargo|por[ée]m|contudo|todavia|mais|cependant|aber|jedoch|per[òo]|tuttavia|tapi|"
    r"tetapi|namun|nhưng|ama|fakat|ancak|но|однако)\b"
)
_CLAUSE_BEFORE = 90  # characters of the claim's clause looked at before its words...
_CLAUSE_AFTER = 60  # ...and after them
_LEAD_WORDS = 4  # "No, ..." / "There is no app, ..." : a short lead-in belongs to the clause
_LEAD_SEGMENTS = 3  # at most this many short lead-ins
# A quotation: straight or typographic double quotes, guillemets, or single quotes that are not
# apostrophes (no letter outside them).
_QUOTED = re.compile(r"[\"“„«]([^\"“”„«»\n]{3,120})[\"”“»]|(?<![\w'])'([^'\n]{3,120})'(?![\w'])")
_OWN_NAME = re.compile(r"\b[A-Z][A-Za-z0-9]{3,24}\b")
# Words of lure titles, never a site's own name ("Profile Visitors", "Followers Tracker").
_GENERIC_NAMES = frozenset(
    [
        "profile",
        "profiles",
        "account",
        "accounts",
        "page",
        "free",
        "followers",
        "follower",
        "likes",
        "views",
        "viewer",
        "viewers",
        "visitors",
        "visitor",
        "stalker",
        "stalkers",
        "tracker",
        "checker",
        "report",
        "insights",
        "analytics",
        "instant",
        "real",
        "who",
        "see",
        "find",
        "check",
        "online",
        "tool",
        "tools",
        "generator",
    ]
)


def _names_own_site(unit: str, names: frozenset[str]) -> bool:
    """The unit speaks of a profile on the site itself ("your Datewise profile", "your
    profile on Datewise")."""
    if not names:
        return False
    padded = f" {unit} "
    return any(
        f" {form} " in padded
        for name in names
        for form in (
            f"your {name}",
            f"on {name}",
            f"de {name}",
            f"do {name}",
            f"no {name}",
            f"en {name}",
            f"sur {name}",
            f"di {name}",
        )
    )


def own_names(texts: Sequence[str], lex: ClaimsLexicon) -> frozenset[str]:
    """Capitalised names in the site's title and name: the brand a first-party page uses."""
    names = set()
    for text in texts:
        for word in _OWN_NAME.findall(text[:300]):
            low = fold(word.lower())
            if low in _GENERIC_NAMES or _TIKTOK.search(low) or lex.platforms.search(low):
                continue
            names.add(low)
    return frozenset(names)


def _mask(text: str, alt: Alternatives, limit: int = 6) -> str:
    """``text`` with up to ``limit`` matches of ``alt`` blanked out (same length)."""
    for _ in range(limit):
        m = alt.search(text)
        if m is None or m.end() == m.start():
            break
        text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    return text


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of the sorted ``spans`` lies inside text[start:end]."""
    i = bisect_right(spans, (start, -1))
    while i < len(spans) and spans[i][0] < end:
        if spans[i][1] <= end:
            return True
        i += 1
    return False


def claim_clauses(core: str, lex: ClaimsLexicon) -> str:
    """The clause around each claim in ``core`` (joined by line breaks), or ``core`` itself.

    A clause runs from the last break before the claim's words to the first after them, at
    most ``_CLAUSE_BEFORE``/``_CLAUSE_AFTER`` characters away; a lead-in of a few words before
    a comma ("No, ...", "There is no app, site or tool that shows ...") belongs to it.
    """
    clauses = []
    for m in lex.topics(core):
        a, b = m.start(), m.end()
        lo, hi = max(0, a - _CLAUSE_BEFORE), min(len(core), b + _CLAUSE_AFTER)
        breaks = list(_CLAUSE_BREAK.finditer(core, lo, a))
        start = breaks[-1].end() if breaks else lo
        # Short lead-ins before commas belong to the clause ("You can't, sadly, see ...").
        for _ in range(_LEAD_SEGMENTS):
            if not breaks or breaks[-1].group(0) != ",":
                break
            comma = breaks.pop()
            prev = breaks[-1].end() if breaks else lo
            if len(core[prev : comma.start()].split()) > _LEAD_WORDS:
                break
            start = prev
        stop = _CLAUSE_BREAK.search(core, b, hi)
        clauses.append(core[start : stop.start() if stop else hi])
    return "\n".join(clauses) if clauses else core


def _quoted(core: str, lex: ClaimsLexicon) -> bool:
    """Every claim in ``core`` sits inside quotation marks ("abo-fallen mit 'wer hat dein
    profil besucht'"): a news or warning text naming a lure, not making it."""
    spans = [(m.start(), m.end()) for m in _QUOTED.finditer(core)]
    if not spans:
        return False
    topics = [(m.start(), m.end()) for m in lex.topics(core)]
    return bool(topics) and all(any(a <= s and e <= b for a, b in spans) for s, e in topics)


def judge(unit: str, lex: ClaimsLexicon, strong: bool = False) -> str:
    """'question', 'negated', 'explained', 'offer' or 'mention' for one lower-cased unit.

    A negation counts only in the claim's own clause, and legal small print ("not affiliated
    with Instagram", "terms of service") is neither a negation nor an explanation.
    """
    core = _core(unit)
    if lex.question.search(core):
        return "question"
    plain = _mask(core, lex.boilerplate)
    if lex.negation.search(plain) and lex.negation.search(claim_clauses(plain, lex)):
        return "negated"
    if lex.hedge.search(plain):
        return "explained"
    if _quoted(core, lex):
        return "explained"  # the lure's words in quotes: reported, not offered
    if strong or lex.offer.search(core):
        return "offer"
    return "mention"


def _is_followup(unit: str, lex: ClaimsLexicon) -> bool:
    """A short call to action ("Find out now!") after a rhetorical question."""
    core = _core(unit)
    return (
        0 < len(core.split()) <= _FOLLOWUP_WORDS
        and lex.followup.search(core) is not None
        and judge(core, lex, strong=True) == "offer"
    )


def _verdict(unit: str, after: str, lex: ClaimsLexicon, strong: bool) -> str:
    verdict = judge(unit, lex, strong)
    if verdict == "question" and lex.rhetorical.search(_core(unit)) and _is_followup(after, lex):
        return "offer"
    return verdict


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence around text[start:end], at most ``_WINDOW`` either side."""
    lo = max(0, start - _WINDOW)
    last = None
    for last in _BOUNDARY.finditer(text, lo, start):  # noqa: B007 - the last one is wanted
        pass
    begin = last.end() if last else lo
    stop = _BOUNDARY.search(text, end, min(len(text), end + _WINDOW))
    return begin, stop.end() if stop else min(len(text), end + _WINDOW)


def _body_units(
    body: str, starts: list[int], lex: ClaimsLexicon, tally: _Tally
) -> Iterator[tuple[str, set[str], str]]:
    """(unit, claim kinds, next unit) for each body sentence with at least one topic hit."""
    unit_end = -1
    unit: tuple[int, int] | None = None
    kinds: set[str] = set()
    n = 0
    for m in lex.topics(body, starts):
        lang, kind = str(m.lastgroup).split("__", 1)
        tally.langs[lang] += 1
        if unit is not None and m.start() < unit_end:
            kinds.add(kind)
            continue
        if unit is not None:
            yield _emit(body, unit, kinds)
        n += 1
        if n > _MAX_UNITS:
            return
        unit = _sentence(body, m.start(), m.end())
        unit_end = unit[1]
        kinds = {kind}
    if unit is not None:
        yield _emit(body, unit, kinds)


def _emit(body: str, bounds: tuple[int, int], kinds: set[str]) -> tuple[str, set[str], str]:
    start, end = bounds
    reach = min(len(body), end + 80)
    nxt = _BOUNDARY.search(body, end + 1, reach)
    after = body[end : nxt.end() if nxt else reach]
    return body[start:end].strip(), kinds, after


def _strong_units(texts: list[str], lex: ClaimsLexicon, tally: _Tally) -> str:
    """Judge title-like texts unit by unit; return the first one that makes an offer."""
    first = ""
    lows = [fold(text.lower()) for text in texts]
    for text, low, starts in zip(texts, lows, lex.gate.starts_each(lows), strict=True):
        if not starts or not any(True for _ in lex.topics(low, starts)):
            continue
        parts = [p for p in _STRONG_SPLIT.split(low) if p and p.strip()]
        for i, part in enumerate(parts):
            kinds = tally.kinds.get(part)
            if kinds is None:  # headings and buttons repeat: read each once per page
                kinds = tally.kinds[part] = {
                    str(m.lastgroup).split("__", 1)[1] for m in lex.topics(part)
                }
            if not kinds:
                continue
            after = parts[i + 1] if i + 1 < len(parts) else ""
            verdict = tally.add(part.strip(), kinds, tally.verdict(part, after, lex, True), lex)
            if verdict == "offer" and not first:
                first = text
    return first


def body_text(ctx: Context) -> str:
    """Lower-cased, folded text judged sentence by sentence (line breaks kept where known)."""
    page, snap = ctx.page, ctx.snapshot
    raw = [t for t in (snap.text, snap.listing and snap.listing.description) if t]
    raw = [_SPACES.sub(" ", t[:_MAX_CHARS]) for t in raw if isinstance(t, str)]
    texts = [page.text, *raw] if page.has_markup or not raw else raw
    return fold("\n".join(texts)[:_MAX_CHARS].lower())


def extract(ctx: Context) -> Signals:
    """Claim features; evidence is the sentence that made each one fire."""
    lex = compiled()
    sig = Signals("claims")
    body = body_text(ctx)
    listing_name = ctx.snapshot.listing.name if ctx.snapshot.listing is not None else None
    titles = [t for t in (ctx.page.title, listing_name) if isinstance(t, str) and t]
    named = (body, ctx.snapshot.effective_url, *titles, *ctx.page.headings[:50])
    # Store listings and ads may not name the brand (store rules); pages usually do.
    page = ctx.snapshot.kind == "page"
    platform = not page or any(
        _TIKTOK.search(t.lower()) or lex.platforms.search(t if t is body else fold(t.lower()))
        for t in named
        if t
    )
    developer = ctx.snapshot.listing.developer if ctx.snapshot.listing is not None else None
    site = [
        *titles,
        ctx.page.meta.get("og:site_name", ""),
        ctx.page.meta.get("application-name", ""),
        developer if isinstance(developer, str) else "",
    ]
    tally = _Tally(platform=platform, own_names=own_names(site, lex))
    title_hit = _strong_units(titles, lex, tally)
    _strong_units(ctx.page.headings[:50], lex, tally)
    cta_hit = _strong_units(ctx.page.ctas[:_MAX_STRONG], lex, tally)
    starts = lex.gate.starts(body)
    for unit, kinds, after in _body_units(body, starts, lex, tally):
        tally.add(unit, kinds, tally.verdict(unit, after, lex, strong=False), lex)
    for name in CLAIM_TYPES:
        sig.set(f"offer_{name}", min(tally.offers[name], _CAP), tally.evidence.get(f"offer_{name}"))
    sig.set("offer_total", min(tally.verdicts["offer"], 10), tally.evidence.get("offer_total"))
    sig.flag("offer_in_title", bool(title_hit), title_hit)
    sig.flag("offer_in_cta", bool(cta_hit), cta_hit)
    sig.set("mentions", min(sum(tally.verdicts.values()), 10), tally.evidence.get("mentions"))
    sig.set("negated", min(tally.verdicts["negated"], _CAP), tally.evidence.get("negated"))
    sig.set("question", min(tally.verdicts["question"], _CAP), tally.evidence.get("question"))
    _page_cues(sig, lex, body, starts, titles + ctx.page.headings[:3], ctx.page.ctas[:_MAX_STRONG])
    sig.flag("other_platform", bool(tally.other_platform), tally.other_platform)
    sig.set(
        "offer_no_platform", min(tally.unbranded, _CAP), tally.evidence.get("offer_no_platform")
    )
    sig.set("own_site", min(tally.verdicts["own_site"], _CAP), tally.evidence.get("own_site"))
    sig.set("lang", lex.language(body, tally.langs))
    return sig


def _page_cues(
    sig: Signals,
    lex: ClaimsLexicon,
    body: str,
    starts: list[int],
    titles: list[str],
    ctas: list[str],
) -> None:
    """Cues counted over the whole page rather than per topic sentence."""
    counts, evidence = lex.count_cues(body, starts)
    more, more_evidence = lex.count_cues(fold("\n".join(ctas).lower()))
    counts.update(more)
    evidence = {**more_evidence, **evidence}
    sig.set("explainer_cues", min(counts["explainer"], _CAP), evidence.get("explainer"))
    sig.set("spy_report", min(counts["spy_report"], _CAP), evidence.get("spy_report"))
    sig.flag("admits_simulation", counts["simulation"] > 0, evidence.get("simulation"))
    sig.set("urgency", min(counts["urgency"], _CAP), evidence.get("urgency"))
    spam = next((t for t in titles if lex.is_spam_title(t)), "")
    sig.flag("spam_title", bool(spam), spam)


def claims_found(features: Mapping[str, object]) -> list[str]:
    """Claim names whose offer count is above zero, in ``CLAIM_TYPES`` order."""
    out = []
    for name in CLAIM_TYPES:
        value = features.get(f"claims.offer_{name}", 0)
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            out.append(name)
    return out
