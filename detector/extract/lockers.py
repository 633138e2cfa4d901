"""Lockers: content lockers, CPA offer walls, 'generator' funnels and fake progress theatre.

Wording is searched in the visible text (English, Spanish, Portuguese, Indonesian and more)
and in the heads of inline scripts (where kits keep their progress messages); network markers
(hosts, paths, script globals and attributes of known CPA locker networks) in script sources,
inline script heads, iframes, links, control names and raw attributes. A genuine reCAPTCHA / hCaptcha
/ Turnstile widget is recorded separately: it argues the human check is real. Every word and
marker is in lexicons/lockers.json; patterns run behind the literal gates of ``GatedPattern`` (gates.py).

Real lockers load their CPA network from a separate same-site file, so the page itself rarely
names it: the shape of the generator funnel (username, amount, fake processing, verification)
is counted from wording and controls instead (``funnel_steps``). Kit scripts that hide their
messages as ``\\x..`` escapes are decoded first. When the crawler fetched the page's same-site
script files (``Snapshot.scripts``), network markers are searched in them too, and the evidence
names the file; a snapshot without script files gets exactly the features it always got.
"""

from __future__ import annotations

import re
from functools import cache

from detector.core.lexicons import lexicon
from detector.extract.base import Context, Signals, descriptions
from detector.extract.gates import GatedPattern, gated

MAX_TEXT = 30_000  # visible text scanned for wording; offer walls are short pages
SCRIPT_HEAD = 4_000  # locker snippets and kit message arrays are short inline scripts...
MAX_SCRIPT_HEADS = 60_000  # ...so the head of each, to this total, is searched, not bundles
MAX_HTML = 1_000_000  # raw markup searched for attribute markers (data-sitekey, ...)
MAX_SCRIPT_FILES = 8  # same-site script files (Snapshot.scripts) searched for network markers...
MAX_SCRIPT_FILE = 300_000  # ...and the characters of each searched
_CAP = 5
_WORDING = ("complete_offer", "survey", "unlock")
_SENTENCE_END = re.compile(r"[.!?…]")
_SENTENCE_REACH = 200  # characters looked at either side of a match for its sentence
_STAGES = ("username", "amount", "processing", "verification")
_MIN_STAGES = 2
_USER_BOX = "username: a username box"
_AMOUNT_BUTTONS = "amount: amount choices"
_PROGRESS = "processing: staged progress"
_SHAPE_ONLY = frozenset([_USER_BOX, _AMOUNT_BUTTONS, _PROGRESS])  # stages seen without words
# Kits hide their message arrays as "\x47\x65..." or "\u0047..." escapes in scripts.
_ESCAPE = re.compile(r"\\x([0-9a-f]{2})|\\u([0-9a-f]{4})")

DESCRIPTIONS, BENIGN_DESCRIPTIONS = descriptions("lockers")  # descriptions.json


_lex = lexicon("lockers")


@cache
def _pat(key: str) -> GatedPattern:
    return gated(_lex()[key])


@cache
def _networks() -> tuple[tuple[str, GatedPattern], ...]:
    # Named networks first and "generic" last, so cpa_network names the most specific one.
    nets = sorted(_lex()["networks"].items(), key=lambda kv: kv[0] == "generic")
    return tuple((name, gated(pats)) for name, pats in nets)


def _script_heads(ctx: Context) -> str:
    """The first ``SCRIPT_HEAD`` characters of each inline script, lower-cased, capped in total;
    a script file captured on its own (``loose_code``) is one script read to the cap."""
    cached = ctx.__dict__.get("_locker_script_heads")
    if cached is None:
        heads = (body[:SCRIPT_HEAD] for body in ctx.page.scripts)
        cached = ("\n".join(heads) or ctx.loose_code)[:MAX_SCRIPT_HEADS]
        cached = unescape(cached.lower())
        ctx.__dict__["_locker_script_heads"] = cached
    return str(cached)


def unescape(text: str) -> str:
    """Lower-cased ``text`` with JavaScript ``\\xNN`` / ``\\uNNNN`` escapes decoded (linear)."""
    if "\\x" not in text and "\\u" not in text:
        return text

    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if 0x20 <= code < 0xD800 else m.group(0)

    return _ESCAPE.sub(char, text).lower()


@cache
def _stage(name: str) -> GatedPattern:
    return gated(_lex()["funnel"][name])


def _lure_matches(name: str, text: str, pattern: GatedPattern | None = None) -> list[str]:
    """Matches of a wording pattern, minus those in a sentence that warns about it.

    Explainers repeat the lockers' words to warn ("sites that make you complete an offer are
    scams"); a sentence carrying a warning cue is description, not a demand.
    """
    cues = _pat("warning_cues")
    out: list[str] = []
    for m in (pattern or _pat(name)).findall(text, 3 * _CAP):
        left = text[max(m.start() - _SENTENCE_REACH, 0) : m.start()]
        right = text[m.end() : m.end() + _SENTENCE_REACH]
        ends = list(_SENTENCE_END.finditer(left))
        after = _SENTENCE_END.search(right)
        sentence = (left[ends[-1].end() :] if ends else left) + m.group(0)
        sentence += right[: after.start()] if after else right
        if cues.search(sentence) is None:
            out.append(m.group(0))
    return out


def _count(sig: Signals, name: str, text: str, extra: list[str] | None = None) -> None:
    hits = _lure_matches(name, text) + (extra or [])
    sig.set(name, min(len(hits), _CAP), hits[0] if hits else None)


def extract(ctx: Context) -> Signals:
    """Locker and offer-wall features."""
    sig = Signals("locker")
    # Typographic apostrophes straightened; escaped kit text (a .js file captured as text) decoded.
    text = unescape(ctx.corpus_text[:MAX_TEXT].replace("\u2019", "'"))
    scripts = _script_heads(ctx)
    captcha = _real_captcha(ctx, scripts)
    # A real widget draws its own "I'm not a robot" in an iframe; on the page it is theatre.
    robots = [] if captcha else _lure_matches("robot_phrases", text)
    _count(sig, "verify_human", text, robots)
    for name in _WORDING:
        _count(sig, name, text)
    windows = _lure_matches("new_window", text)
    sig.flag("new_window", bool(windows), windows[0] if windows else None)
    hay = f"{text}\n{scripts}"  # one object: the literal index scans it once for every pattern
    steps = {m.group(0) for m in _pat("fake_progress").findall(hay, 20)}
    scripted = _pat("progress_script").search(scripts)
    progress = sorted(steps) + (["scripted progress: " + scripted.group(0)] if scripted else [])
    sig.set("fake_progress", min(len(progress), _CAP), progress[0] if progress else None)
    m = _pat("fake_notifications").search(text) or _pat("fake_notifications_script").search(scripts)
    sig.flag("fake_notifications", m is not None, m.group(0) if m else None)
    generator = _generator(ctx)
    sig.flag("generator_ui", bool(generator), generator)
    hits = _cpa_hits(ctx, scripts)
    sig.set("cpa_markers", min(len(hits), _CAP), f"{hits[0][0]}: {hits[0][1]}" if hits else None)
    sig.set("cpa_network", hits[0][0] if hits else "none")
    m = _pat("countdown").search(text) or _pat("countdown_script").search(scripts)
    sig.flag("countdown", m is not None, m.group(0) if m else None)
    sig.flag("captcha_real", bool(captcha), captcha)
    verify = sig.features["locker.verify_human"]
    shown = f"processing: {min(steps)}" if steps else (_PROGRESS if scripted else "")
    stages = _funnel(ctx, hay, shown, bool(verify), bool(generator))
    # A funnel is two stages or more, one of them said in words: a username box, a progress
    # bar or a price list alone is any site's.
    worded = any(stage not in _SHAPE_ONLY for stage in stages)
    count = len(stages) if len(stages) >= _MIN_STAGES and worded else 0
    sig.set("funnel_steps", count, " > ".join(stages))
    return sig


def _funnel(ctx: Context, hay: str, progress: str, verify: bool, generator: bool) -> list[str]:
    """The stages of the generator funnel the page shows, each with what showed it.

    Username (a username box or "enter your username"), amount ("how many followers", or
    amount choices), processing (fake progress wording or script) and verification (a human
    check, "verification required", "last step"). Sentences that warn about such funnels do
    not count. Wording is searched in the visible text and in the heads of inline scripts.
    Without any stage said in words there is no funnel, and the page's controls are not read.
    """
    words = {
        name: _lure_matches(f"funnel_{name}", hay, _stage(name))
        for name in _STAGES
        if name != "processing"
    }
    said = any(words.values()) or verify or (progress not in ("", _PROGRESS))
    if not said:
        return []
    found: list[str] = []
    for name in _STAGES:
        hits = words.get(name)
        if hits:
            found.append(f"{name}: {hits[0]}")
        elif name == "username" and (generator or _username_box(ctx)):
            found.append(_USER_BOX)
        elif name == "amount" and (generator or (found and len(_amounts(ctx)) >= 2)):
            # Amount buttons count after a username stage (costly to look for otherwise).
            found.append(_AMOUNT_BUTTONS)
        elif name == "processing" and progress:
            found.append(progress)
        elif name == "verification" and verify:
            found.append("verification: human check")
    return found


def _username_box(ctx: Context) -> bool:
    user_field = _pat("username_field")
    return any(
        i.type in ("text", "search", "") and user_field.search(i.descriptor) is not None
        for i in ctx.page.inputs[:50]
    )


def _amounts(ctx: Context) -> set[str]:
    """Distinct follower/like amounts offered (1k, 5,000, 10 000...) in buttons, headings, text."""
    page = ctx.page
    values = " ".join(i.value for i in page.inputs[:100] if i.type not in ("hidden", "password"))
    area = " ".join([*page.ctas[:100], *page.headings[:20], page.text[:5000], values]).lower()
    return {
        m.group(0).replace(",", "").replace(".", "").replace(" ", "")
        for m in _pat("generator_amounts").findall(area, 20)
    }


def _real_captcha(ctx: Context, scripts: str) -> str:
    """The CAPTCHA service script, when the page also carries a site key for it."""
    srcs = "\n".join(ctx.page.script_srcs[:100]).lower()
    m = _pat("captcha_scripts").search(srcs)
    if m is None:
        return ""
    html = (ctx.snapshot.html or "")[:MAX_HTML]
    keys = _lex()["captcha_sitekey"]
    return m.group(0) if any(k in html or k in scripts for k in keys) else ""


def _cpa_hits(ctx: Context, scripts: str) -> list[tuple[str, str]]:
    """Distinct (network, marker) pairs found in sources, scripts, frames, links and controls."""
    page = ctx.page
    places = [
        *page.script_srcs[:100],
        *page.iframes[:50],
        *(link.href for link in page.links[:300]),
        *(f"{i.name} {i.id}" for i in page.inputs[:100]),
    ]
    haystack = "\n".join(places).lower() + "\n" + scripts
    hits: list[tuple[str, str]] = []
    for name, pattern in _networks():
        for marker in dict.fromkeys(m.group(0) for m in pattern.findall(haystack, 20)):
            hits.append((name, marker))
    html = (ctx.snapshot.html or "")[:MAX_HTML]
    for name, markers in _lex()["attribute_markers"].items():
        hits += [(name, a) for a in markers if a in html and (name, a) not in hits]
    if ctx.snapshot.scripts:
        hits += _script_file_hits(ctx, set(hits))
    return hits


def _script_file_hits(ctx: Context, seen: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """(network, marker) pairs found only in the fetched same-site script files; the marker
    text names the file it came from."""
    hits: list[tuple[str, str]] = []
    for script in ctx.snapshot.scripts[:MAX_SCRIPT_FILES]:
        if not script.text:
            continue
        body = unescape(script.text[:MAX_SCRIPT_FILE].lower())
        where = _file_name(script.url)
        for name, pattern in _networks():
            for marker in dict.fromkeys(m.group(0) for m in pattern.findall(body, 20)):
                if (name, marker) not in seen:
                    seen.add((name, marker))
                    hits.append((name, f"{marker} in same-site script {where}"))
    return hits


def _file_name(url: str) -> str:
    """A script's URL for evidence: no query or fragment (they may carry tokens), capped."""
    bare = url.split("#", 1)[0].split("?", 1)[0]
    return bare if len(bare) <= 100 else "…" + bare[-99:]


def _generator(ctx: Context) -> str:
    """A username box, two or more follower/like amounts and a 'generate' action, or ""."""
    page = ctx.page
    user_field = _pat("username_field")
    has_user = any(
        i.type in ("text", "search", "")
        and (user_field.search(i.descriptor) or not (i.name or i.placeholder))
        for i in page.inputs[:50]
    )
    if not has_user:
        return ""
    values = " ".join(i.value for i in page.inputs[:100] if i.type not in ("hidden", "password"))
    area = " ".join([*page.ctas[:100], *page.headings[:20], page.text[:5000], values]).lower()
    amounts = _amounts(ctx)
    verb = _pat("generator_verbs").search(area)
    noun = _pat("generator_nouns").search(area)
    if len(amounts) >= 2 and verb and noun:
        return " ".join(sorted(amounts)[:5]) + f" ({verb.group(0)} {noun.group(0)})"
    return ""
