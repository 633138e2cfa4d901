"""The native literal passes must give exactly the answers of the per-literal scans they replace."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.extract import literals
from detector.extract.claims import compiled
from detector.extract.features import extract
from detector.extract.gates import Anchored, PrefixAlternation, PrefixGate
from detector.extract.literals import LiteralIndex, LiteralStarts
from detector.extract.parse import _longest_open_run, decode_markup, tag_counts
from detector.records import Snapshot

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "html-samples"

needs_hs = pytest.mark.skipif(literals.hyperscan is None, reason="hyperscan not installed")
_ALPHABET = "ab<>/! éİ\u00a0ßx\n_"


@needs_hs
def test_index_reports_exactly_the_literals_present() -> None:
    index = LiteralIndex()
    index.register(["who viewed", "perfil", "visitó", "ab"])
    text = "Mira quién visitó tu perfil — who viewed?" * 100
    assert index.present(text) == {"who viewed", "perfil", "visitó"}
    assert index.present(text) is index.present(text)  # answered from the per-thread cache


@needs_hs
def test_literals_registered_after_a_scan_are_seen() -> None:
    index = LiteralIndex()
    index.register(["alpha"])
    text = "alpha beta " * 500
    assert index.present(text) == {"alpha"}
    index.register(["beta"])
    assert index.present(text) == {"alpha", "beta"}


@needs_hs
def test_index_survives_lone_surrogates_and_threads() -> None:
    """Threads scan at once (a barrier, texts long enough that scans overlap): each needs its own
    scratch space. With one scratch shared by all threads this fails with ScratchInUseError."""
    index = LiteralIndex()
    index.register(["cookie", "sessionid"])
    texts = [f"\ud800 paste your sessionid {i} " * 40_000 for i in range(12)]
    results: list[frozenset[str] | None] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def work() -> None:
        start.wait()
        for t in texts:
            try:
                results.append(index.present(t))
            except Exception as exc:  # collected: an exception in a thread would be lost
                errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(results) == 48
    assert all(r == {"sessionid"} for r in results)


def test_disabled_index_answers_none() -> None:
    index = LiteralIndex(enabled=False)
    index.register(["x"])
    assert index.present("x" * 5000) is None


@needs_hs
@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=_ALPHABET, max_size=300),
    lits=st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=4), min_size=1, max_size=6),
)
def test_starts_match_a_regex_scan(text: str, lits: list[str]) -> None:
    starts = LiteralStarts(lits).starts(text)
    ahead = re.compile("(?=" + "|".join(map(re.escape, lits)) + ")")
    assert starts == [m.start() for m in ahead.finditer(text)]


@needs_hs
@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet="abAB c", max_size=300),
    lits=st.lists(st.text(alphabet="abAB", min_size=1, max_size=4), min_size=1, max_size=6),
)
def test_caseless_starts_keep_every_offset_when_literals_extend_others(
    text: str, lits: list[str]
) -> None:
    # "ab" and "Abba" both listed: the longer one adds no start the shorter one misses.
    starts = LiteralStarts(lits, caseless=True).starts(text * 2)
    ahead = re.compile("(?=" + "|".join(map(re.escape, lits)) + ")", re.IGNORECASE)
    assert starts == [m.start() for m in ahead.finditer(text * 2)]


def test_literals_extending_others_are_dropped_from_a_start_database() -> None:
    kept = literals._without_extensions([b"who", b"whoever", b"Who ", b"view", b"vie"], False)
    assert kept == [b"Who ", b"vie", b"who"]
    folded = literals._without_extensions([b"Who", b"whoever", b"who", b"WHOM"], True)
    assert folded == [b"Who"]


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet="$_rReEqQ.x\u00e9", max_size=600),
    marks=st.lists(st.text(alphabet="$_rReEqQ.", min_size=1, max_size=4), min_size=1, max_size=5),
)
def test_exact_markers_answer_as_substring_tests_do(text: str, marks: list[str]) -> None:
    found = literals.ExactMarkers(marks)
    for t in (text, text * 3):  # short texts use ``in``, long ones the native pass
        assert found.found_in(t) == any(m in t for m in marks)


@needs_hs
def test_claims_gate_agrees_with_the_regex_gate() -> None:
    lex = compiled()
    text = (
        "¿quieres saber quién vio tu perfil? see who viewed your tiktok profile — "
        "découvrez qui a visité votre profil. İstanbul ведь кто смотрел "
    ) * 60
    assert len(text) >= literals.MIN_CHARS
    found = lex.gate.starts(text)
    assert found and found == [m.start() for m in lex.gate.pattern.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_tag_counts_and_open_runs(raw: bytes) -> None:
    for markup in (raw, raw * 40):
        assert tag_counts(markup) == (markup.count(b"<"), markup.count(b"</"))
        expected = max(seg.count(b"<") for seg in markup.split(b"</"))
        assert _longest_open_run(markup) == expected


def _sample_snapshots() -> list[Snapshot]:
    snaps: list[Snapshot] = []
    for path in sorted((ROOT / "data" / "corpus").glob("*.jsonl")):
        for i, line in enumerate(path.open(encoding="utf-8")):
            if i % 7 == 0 and line.strip():
                snaps.append(Snapshot.from_json(line))
    if SHARED.is_dir():
        for i, page in enumerate(sorted(SHARED.rglob("*.html"))):
            if i % 3 == 0:
                snaps.append(Snapshot(html=decode_markup(page.read_bytes())))
    return snaps


@needs_hs
def test_features_identical_with_and_without_the_native_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    snaps = _sample_snapshots()
    fast = [extract(s) for s in snaps]
    monkeypatch.setattr(literals, "USE_NATIVE", False)  # every native pass answers "not here"
    slow = [extract(s) for s in snaps]
    assert len(snaps) > 100
    for s, a, b in zip(snaps, fast, slow, strict=True):
        got = json.dumps([a.features, a.evidence, a.claims], sort_keys=True)
        want = json.dumps([b.features, b.evidence, b.claims], sort_keys=True)
        assert got == want, s.id or s.url


_SCRIPT_PIECES = [
    "client_id", "state", "'", '"', "=", ":", " ", "?", "&", "x", "Scope", "ſtate", "\u212a",
    "İ", "é", "`", "code_challenge", "_method", "\n", "https://", "HTTP://", "://", "httpſ://",
    "b.c/", "mystate", "location", "Location.href", "window.open(", "LOCATİON", ".replace(",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SCRIPT_PIECES), max_size=40), st.integers(1, 30))
def test_script_scans_match_their_regexes(pieces: list[str], repeat: int) -> None:
    from detector.extract import oauth

    text = "".join(pieces) * repeat
    for scan in (oauth._SCRIPT_PARAMS, oauth._SCRIPT_URLS, oauth._LOCATIONS):
        for native in (True, False):
            literals.USE_NATIVE = native
            try:
                got = [(m.span(), m.groups()) for m in scan.finditer(text)]
            finally:
                literals.USE_NATIVE = literals.hyperscan is not None
            assert got == [(m.span(), m.groups()) for m in scan.pattern.finditer(text)]
    low = text.lower()
    for key in ("script_markers", "url_markers"):
        assert oauth._has_marker(text, key) == any(m in low for m in oauth._lex()[key])


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=_ALPHABET, max_size=400),
    anchors=st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=3), min_size=1, max_size=4),
    back=st.lists(st.integers(0, 3), min_size=1, max_size=2),
)
def test_anchored_finds_what_its_pattern_finds(
    text: str, anchors: list[str], back: list[int]
) -> None:
    """A pattern whose matches begin ``back`` characters before an anchor: the literal pass,
    the regex fallback and the bare pattern agree (overlapping matches dropped alike)."""
    lits = "|".join(map(re.escape, anchors))
    pattern = re.compile("(?:" + "|".join(f".{{{b}}}(?:{lits})" for b in back) + r")\w*", re.S)
    scan = Anchored(pattern, anchors, back=back)
    for t in (text, text * 3):
        want = [m.span() for m in pattern.finditer(t)]
        for native in (True, False):
            literals.USE_NATIVE = native
            try:
                assert [m.span() for m in scan.finditer(t)] == want
            finally:
                literals.USE_NATIVE = literals.hyperscan is not None


def test_prefix_alternation_needs_a_literal_start() -> None:
    with pytest.raises(ValueError, match="no literal start"):
        PrefixAlternation.build([("x", [r"\d+ views"])])
    alt = PrefixAlternation.build([("a", ["who (?:viewed|saw)"]), ("b", ["who saw you", "qui"])])
    assert alt.prefixes == {"who view", "who saw", "who saw ", "qui"}
    gate = PrefixGate(alt, word_start=True)
    text = "somewho saw you; who viewed? quiz"
    assert gate.starts(text) == [17, 29]
    assert [(m.lastgroup, m.group()) for m in alt.finditer(text, gate.starts(text))] == [
        ("a", "who viewed"),
        ("b", "qui"),
    ]
    assert gate.starts_each(["who saw you", "x", "quiet who"]) == [[0], [], [0]]


def test_markers_must_be_lower_case_ascii() -> None:
    with pytest.raises(ValueError):
        literals.AsciiMarkers(["Client_ID"])
    with pytest.raises(ValueError):
        LiteralStarts(["état"], caseless=True)


def _claims_texts() -> list[str]:
    from detector.extract.claims import fold

    texts: list[str] = []
    for path in sorted((ROOT / "data" / "corpus").glob("*.jsonl")):
        for i, line in enumerate(path.open(encoding="utf-8")):
            if i % 11 == 0 and line.strip():
                row = json.loads(line)
                text = row.get("text") or (row.get("listing") or {}).get("description") or ""
                if row.get("html"):
                    text += " " + re.sub(r"<[^>]+>", " ", row["html"])
                texts.append(fold(text.lower())[:3000])
    return texts


def test_claims_alternations_agree_with_their_full_patterns() -> None:
    lex = compiled()
    texts = _claims_texts()
    assert len(texts) > 50
    for text in texts:
        for gated in (lex.topic, lex.cues):
            for pos in range(len(text)):  # every position, not only the gate's
                a, b = gated.match(text, pos), gated.full.match(text, pos)
                assert (a and (a.span(), a.lastgroup)) == (b and (b.span(), b.lastgroup))
        for sentence in re.split(r"[.!?\n]", text):
            for alts in (lex.question, lex.negation, lex.hedge, lex.offer, lex.spam, lex.platforms):
                assert (alts.search(sentence) is None) == (alts.full.search(sentence) is None)


def test_prefix_alternation_remembers_groups_per_string_exactly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The groups remembered for a string at a position are the ones a fresh look-up finds,
    whether the answer is new, remembered, or forgotten when the memory is full."""
    from detector.extract import gates

    alt = PrefixAlternation.build(
        [("a", ["who (?:viewed|saw)", "wh[oa]t"]), ("b", ["who saw you", "qui"]), ("c", ["q z"])]
    )
    text = "who saw you? what, who viewed; quiz q z who"
    want = [(p, alt.full.match(text, p)) for p in range(len(text) + 1)]
    for cap in (2, 10_000):
        monkeypatch.setattr(gates, "_MAX_REMEMBERED", cap)
        alt._owners.clear()
        for _ in range(2):
            for pos, m in want:
                got = alt.match(text, pos)
                assert (got and (got.span(), got.lastgroup)) == (m and (m.span(), m.lastgroup))
        assert 0 < len(alt._owners) <= cap


@needs_hs
def test_literals_registered_from_racing_threads_keep_their_names() -> None:
    index = LiteralIndex()
    groups = [[f"w{t}x{i}q" for i in range(50)] for t in range(8)]
    threads = [threading.Thread(target=index.register, args=(g,)) for g in groups]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for group in groups:
        text = " ".join(group[::7]) + " filler" * 100
        assert index.present(text) == set(group[::7])


def test_alternatives_spans_agree_with_each_pattern_run_alone():
    from detector.extract.gates import Alternatives, LiteralIndex

    patterns = [r"\bprivacy policy\b", r"\bcopyright\b", "©", r"\bterms of (?:use|service)\b"]
    text = "See our Privacy Policy. copyright 2026 © Example. Terms of use apply. " * 6
    text = text.lower()
    expected = sorted(
        (m.start(), m.end()) for p in patterns for m in __import__("re").finditer(p, text)
    )
    for enabled in (True, False):
        alt = Alternatives(patterns, LiteralIndex(enabled=enabled))
        assert alt.spans(text) == expected
        assert alt.spans("nothing here") == []
        assert len(alt.spans(text, limit=3)) == 3


def _prefixed_lexicon_patterns() -> list[tuple[str, object]]:
    from detector.extract import credentials, lockers

    funnel = lockers._lex()["funnel"]
    out: list[tuple[str, object]] = [(f"funnel {n}", lockers._stage(n)) for n in funnel]
    for family, module in (("credentials", credentials), ("lockers", lockers)):
        lex = module._lex()
        for key, value in lex.items():
            if key in ("version", "description", "cookie_names", "brand_extra"):
                continue
            if isinstance(value, (str, list)):
                out.append((f"{family} {key}", module._pat(key)))  # type: ignore[attr-defined]
    return [(name, p) for name, p in out if getattr(p, "starts", None) is not None]


_FUNNEL_PIECES = [
    "enter your ",
    "enter the tiktok username",
    "enter enter ",
    "how many ",
    "how much coins ",
    "choose the amount",
    "select your quantity ",
    "how many free tiktok followers",
    "paste your @",
    "digite seu usuário",
    "введите ваш логин",
    "https://a.example/x ",
    "download the .apk from unknown sources ",
    "searching for your account... ",
    "fetch(",
    "paste the sessionid cookie ",
    "verify you are human ",
    "complete an offer to unlock ",
    "location.href = 'https://b.example/'",
    " ",
    ". ",
    "\n",
    "é",
    "x",
]


# Every literal prefix of those patterns, so each way a match can begin is tried.
_PREFIX_PIECES = sorted(
    {
        a
        for _, p in _prefixed_lexicon_patterns()
        for a in literals.literal_prefixes(p.pattern.pattern) or ()  # type: ignore[attr-defined]
    }
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FUNNEL_PIECES + _PREFIX_PIECES), max_size=60), st.integers(1, 8))
def test_patterns_tried_at_their_prefixes_find_what_finditer_finds(
    pieces: list[str], repeat: int
) -> None:
    """Lexicon patterns with literal prefixes run only where one begins (``GatedPattern.starts``,
    all unbounded ones and bounded ones on long texts): with and without the native pass, the
    same matches as the bare pattern's ``finditer`` (overlaps and the match limit alike)."""
    patterns = _prefixed_lexicon_patterns()
    assert {"funnel username", "funnel amount", "credentials apk"} <= dict(patterns).keys()
    text = "".join(pieces) * repeat
    for _name, gp in patterns:
        want = [m.span() for m in gp.pattern.finditer(text)]  # type: ignore[attr-defined]
        for native in (True, False):
            literals.USE_NATIVE = native
            try:
                got = [m.span() for m in gp.findall(text, 10**6)]  # type: ignore[attr-defined]
                first = [m.span() for m in gp.findall(text, 3)]  # type: ignore[attr-defined]
            finally:
                literals.USE_NATIVE = literals.hyperscan is not None
            assert got == want
            assert first == want[:3]


def test_patterns_with_case_flags_keep_the_plain_scan() -> None:
    from detector.extract.gates import gated

    assert gated(r"enter (?:[a-z]+ )?name").starts is not None
    assert gated(r"(?i)enter (?:[a-z]+ )?name").starts is None
    assert gated(r"(?i:enter) (?:[a-z]+ )?name").starts is None
    assert gated(r"[a-z]+ name").starts is None  # no literal start
    assert gated(r"enter (?:your )?name").starts is not None  # bounded: long texts too


def _boilerplate_pieces() -> list[str]:
    b = compiled().boilerplate
    heads = {h for p in b.parts for h in (literals.literal_prefixes(p.pattern) or ())}
    return [*sorted(heads), " ", "x", "é", "ã", ".", "\n", "not affiliated ", "rights reserved"]


_BOILERPLATE_PIECES = _boilerplate_pieces()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_BOILERPLATE_PIECES), max_size=50), st.integers(1, 6))
def test_boilerplate_spans_from_literal_heads_match_full_scans(
    pieces: list[str], repeat: int
) -> None:
    """The small-print alternatives tried only where a literal head begins give the spans the
    same alternatives give scanned over the whole text (with and without the native pass)."""
    from detector.extract.gates import Alternatives

    text = "".join(pieces) * repeat
    lex = compiled().boilerplate
    plain = Alternatives([p.pattern for p in lex.parts], LiteralIndex(enabled=False))
    plain._heads = [None] * len(plain.parts)  # every alternative over the whole text
    for native in (True, False):
        literals.USE_NATIVE = native
        try:
            for limit in (200, 3):
                assert lex.spans(text, limit) == plain.spans(text, limit)
        finally:
            literals.USE_NATIVE = literals.hyperscan is not None
    assert lex._heads is not None and all(h is not None for h in lex._heads)


@needs_hs
@settings(max_examples=60, deadline=None)
@given(
    pieces=st.lists(
        st.sampled_from(["ab", "é", "\U0001f600", "ü b", " ", "x", "ab\ud800"]), max_size=400
    )
)
def test_many_starts_in_non_ascii_text_keep_character_offsets(pieces: list[str]) -> None:
    """Above ``_FEW_STARTS`` hits the byte offsets are converted at once (lead bytes counted),
    below one by one: both must be the regex's character offsets."""
    text = "".join(pieces) + "é" + "ab " * 300  # non-ASCII, and always more than a few hits
    starts = LiteralStarts(["ab", "b"]).starts(text)
    assert starts == [m.start() for m in re.finditer("(?=ab|b)", text)]
    assert len(starts) > 256


def test_long_texts_are_encoded_once_per_thread_and_short_ones_each_time() -> None:
    text = "café " * 200
    first = literals._encode(text)
    assert first == text.encode() and literals._encode(text) is first
    same_words = "".join(["café "] * 200)  # equal, but another object: encoded afresh
    assert literals._encode(same_words) == first and literals._encode(same_words) is not first
    lone = "\ud800" + "x" * 300  # a lone surrogate survives, as before
    assert literals._encode(lone) == lone.encode("utf-8", "surrogatepass")
    for i in range(literals._RECENT_ENCODED + 1):  # the oldest is forgotten
        literals._encode(f"{i} " + "y" * 300)
    assert literals._encode(text) is not first
    seen: list[bytes] = []
    worker = threading.Thread(target=lambda: seen.append(literals._encode(text)))
    worker.start()
    worker.join()
    assert seen == [first]
