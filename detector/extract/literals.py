"""Which gate literals a long text holds, found in one native pass.

Every lexicon pattern runs behind a literal gate (``GatedPattern``): it is tried only where one
of its literals occurs. Checked one literal at a time with ``str.__contains__``, a long text
(visible text, inline scripts) is scanned once per literal, about 400 times per page across the
signal families, and those misses were most of the extraction time on real pages.

With hyperscan installed, every registered literal is compiled into one database and the first
gate check on a long text scans it once (SIMD multi-literal matching, well over 100x faster than
the per-literal scans); later checks on the same text object read the answer from a small
per-thread cache. The answer is exact, so features do not change. Without hyperscan (a platform
with no wheel), ``present`` returns None and the gates fall back to per-literal scans.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any

hyperscan: Any
try:  # pragma: no cover - which branch runs depends on the platform
    import hyperscan
except ImportError:  # pragma: no cover
    hyperscan = None

# Shorter texts are cheaper to check literal by literal than to encode and scan.
MIN_CHARS = 256
_RECENT = 8  # texts remembered per thread: one extraction reuses a handful of long texts


class LiteralIndex:
    """Registered literals in one hyperscan database, and per-thread answers for recent texts."""

    def __init__(self, enabled: bool = True) -> None:
        self._literals: dict[str, int] = {}
        self._by_id: list[str] = []
        self._db: Any = None
        self._lock = threading.Lock()
        self._local = threading.local()
        self.enabled = enabled and hyperscan is not None

    def register(self, literals: Iterable[str]) -> None:
        """Add literals to the database (rebuilt on the next scan; answers cached before are dropped)."""
        with self._lock:
            for lit in literals:
                if lit and lit not in self._literals:
                    self._literals[lit] = len(self._by_id)
                    self._by_id.append(lit)
                    self._db = None

    def present(self, text: str) -> frozenset[str] | None:
        """The registered literals that occur in ``text``; None when no index is available."""
        if not self.enabled or not self._by_id:
            return None
        db = self._db or self._build()
        local = self._local
        if getattr(local, "db", None) is not db:  # first scan on this thread, or new literals
            local.db, local.scratch, local.recent = db, hyperscan.Scratch(db), []
        recent: list[tuple[str, frozenset[str]]] = local.recent
        for seen, found in recent:
            if seen is text:
                return found
        ids: set[int] = set()
        db.scan(
            text.encode("utf-8", "surrogatepass"),
            match_event_handler=_collect,
            context=ids,
            scratch=local.scratch,
        )
        by_id = self._by_id
        found = frozenset(by_id[i] for i in ids)
        recent.append((text, found))  # holding the text keeps its id from being reused
        if len(recent) > _RECENT:
            del recent[0]
        return found

    def _build(self) -> Any:
        with self._lock:
            if self._db is None:
                lits = [lit.encode("utf-8", "surrogatepass") for lit in self._by_id]
                db = hyperscan.Database()
                db.compile(
                    expressions=lits,
                    ids=list(range(len(lits))),
                    elements=len(lits),
                    flags=hyperscan.HS_FLAG_SINGLEMATCH,
                    literal=True,
                )
                self._db = db
            return self._db


def _collect(ident: int, _start: int, _end: int, _flags: int, ids: set[int]) -> None:
    ids.add(ident)


_INDEX = LiteralIndex()


def literal_index() -> LiteralIndex:
    """The process-wide index every gated pattern registers its literals with."""
    return _INDEX


class LiteralStarts:
    """Every position where one of a fixed set of literals begins, from one native pass.

    For a gate such as the claims lexicon's ``\\b(?=prefix|prefix|...)``: Python's engine tries
    the whole prefix trie at every position of the text, hyperscan reports only where a prefix
    occurs, and the caller confirms those few positions with its own regex (so word boundaries
    keep Python's Unicode meaning).
    """

    def __init__(self, literals: Iterable[str], caseless: bool = False) -> None:
        self._encoded = sorted({lit.encode("utf-8", "surrogatepass") for lit in literals if lit})
        self._lengths = [len(lit) for lit in self._encoded]
        if caseless and not all(lit.isascii() for lit in self._encoded):
            raise ValueError("caseless literals must be ASCII")
        self._caseless = caseless
        self._db: Any = None
        self._lock = threading.Lock()
        self._local = threading.local()
        self.enabled = hyperscan is not None and bool(self._encoded)

    def starts(self, text: str) -> list[int] | None:
        """Sorted, distinct character offsets where a literal begins.

        ``caseless`` matches ASCII case-insensitively, as ``re.IGNORECASE`` does except for
        the four non-ASCII letters it also equates with ASCII ones: for a text holding one of
        those, and without hyperscan, the answer is None and the caller uses its regex.
        """
        if not self.enabled or (self._caseless and any(ch in text for ch in _IGNORECASE_ASCII)):
            return None
        db = self._db or self._build()
        local = self._local
        if getattr(local, "db", None) is not db:
            local.db, local.scratch = db, hyperscan.Scratch(db)
        data = text.encode("utf-8", "surrogatepass")
        ends: list[tuple[int, int]] = []
        db.scan(data, match_event_handler=_collect_end, context=ends, scratch=local.scratch)
        lengths = self._lengths
        found = sorted({end - lengths[ident] for ident, end in ends})
        if len(data) == len(text):  # ASCII: byte and character offsets agree
            return found
        # A literal starts with a UTF-8 lead byte, so every offset is a character boundary.
        out: list[int] = []
        chars = last = 0
        for at in found:
            chars += len(data[last:at].decode("utf-8", "surrogatepass"))
            last = at
            out.append(chars)
        return out

    def _build(self) -> Any:
        with self._lock:
            if self._db is None:
                db = hyperscan.Database()
                db.compile(
                    expressions=self._encoded,
                    ids=list(range(len(self._encoded))),
                    elements=len(self._encoded),
                    flags=hyperscan.HS_FLAG_CASELESS if self._caseless else 0,
                    literal=True,
                )
                self._db = db
            return self._db


# Non-ASCII letters that re.IGNORECASE equates with ASCII ones (checked over all of Unicode):
# İ and ı with i, ſ with s, the Kelvin sign with k.
_IGNORECASE_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def _collect_end(
    ident: int, _start: int, end: int, _flags: int, ends: list[tuple[int, int]]
) -> None:
    ends.append((ident, end))


# The only non-ASCII characters whose lower-case form holds an ASCII letter (checked over all
# of Unicode): text holding one is lower-cased the slow way.
_LOWERS_TO_ASCII = ("\u0130", "\u212a")  # İ -> i̇, Kelvin sign -> k


class AsciiMarkers:
    """``any(m in text.lower() for m in markers)`` for lower-case ASCII markers, in one pass.

    Lower-casing a 100 kB script costs more than the search itself; hyperscan's caseless mode
    folds ASCII only, which gives the same answer unless the text holds a character whose
    lower-case form is ASCII (``_LOWERS_TO_ASCII``).
    """

    def __init__(self, markers: Iterable[str]) -> None:
        self.markers = tuple(markers)
        if not all(m and m.isascii() and m == m.lower() for m in self.markers):
            raise ValueError("markers must be non-empty lower-case ASCII")
        self._db: Any = None
        self._lock = threading.Lock()
        self._local = threading.local()
        self.enabled = hyperscan is not None and bool(self.markers)

    def found_in(self, text: str) -> bool:
        if not self.enabled or len(text) < MIN_CHARS or any(ch in text for ch in _LOWERS_TO_ASCII):
            low = text.lower()
            return any(m in low for m in self.markers)
        db = self._db or self._build()
        local = self._local
        if getattr(local, "db", None) is not db:
            local.db, local.scratch = db, hyperscan.Scratch(db)
        ids: set[int] = set()
        db.scan(
            text.encode("utf-8", "surrogatepass"),
            match_event_handler=_collect,
            context=ids,
            scratch=local.scratch,
        )
        return bool(ids)

    def _build(self) -> Any:
        with self._lock:
            if self._db is None:
                db = hyperscan.Database()
                db.compile(
                    expressions=[m.encode() for m in self.markers],
                    ids=list(range(len(self.markers))),
                    elements=len(self.markers),
                    flags=hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_CASELESS,
                    literal=True,
                )
                self._db = db
            return self._db


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when every match begins at one of ``starts`` (ascending).

    For a pattern Python cannot skip through quickly (a look-behind, an optional first
    character, IGNORECASE): a literal scan finds the few places a match can begin, and the
    pattern is tried only there. Matches must be non-empty; overlapping ones are dropped exactly
    as ``finditer`` drops them.
    """
    last = 0
    for start in starts:
        if start < last:
            continue
        m = pattern.match(text, start)
        if m is not None:
            last = m.end()
            yield m
