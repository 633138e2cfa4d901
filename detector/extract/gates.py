"""``GatedPattern``: a lexicon regex that runs only where one of its literals occurs.

The matching engine the signal families share (credentials, lockers); the literal index behind
it, and the other gates (the claims trie, ``LiteralStarts`` for oauth), are in literals.py.
Every answer is the one the bare regex gives, so features do not depend on the gate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detector.extract.literals import MIN_CHARS as MIN_INDEXED
from detector.extract.literals import literal_index, required_literals

FINDALL_LIMIT = 5  # matches ``findall`` returns by default
_MAX_WINDOWS = 400  # literal occurrences searched around before one full pass is cheaper
_MAX_WIDTH = 600  # patterns whose matches may be longer than this scan the whole text
_MARGIN = 16  # room for look-behind/look-ahead context at a window's edges


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
        # With a bounded width the windows are found by the same literal scan that ``admits``
        # makes: no occurrence, no window.
        out: list[re.Match[str]] = []
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
    return GatedPattern(re.compile(source), gate, width, ascii_gate)


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
