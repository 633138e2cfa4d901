"""The gating engine: lexicon patterns that run only where their literals occur.

Every signal family states what to look for (its patterns, from its lexicon) and builds it with
one of these; how and where a pattern runs is decided here, on the literal layer of literals.py
(one native multi-literal pass per text, or per-literal scans without it). Each kind answers
exactly what its bare regex answers, so features do not depend on the gate:

- ``GatedPattern`` (``gated``): a regex tried only in windows around its required literals
  (credentials, lockers);
- ``Anchored``: ``finditer`` of a regex whose every match begins at, or a fixed distance before,
  one of its anchor literals (oauth's script scans);
- ``PrefixAlternation`` and ``PrefixGate``: big alternations of named groups, each pattern
  beginning with a literal, tried only where one of those prefixes begins (claims topics and
  cues);
- ``Alternatives``: the truth of a big alternation, trying only the alternatives whose literals
  the text holds (claims' sentence-level cues);
- ``AsciiMarkers`` (from literals.py): whether a lower-cased text holds a marker (oauth);
  ``ExactMarkers`` the same, case-sensitive (credentials' server-code check).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from detector.extract.literals import MIN_CHARS as MIN_INDEXED
from detector.extract.literals import (
    AsciiMarkers,
    ExactMarkers,
    LiteralIndex,
    LiteralStarts,
    literal_index,
    literal_prefixes,
    required_literals,
    trie,
)

__all__ = [
    "Alternatives",
    "Anchored",
    "AsciiMarkers",
    "ExactMarkers",
    "GatedPattern",
    "LiteralIndex",
    "PrefixAlternation",
    "PrefixGate",
    "gated",
    "matches_at",
]

FINDALL_LIMIT = 5  # matches ``findall`` returns by default
_MAX_WINDOWS = 400  # literal occurrences searched around before one full pass is cheaper
_MAX_WIDTH = 600  # patterns whose matches may be longer than this scan the whole text
_MARGIN = 16  # room for look-behind/look-ahead context at a window's edges
_MAX_REMEMBERED = 20_000  # strings whose alternation groups a PrefixAlternation keeps
_INLINE_FLAGS = re.compile(r"\(\?[a-zA-Z-]+[:)]")  # (?i), (?i:...), (?-i:...)


@dataclass(frozen=True)
class GatedPattern:
    """A lexicon regex, the literals every match contains one of, and its widest match.

    ``str.__contains__`` and ``str.find`` run at gigabytes per second while a many-branched regex
    crawls, so a pattern runs only where one of its literals occurs: not at all on text without
    them, and only in windows around the occurrences when its matches have a bounded width.
    """

    pattern: re.Pattern[str]
    gate: tuple[str, ...] | None  # None: no literal is known to be in every match
    width: int | None  # longest possible match; None when unbounded
    ascii_gate: tuple[str, ...] = ()  # the gate's ASCII literals: all an ASCII text can hold
    # When every match begins with one of some literals: the pattern tried only where one
    # begins, instead of at every position of the text (unbounded width) or of the windows.
    starts: Anchored | None = None

    def _literals(self, text: str) -> tuple[str, ...]:
        # str.isascii is O(1) (CPython keeps the flag), and skips the accented literals.
        lits = self.ascii_gate if text.isascii() else self.gate or ()
        if len(text) >= MIN_INDEXED and lits:
            present = literal_index().present(text)
            if present is not None:  # one native scan answered for every gate at once
                return tuple(lit for lit in lits if lit in present)
        return lits

    def admits(self, text: str) -> bool:
        return self.gate is None or any(t in text for t in self._literals(text))

    def search(self, text: str) -> re.Match[str] | None:
        return next(iter(self.findall(text, 1)), None)

    def findall(self, text: str, limit: int = FINDALL_LIMIT) -> list[re.Match[str]]:
        if self.width is None and not self.admits(text):
            return []
        out: list[re.Match[str]] = []
        if self.starts is not None and (self.width is None or len(text) >= MIN_INDEXED):
            # A many-branched pattern tries every branch at every position of a window; at the
            # positions where one of its literal prefixes begins it finds the same matches.
            if self.width is not None and not self.admits(text):
                return out
            for m in self.starts.finditer(text):
                out.append(m)
                if len(out) >= limit:
                    break
            return out
        # With a bounded width the windows are found by the same literal scan that ``admits``
        # makes: no occurrence, no window.
        for lo, hi in self._windows(text):
            for m in self.pattern.finditer(text, lo, hi):
                out.append(m)
                if len(out) >= limit:
                    return out
        return out

    def _windows(self, text: str) -> list[tuple[int, int]]:
        """Merged spans around each gate literal that hold every match containing it."""
        if self.gate is None or self.width is None:
            return [(0, len(text))]
        spans: list[tuple[int, int]] = []
        for lit in self._literals(text):
            at = text.find(lit)
            while at != -1:
                if len(spans) >= _MAX_WINDOWS:  # so many that one full pass is cheaper
                    return [(0, len(text))]
                spans.append((max(at - self.width, 0), at + len(lit) + self.width))
                at = text.find(lit, at + 1)
        merged: list[tuple[int, int]] = []
        for lo, hi in sorted(spans):
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
            else:
                merged.append((lo, hi))
        return merged


def gated(patterns: str | list[str]) -> GatedPattern:
    """Compile lexicon patterns (one regex or a list of alternatives) with gate and width."""
    entries = [patterns] if isinstance(patterns, str) else list(patterns)
    source = "|".join(f"(?:{p})" for p in entries) if len(entries) > 1 else entries[0]
    gate, width = _analyse(entries)
    ascii_gate = tuple(x for x in gate if x.isascii()) if gate else ()
    if gate:
        literal_index().register(gate)
    pattern = re.compile(source)
    return GatedPattern(pattern, gate, width, ascii_gate, _starts(pattern))


def _starts(pattern: re.Pattern[str]) -> Anchored | None:
    """The pattern tried only where one of its literal prefixes begins, when it has them.

    ``literal_prefixes`` reads case-sensitive literals: a pattern with IGNORECASE (or any
    flag changing what a literal matches) keeps its plain scan. Prefixes are never empty, so
    matches are not, and ``matches_at`` yields exactly what ``finditer`` does.
    """
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or _INLINE_FLAGS.search(pattern.pattern):
        return None
    try:
        prefixes = literal_prefixes(pattern.pattern)
    except Exception:  # the private parser API: a failure only costs speed
        return None
    if not prefixes or not all(prefixes):
        return None
    return Anchored(pattern, prefixes, scan_alone=True)


def _analyse(entries: list[str]) -> tuple[tuple[str, ...] | None, int | None]:
    """The gate literals and the widest match (plus margin) of a list of alternatives.

    Entries are parsed one by one: parsed together, the parser factors shared prefixes out of
    the alternatives ("verify you..." | "verificación...") and the gate would shrink to them.
    Any failure of this private parser API only costs speed: the pattern then runs ungated.
    """
    try:
        from re import _parser  # type: ignore[attr-defined]

        found: set[str] | None = set()
        widest = 0
        for entry in entries:
            tree = _parser.parse(entry)
            widest = max(widest, tree.getwidth()[1])
            lits = required_literals(tree, 2)
            found = found | lits if found is not None and lits else None
    except Exception:
        return None, None
    # A literal containing another gate literal adds nothing: the shorter one is found too.
    gate = (
        tuple(sorted(x for x in found if not any(y != x and y in x for y in found)))
        if found
        else None
    )
    # The margin keeps every real match clear of a window's end, where "$" and "\b" would see
    # the end of the text (look-behind sees before the window on its own).
    return gate, widest + _MARGIN if widest <= _MAX_WIDTH else None


class Alternatives:
    """The truth of ``re.compile("|".join(patterns)).search(text)``, trying only the
    alternatives whose required literals occur in the text.

    Python's engine tries every branch of a big alternation (a lexicon's 160 explainer phrases)
    at every position of the text. One native scan tells which alternatives could match at all;
    those few run on their own. ``search`` returns a match of one alternative, or None: use it
    for its truth, not for its position.
    """

    def __init__(self, patterns: list[str], index: LiteralIndex) -> None:
        self.full = re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)")
        self.parts = [re.compile(p) for p in patterns]
        # Per alternative, literals one of which each of its matches begins with (or None);
        # found on the first ``spans`` call (few alternations are asked for spans).
        self._heads: list[tuple[str, ...] | None] | None = None
        self._always: list[int] = []  # alternatives with no required literal
        self._by_literal: dict[str, list[int]] = {}
        for i, pattern in enumerate(patterns):
            lits = required_literals(pattern, 1)
            if not lits:
                self._always.append(i)
                continue
            for lit in lits:
                self._by_literal.setdefault(lit, []).append(i)
        index.register(self._by_literal)
        self.index = index

    def search(self, text: str) -> re.Match[str] | None:
        present = self.index.present(text)
        if present is None:
            return self.full.search(text)
        candidates = set(self._always)
        by_literal = self._by_literal
        for lit in present:
            found = by_literal.get(lit)
            if found:
                candidates.update(found)
        for i in sorted(candidates):
            m = self.parts[i].search(text)
            if m is not None:
                return m
        return None

    def spans(self, text: str, limit: int = 200) -> list[tuple[int, int]]:
        """Sorted (start, end) of up to ``limit`` matches of any alternative, each tried on its own.

        Alternatives may overlap one another; only those whose literals occur are run.
        """
        present = self.index.present(text)
        if present is None:
            candidates = set(range(len(self.parts)))
        else:
            candidates = set(self._always)
            for lit in present:
                candidates.update(self._by_literal.get(lit, ()))
        if self._heads is None:
            self._heads = [_heads(p.pattern) for p in self.parts]
        out: list[tuple[int, int]] = []
        for i in sorted(candidates):
            # An alternative beginning with a word boundary or a character class is tried at
            # every position by Python's engine; with literal heads only where one occurs.
            heads = self._heads[i]
            found = (
                self.parts[i].finditer(text)
                if heads is None
                else matches_at(self.parts[i], text, _occurrences(text, heads))
            )
            for m in found:
                if m.end() > m.start():
                    out.append((m.start(), m.end()))
                if len(out) >= limit:
                    return sorted(out)
        return sorted(out)


_HEAD_CHARS = 4  # literal heads are cut to this many characters (fewer, shorter scans)
_MAX_HEADS = 16


def _heads(pattern: str) -> tuple[str, ...] | None:
    """Literals one of which every match of ``pattern`` begins with, cut short; None when the
    pattern has none (or inline flags, which change what a literal matches)."""
    if _INLINE_FLAGS.search(pattern):
        return None
    try:
        prefixes = literal_prefixes(pattern)
    except Exception:  # the private parser API: a failure only costs speed
        return None
    if not prefixes or not all(prefixes):
        return None
    heads = sorted({p[:_HEAD_CHARS] for p in prefixes})
    return tuple(heads) if len(heads) <= _MAX_HEADS else None


def _occurrences(text: str, literals: Sequence[str]) -> list[int]:
    """Ascending, distinct offsets where one of ``literals`` begins (``str.find`` each)."""
    found: set[int] = set()
    for lit in literals:
        at = text.find(lit)
        while at != -1:
            found.add(at)
            at = text.find(lit, at + 1)
    return sorted(found)


class Anchored:
    """``pattern.finditer(text)`` for a pattern whose every match begins at an anchor literal,
    or ``back`` characters before one.

    For a pattern Python's engine cannot skip through quickly (a look-behind, an optional first
    character, IGNORECASE): one literal pass finds the few places a match can begin, and the
    pattern is tried only there. ``caseless`` anchors are found as ``re.IGNORECASE`` finds them
    (ASCII only); the caller's pattern must then be IGNORECASE too. Without a native answer
    (short text, no hyperscan), ``scan_alone`` runs the pattern over the whole text (for one
    Python skips through quickly); otherwise one regex finds the anchors.
    """

    def __init__(
        self,
        pattern: re.Pattern[str],
        anchors: Iterable[str],
        *,
        back: Sequence[int] = (0,),
        caseless: bool = False,
        scan_alone: bool = False,
    ) -> None:
        self.pattern = pattern
        self.anchors = tuple(sorted({a for a in anchors if a}))
        self._back = tuple(sorted(set(back)))
        self._native = LiteralStarts(self.anchors, caseless=caseless, min_chars=MIN_INDEXED)
        self._find = self.anchors[0] if len(self.anchors) == 1 and not caseless else None
        flags = re.IGNORECASE if caseless else 0
        self._scan = re.compile(f"(?={trie(self.anchors)})" if self.anchors else "(?!)", flags)
        self._scan_alone = scan_alone

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        starts = self._starts(text)
        if starts is None:
            return self.pattern.finditer(text)
        return matches_at(self.pattern, text, starts)

    def _starts(self, text: str) -> list[int] | None:
        """Ascending, distinct positions where a match may begin; None: run the pattern alone."""
        if not self.anchors:
            return []
        if self._find is not None:  # one literal: ``str.find`` is as fast as a native pass
            found: list[int] = []
            at = text.find(self._find)
            while at != -1:
                found.append(at)
                at = text.find(self._find, at + 1)
        else:
            native = self._native.starts(text)
            if native is None and self._scan_alone:
                return None
            found = native if native is not None else [m.start() for m in self._scan.finditer(text)]
        if self._back == (0,):
            return found
        return sorted({at - b for at in found for b in self._back if at >= b})


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when every match begins at one of ``starts`` (ascending).

    Extra starts cost a failed ``match`` each. Matches must be non-empty, or all empty (a pure
    look-ahead); overlapping ones are dropped exactly as ``finditer`` drops them.
    """
    last = 0
    for start in starts:
        if start < last:
            continue
        m = pattern.match(text, start)
        if m is not None:
            last = m.end()
            yield m


@dataclass(frozen=True)
class PrefixAlternation:
    """A big alternation of named groups, tried only where one of its literal prefixes begins.

    Python's regex engine tries every branch at every position; a ``PrefixGate`` finds the
    positions where a prefix begins in one pass. At each of them only the named groups one of
    whose prefixes is there are tried, in order: the first that matches is the match the whole
    alternation (``full``) would make there.
    """

    full: re.Pattern[str]
    prefixes: frozenset[str]
    parts: tuple[re.Pattern[str], ...] = ()  # one pattern per named group, in order
    by_prefix: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # -> parts
    lengths: tuple[int, ...] = ()  # distinct prefix lengths, for the look-ups at a position
    # The groups to try, by the text at a position cut to the longest prefix (see ``match``).
    _owners: dict[str, tuple[int, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def build(cls, groups: list[tuple[str, list[str]]]) -> PrefixAlternation:
        """One named group per (name, patterns). Every pattern must begin with a literal."""
        groups = [(name, patterns) for name, patterns in groups if patterns]
        prefixes: set[str] = set()
        by_prefix: dict[str, list[int]] = {}
        for index, (_, patterns) in enumerate(groups):
            for pattern in patterns:
                got = literal_prefixes(pattern)
                if got is None:
                    raise ValueError(f"lexicon pattern has no literal start: {pattern!r}")
                prefixes |= got
                for prefix in got:
                    owners = by_prefix.setdefault(prefix, [])
                    if index not in owners:
                        owners.append(index)
        named = [
            f"(?P<{name}>{'|'.join(f'(?:{p})' for p in patterns)})" for name, patterns in groups
        ]
        return cls(
            full=re.compile("|".join(named)),
            prefixes=frozenset(prefixes),
            parts=tuple(re.compile(p) for p in named),
            by_prefix={k: tuple(sorted(v)) for k, v in by_prefix.items()},
            lengths=tuple(sorted({len(p) for p in prefixes})),
        )

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        """``full.match(text, pos)``, trying only the groups with a prefix at ``pos``."""
        # Which prefixes begin at ``pos`` depends only on the next ``lengths[-1]`` characters:
        # the groups to try are looked up once per such string, and remembered (the same words
        # come back within a page and from page to page).
        key = text[pos : pos + self.lengths[-1]] if self.lengths else ""
        owners = self._owners.get(key)
        if owners is None:
            owners = self._owners_of(key)
        parts = self.parts
        for index in owners:
            m = parts[index].match(text, pos)
            if m is not None:
                return m
        return None

    def _owners_of(self, key: str) -> tuple[int, ...]:
        by_prefix = self.by_prefix
        found: set[int] = set()
        for length in self.lengths:
            owners = by_prefix.get(key[:length])
            if owners:
                found.update(owners)
        if len(self._owners) >= _MAX_REMEMBERED:
            self._owners.clear()
        answer = self._owners[key] = tuple(sorted(found))
        return answer

    def finditer(self, text: str, starts: list[int]) -> Iterator[re.Match[str]]:
        """Non-overlapping matches beginning at the given gate positions, in order.

        ``match`` at each position, inlined: a page repeating its pitch has thousands of gate
        positions, most of them owned by no group of this alternation."""
        last = -1
        remembered, parts = self._owners, self.parts
        width = self.lengths[-1] if self.lengths else 0
        for pos in starts:
            if pos < last:
                continue
            key = text[pos : pos + width]
            owners = remembered.get(key)
            if owners is None:
                owners = self._owners_of(key)
            for index in owners:
                m = parts[index].match(text, pos)
                if m is not None:
                    if m.end() > m.start():
                        last = m.end()
                        yield m
                    break


class PrefixGate:
    """Where a match of any of some ``PrefixAlternation`` may begin: one pass over a text.

    The gate is a look-ahead for their literal prefixes (after a word boundary with
    ``word_start``), so that one hit does not hide another beginning inside it; it runs as an
    ``Anchored`` pattern on the prefixes.
    """

    def __init__(self, *alternations: PrefixAlternation, word_start: bool = False) -> None:
        prefixes = frozenset().union(*(a.prefixes for a in alternations))
        boundary = r"\b" if word_start else ""
        self.pattern = re.compile(rf"{boundary}(?={trie(prefixes)})" if prefixes else "(?!)")
        self._anchored = Anchored(self.pattern, prefixes, scan_alone=True)
        # No prefix holds a line break: texts joined by line breaks can share one scan.
        self.joinable = not any("\n" in p for p in prefixes)

    def starts(self, text: str) -> list[int]:
        """Where a gated pattern may begin (one pass over the text)."""
        return [m.start() for m in self._anchored.finditer(text)]

    def starts_each(self, texts: Sequence[str]) -> list[list[int]]:
        """``starts`` of each text, from one scan of them all joined by line breaks.

        A line break is not a word character and is in no prefix, so joining moves no boundary
        and no hit crosses from one text into the next. Short texts (buttons, headings) mostly
        have no hit: one scan instead of one regex call each.
        """
        if not self.joinable or len(texts) < 2:
            return [self.starts(t) for t in texts]
        out: list[list[int]] = [[] for _ in texts]
        offsets: list[int] = []
        at = 0
        for t in texts:
            offsets.append(at)
            at += len(t) + 1
        for pos in self.starts("\n".join(texts)):
            i = bisect_right(offsets, pos) - 1
            out[i].append(pos - offsets[i])
        return out
