"""The literal layer of the gating engine: native multi-literal passes and regex analysis.

Every lexicon pattern of every signal family runs behind a literal gate (gates.py): it is tried
only where one of its literals occurs. This module answers the two questions those gates ask:

- which literals must a match hold, or begin with (``required_literals``, ``literal_prefixes``,
  read from the tree of Python's own regex parser; ``trie`` writes a set of literals back as one
  fast alternation);
- which of them does a text hold, and where.

Checked one literal at a time with ``str.__contains__``, a long text (visible text, inline
scripts) is scanned once per literal, about 400 times per page across the signal families, and
those misses were most of the extraction time on real pages. With hyperscan installed, each set
of literals is compiled into one database and a text is scanned once (SIMD multi-literal
matching, well over 100x faster than the per-literal scans):

- ``LiteralIndex``: which registered gate literals a text holds (cached per text object);
- ``LiteralStarts``: where any of a fixed set of literals begins;
- ``AsciiMarkers``: whether a lower-cased text holds a marker, without lower-casing it.

Every answer is exact, so features do not change (tests/test_literals.py compares both paths).
Without hyperscan (a platform with no wheel), or with ``USE_NATIVE`` off, each helper says so
(None, or the slow path) and the gates scan as before.
"""

from __future__ import annotations

import importlib
import re
import threading
import weakref
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

hyperscan: Any
try:  # pragma: no cover - which branch runs depends on the platform
    import hyperscan
except ImportError:  # pragma: no cover
    hyperscan = None

# Off: every helper answers as without hyperscan (tests compare the two paths with it).
USE_NATIVE = hyperscan is not None

# Shorter texts are cheaper to check literal by literal than to encode and scan.
MIN_CHARS = 256
_RECENT = 8  # texts remembered per thread: one extraction reuses a handful of long texts
_RECENT_ENCODED = 4  # long texts whose UTF-8 form is remembered per thread
# Up to this many starts in a non-ASCII text, offsets are converted one by one; above, at once.
_FEW_STARTS = 256

# Non-ASCII letters that re.IGNORECASE equates with ASCII ones (checked over all of Unicode):
# İ and ı with i, ſ with s, the Kelvin sign with k.
_IGNORECASE_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
# The only non-ASCII characters whose lower-case form holds an ASCII letter (likewise checked):
# İ -> i + combining dot, Kelvin sign -> k.
_LOWERS_TO_ASCII = ("\u0130", "\u212a")


class _Database:
    """A lazily compiled literal database with one scratch space per thread."""

    def __init__(self, flags: int = 0) -> None:
        self._flags = flags
        self._literals: list[bytes] = []
        self._db: Any = None
        self._lock = threading.RLock()
        self._local = threading.local()
        _LIVE.add(self)

    def prepare(self) -> bool:
        """Compile now and give the calling thread its scratch space; False if there is
        nothing to compile (no literals, or no hyperscan)."""
        if hyperscan is None or not self._literals:
            return False
        self._ready()
        return True

    def _add(self, literals: Iterable[bytes]) -> None:
        with self._lock:
            self._literals.extend(literals)
            self._db = None

    def _scan(
        self, data: bytes, handler: Callable[..., None], context: Any
    ) -> tuple[Any, threading.local]:
        """Scan ``data``; returns the database used and this thread's state for it."""
        db, local = self._ready()
        db.scan(data, match_event_handler=handler, context=context, scratch=local.scratch)
        return db, local

    def _ready(self) -> tuple[Any, threading.local]:
        """The compiled database and this thread's state for it (a scratch space made on the
        thread's first use, or after new literals)."""
        db = self._db or self._build()
        local = self._local
        if getattr(local, "db", None) is not db:
            local.db, local.scratch, local.recent = db, hyperscan.Scratch(db), []
        return db, local

    def _build(self) -> Any:
        with self._lock:
            if self._db is None:
                db = hyperscan.Database()
                db.compile(
                    expressions=list(self._literals),
                    ids=list(range(len(self._literals))),
                    elements=len(self._literals),
                    flags=self._flags,
                    literal=True,
                )
                self._db = db
            return self._db


# Every database made so far; ``prepare_all`` compiles them ahead of the first long text.
_LIVE: weakref.WeakSet[_Database] = weakref.WeakSet()


def prepare_all() -> int:
    """Compile every literal database made so far and give the calling thread a scratch space
    for each: what the first long page would otherwise pay (tens of milliseconds). Returns how
    many databases are ready."""
    return sum(db.prepare() for db in list(_LIVE))


_encoded = threading.local()


def _encode(text: str) -> bytes:
    """``text`` as UTF-8 (lone surrogates kept). The last few long texts are remembered per
    thread: one extraction hands the same page text and script text to a dozen databases."""
    if len(text) < MIN_CHARS:
        return text.encode("utf-8", "surrogatepass")
    recent: list[tuple[str, bytes]] | None = getattr(_encoded, "recent", None)
    if recent is None:
        recent = _encoded.recent = []
    for seen, data in recent:
        if seen is text:  # holding the text keeps its id from being reused
            return data
    data = text.encode("utf-8", "surrogatepass")
    recent.append((text, data))
    if len(recent) > _RECENT_ENCODED:
        del recent[0]
    return data


def _collect(ident: int, _start: int, _end: int, _flags: int, ids: set[int]) -> None:
    ids.add(ident)


def _collect_end(
    ident: int, _start: int, end: int, _flags: int, ends: list[tuple[int, int]]
) -> None:
    ends.append((ident, end))


class LiteralIndex(_Database):
    """Registered gate literals in one database, and per-thread answers for recent texts."""

    def __init__(self, enabled: bool = True) -> None:
        super().__init__(hyperscan.HS_FLAG_SINGLEMATCH if hyperscan is not None else 0)
        self._ids: dict[str, int] = {}
        self._by_id: list[str] = []
        self.enabled = enabled and hyperscan is not None

    def register(self, literals: Iterable[str]) -> None:
        """Add literals (the database is rebuilt on the next scan; cached answers are dropped)."""
        with self._lock:  # ids must follow the database's order even when threads race
            new = [lit for lit in dict.fromkeys(literals) if lit and lit not in self._ids]
            for lit in new:
                self._ids[lit] = len(self._by_id)
                self._by_id.append(lit)
            if new:
                self._add(_encode(lit) for lit in new)

    def present(self, text: str) -> frozenset[str] | None:
        """The registered literals that occur in ``text``; None when no index is available."""
        if not (self.enabled and USE_NATIVE) or not self._by_id:
            return None
        local = self._local
        db = self._db
        if db is not None and getattr(local, "db", None) is db:
            for seen, found in local.recent:
                if seen is text:
                    return found
        ids: set[int] = set()
        _, local = self._scan(_encode(text), _collect, ids)
        by_id = self._by_id
        answer = frozenset(by_id[i] for i in ids)
        local.recent.append((text, answer))  # holding the text keeps its id from being reused
        if len(local.recent) > _RECENT:
            del local.recent[0]
        return answer


_INDEX = LiteralIndex()


def literal_index() -> LiteralIndex:
    """The process-wide index every gated pattern registers its literals with."""
    return _INDEX


class LiteralStarts(_Database):
    """Every position where one of a fixed set of literals begins, from one native pass.

    Behind ``Anchored`` (gates.py): Python's engine tries a pattern at every position of the
    text, hyperscan reports only where one of its anchor literals occurs, and the pattern is
    confirmed at those few positions (so word boundaries keep Python's Unicode meaning).
    """

    def __init__(self, literals: Iterable[str], caseless: bool = False, min_chars: int = 0) -> None:
        encoded = sorted({_encode(lit) for lit in literals if lit})
        if caseless and not all(lit.isascii() for lit in encoded):
            raise ValueError("caseless literals must be ASCII")
        encoded = _without_extensions(encoded, caseless)
        super().__init__(hyperscan.HS_FLAG_CASELESS if caseless and hyperscan else 0)
        self._add(encoded)
        self._lengths = [len(lit) for lit in encoded]
        self._caseless = caseless
        self._min_chars = min_chars
        self.enabled = hyperscan is not None and bool(encoded)

    def starts(self, text: str) -> list[int] | None:
        """Sorted, distinct character offsets where a literal begins.

        ``caseless`` matches ASCII case-insensitively, as ``re.IGNORECASE`` does except for
        the four non-ASCII letters it also equates with ASCII ones: for a text holding one of
        those, for a text shorter than ``min_chars`` (cheaper for the caller's own regex), and
        without hyperscan, the answer is None and the caller uses its regex.
        """
        if (
            not (self.enabled and USE_NATIVE)
            or len(text) < self._min_chars
            or (self._caseless and any(ch in text for ch in _IGNORECASE_ASCII))
        ):
            return None
        data = _encode(text)
        ends: list[tuple[int, int]] = []
        self._scan(data, _collect_end, ends)
        lengths = self._lengths
        found = sorted({end - lengths[ident] for ident, end in ends})
        if len(data) == len(text):  # ASCII: byte and character offsets agree
            return found
        # A literal starts with a UTF-8 lead byte, so every offset is a character boundary:
        # the characters before it are the lead bytes before it.
        if len(found) > _FEW_STARTS:
            leads = np.cumsum((np.frombuffer(data, dtype=np.uint8) & 0xC0) != 0x80)
            at = np.asarray(found, dtype=np.intp)
            return np.where(at > 0, leads[np.maximum(at - 1, 0)], 0).tolist()
        out: list[int] = []
        chars = last = 0
        for at_byte in found:
            chars += len(data[last:at_byte].decode("utf-8", "surrogatepass"))
            last = at_byte
            out.append(chars)
        return out


def _without_extensions(literals: list[bytes], caseless: bool) -> list[bytes]:
    """``literals`` without those that begin with another of them: wherever one of those
    begins, the shorter one begins too, so the set of start offsets is the same and the scan
    reports fewer matches (a quarter fewer literals over the lexicons' databases)."""
    key = bytes.lower if caseless else bytes
    kept: list[bytes] = []
    last: bytes | None = None
    for lit in sorted(literals, key=key):
        if last is not None and key(lit).startswith(last):
            continue
        kept.append(lit)
        last = key(lit)
    return kept


class ExactMarkers(_Database):
    """``any(m in text for m in markers)``, case-sensitive, in one native pass.

    Each ``str.find`` over a 100 kB page costs tens of microseconds, and a page without any
    marker pays for all of them; hyperscan looks for every marker at once.
    """

    caseless = False

    def __init__(self, markers: Iterable[str]) -> None:
        self.markers = tuple(markers)
        self._check()
        flags = 0
        if hyperscan is not None:
            flags = hyperscan.HS_FLAG_SINGLEMATCH
            if self.caseless:
                flags |= hyperscan.HS_FLAG_CASELESS
        super().__init__(flags)
        self._add(_encode(m) for m in self.markers)
        self.enabled = hyperscan is not None and bool(self.markers)

    def _check(self) -> None:
        if not all(self.markers):
            raise ValueError("markers must be non-empty")

    def _native_agrees(self, text: str) -> bool:
        """Whether the native pass gives the plain test's answer for ``text``."""
        return len(text) >= MIN_CHARS

    def _plain(self, text: str) -> bool:
        return any(m in text for m in self.markers)

    def found_in(self, text: str) -> bool:
        if not (self.enabled and USE_NATIVE) or not self._native_agrees(text):
            return self._plain(text)
        ids: set[int] = set()
        self._scan(_encode(text), _collect, ids)
        return bool(ids)


class AsciiMarkers(ExactMarkers):
    """``any(m in text.lower() for m in markers)`` for lower-case ASCII markers, in one pass.

    Lower-casing a 100 kB script costs more than the search itself; hyperscan's caseless mode
    folds ASCII only, which gives the same answer unless the text holds a character whose
    lower-case form is ASCII (``_LOWERS_TO_ASCII``).
    """

    caseless = True

    def _check(self) -> None:
        if not all(m and m.isascii() and m == m.lower() for m in self.markers):
            raise ValueError("markers must be non-empty lower-case ASCII")

    def _native_agrees(self, text: str) -> bool:
        return len(text) >= MIN_CHARS and not any(ch in text for ch in _LOWERS_TO_ASCII)

    def _plain(self, text: str) -> bool:
        low = text.lower()
        return any(m in low for m in self.markers)


def required_literals(pattern: str | Any, min_len: int = 2) -> frozenset[str] | None:
    """The most selective set of literals one of which every match of ``pattern`` contains.

    ``pattern`` is regex source or a tree from Python's own (private) regex parser; None when
    no such set is known (then the pattern must run ungated).
    """
    from re import _parser  # type: ignore[attr-defined]

    tree = _parser.parse(pattern) if isinstance(pattern, str) else pattern
    return _literals(list(tree), min_len)


def _selectivity(cands: frozenset[str]) -> tuple[float, int]:
    """Longer literals are rarer; each extra literal is one more scan and more windows."""
    shortest = min(map(len, cands))
    return shortest / len(cands), shortest


def _literals(seq: list[tuple[Any, Any]], min_len: int) -> frozenset[str] | None:
    """The most selective set of literals one of which every match of ``seq`` contains."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(cands: frozenset[str] | None) -> None:
        nonlocal best
        if not cands or min(map(len, cands)) < min_len:
            return
        if best is None or _selectivity(cands) > _selectivity(best):
            best = cands

    for op, av in [*seq, ("END", None)]:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(av))
            continue
        consider(frozenset(["".join(run)]) if run else None)
        run = []
        if name == "SUBPATTERN":
            consider(_literals(list(av[-1]), min_len))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            consider(_literals(list(av[2]), min_len))
        elif name == "BRANCH":
            branches = [_literals(list(b), min_len) for b in av[1]]
            if all(branches):
                consider(frozenset().union(*branches))  # type: ignore[arg-type]
    return best


_PREFIX_LEN = 8  # literal prefixes this long are selective enough to gate on
_MAX_PREFIXES = 400


def literal_prefixes(pattern: str) -> set[str] | None:
    """Literal strings one of which every match of ``pattern`` begins with.

    None when a match can begin with something unbounded (``\\d``, ``.``, a long class).
    """
    from re import _parser  # type: ignore[attr-defined]

    return _prefixes(list(_parser.parse(pattern)))


def _prefixes(items: Sequence[Any], acc: str = "") -> set[str] | None:
    c = importlib.import_module("re._constants")
    for i, (op, av) in enumerate(items):
        if len(acc) >= _PREFIX_LEN:
            break
        rest = list(items[i + 1 :])
        if op is c.AT or op is c.ASSERT_NOT:
            continue  # zero width: the match still begins here
        if op is c.LITERAL:
            acc += chr(av)
            continue
        if op is c.IN and all(o is c.LITERAL for o, _ in av) and len(av) <= 4:
            return _union((acc + chr(ch), rest) for _, ch in av)
        if op is c.BRANCH:
            return _union((acc, list(alt) + rest) for alt in av[1])
        if op is c.SUBPATTERN:
            return _prefixes(list(av[3]) + rest, acc)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, _, body = av
            once = _prefixes(list(body), acc)
            return once if low else _union_sets(once, _prefixes(rest, acc))
        break
    return {acc} if len(acc) >= 2 or (acc and not acc.isalnum()) else None


def _union(parts: Any) -> set[str] | None:
    out: set[str] = set()
    for acc, rest in parts:
        got = _prefixes(rest, acc)
        if got is None or len(out) + len(got) > _MAX_PREFIXES:
            return None
        out |= got
    return out


def _union_sets(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    return None if a is None or b is None else a | b


def trie(words: Iterable[str]) -> str:
    """A regex alternation of literal words, factored by shared prefix (fast to scan with)."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(k) + emit(v) for k, v in sorted(node.items()) if k]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)
