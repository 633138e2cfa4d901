"""One parse per page: decode, bound, parse with lexbor, collect everything the signals need.

Every signal module reads the ``ParsedPage`` built here and never re-parses the markup. lexbor
(selectolax) is the hot-path parser; bs4's ``UnicodeDammit`` is used only to decode bytes whose
encoding is unknown. Hostile input is bounded before it reaches the parser: markup is cut at
``max_html_bytes``, tags nested deeper than ``max_nesting_depth`` are dropped (lexbor's tree
building is quadratic in nesting depth for block elements), and so are attributes past
``MAX_TAG_ATTRIBUTES`` in one tag or past ``MAX_ATTRIBUTE_NAMES`` distinct names in one document
(lexbor compares each new attribute with every earlier one of its tag, and keeps the names it has
seen in a table whose lookups slow down as it grows: a 270 kB tag of 40,000 distinct attributes
parsed in 2.6 s, 2.9 MB of tags with one new name each in 24 s). Formatting elements left open
are bounded too: their attributes are dropped past ``MAX_FORMATTING_WITH_ATTRIBUTES`` distinct
ones (``limit_formatting``), and formatting tags are renamed to inert ones when re-creating them
before each text would cost more than ``RECREATION_BUDGET`` (``limit_recreation``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
from selectolax.lexbor import LexborHTMLParser, LexborNode

from detector.config import Settings

_WS = re.compile(r"\s+")
# Attributes: a document with fewer name-like tokens than this cannot hold enough attributes to
# slow lexbor down (at most about 0.6 s, all of them in one tag); above it, ``limit_attributes``
# reads its tags. Real pages of about 100 kB hold 10,000-16,000 such tokens.
_ATTRIBUTE_TOKENS_SAFE = 20_000
MAX_TAG_ATTRIBUTES = 256  # attributes of one tag kept (real tags hold a few dozen at most)
MAX_ATTRIBUTE_NAMES = 8_192  # distinct attribute names in one document
MAX_TAG_NAMES = 8_192  # distinct tag names in one document (custom elements); more are renamed
_OVERFLOW_TAG = b"x-overflow"
_RAW_TEXT = frozenset((b"script", b"style"))  # content is text to lexbor, outside SVG/MathML
_SPACE = b"\t\n\x0c\r "  # HTML's ASCII whitespace (no vertical tab, unlike \s)
# A tag as HTML's tokenizer reads it: "/" for an end tag, the name, then the attributes (each
# after separators: a name, and "=" and a value or not) and ">" (none when the markup ends).
# Possessive, so that no input makes the engine backtrack.
_ATTRIBUTE_NAME = rb"[^\t\n\x0c\r />][^\t\n\x0c\r />=]*+"
_ATTRIBUTE_VALUE = rb"\"[^\"]*+\"?|'[^']*+'?|[^\t\n\x0c\r >]*+"
_ATTRIBUTE_STEP = (
    _ATTRIBUTE_NAME + rb"(?:[\t\n\x0c\r ]*+=[\t\n\x0c\r ]*+(?:" + _ATTRIBUTE_VALUE + rb"))?+"
)
_TAG = re.compile(
    rb"<(/?)([A-Za-z][^\t\n\x0c\r />]*+)((?:[\t\n\x0c\r /]*+"
    + _ATTRIBUTE_STEP
    + rb")*+)[\t\n\x0c\r /]*+>?"
)
# One attribute within a tag's attributes (``_TAG``'s third group): its name and value.
_ATTRIBUTE = re.compile(
    rb"(" + _ATTRIBUTE_NAME + rb")(?:[\t\n\x0c\r ]*+=[\t\n\x0c\r ]*+(" + _ATTRIBUTE_VALUE + rb"))?+"
)
# The formatting elements whose copies pile up in the parser's list (``a`` and ``nobr`` close
# an open one of their own name first), and their start tags that carry attributes.
_FORMATTING = frozenset(b"b big code em font i s small strike strong tt u".split())
_FORMATTING_NAMES = rb"(?:[bisu]|big|code|em|font|small|strike|strong|tt)"  # _FORMATTING
_FORMATTING_WITH_ATTRIBUTES = re.compile(rb"<" + _FORMATTING_NAMES + rb"[\t\n\x0c\r /]", re.I)
MAX_FORMATTING_WITH_ATTRIBUTES = 64  # distinct ones left open (real pages: 232 at most in all)
# A formatting start tag as ``_TAG`` reads it: its name, its attributes, and "</" when the next
# "<" opens its own end tag, only text between (the element leaves the list at once).
_FORMATTING_TAG = re.compile(
    rb"<(" + _FORMATTING_NAMES + rb")(?![^\t\n\x0c\r />])"
    rb"((?:[\t\n\x0c\r /]*+(?:" + _ATTRIBUTE_STEP + rb")?+)*+)"
    rb"(?:>(?:[^<]*+(</)\1(?=[\t\n\x0c\r />]))?+)?+",
    re.I,
)
_ROLE = re.compile(rb"role", re.I)
_FORMATTING_HEAD = re.compile(rb"<" + _FORMATTING_NAMES + rb"(?![^\t\n\x0c\r />])", re.I)
# Where "x-" goes to rename a formatting start tag, and an end tag: two literal replacements
# (Python 3.11 expands a template replacement in Python, match by match: 4x slower).
_FORMATTING_START = re.compile(rb"<(?=" + _FORMATTING_NAMES + rb"[\t\n\x0c\r />])", re.I)
_FORMATTING_END = re.compile(rb"</(?=" + _FORMATTING_NAMES + rb"[\t\n\x0c\r />])", re.I)
# Re-creations of formatting elements a page may cost lexbor, in units of one plain element
# (about 0.9 us each here; one with k attributes weighs 1 + k*k/256, as lexbor compares each
# attribute with the ones before it). Real pages: 135,000 at most; 1,000,000 is about 1 s.
RECREATION_BUDGET = 1_000_000
_TAG_HEAD = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9:-]{0,40})\b")
_TAG_REACH = 4096  # most bytes between a tag's name and its ">" (a "/" before ">" not counted)
_VOID = frozenset(b"area base br col embed hr img input link meta param source track wbr".split())
# Below this many opening tags, nesting the run check cannot see parses in well under a second.
_SCAN_ALWAYS_ABOVE = 20_000
_SCAN_NEVER_BELOW = 5_000  # depth 5,000 parses in about 50 ms
_OPEN_RUN = 300
_CTA_SELECTOR = "button, input[type=submit], input[type=button], [role=button]"
_CONTROL_SELECTOR = "input, select, textarea, button"
# _COLLECT_SELECTOR as tag -> attribute the element must have (None: any element of the tag).
_COLLECT_TAGS: dict[str, str | None] = {
    **dict.fromkeys(["title", "meta", "script", "form", "input", "select", "textarea", "img"]),
    **dict.fromkeys(["h1", "h2", "h3"]),
    **dict.fromkeys(["a", "area"], "href"),
    **dict.fromkeys(["iframe", "frame"], "src"),
}
_CONTROL_TAGS = frozenset(["input", "select", "textarea", "button"])
_CTA_INPUT_TYPES = frozenset(["submit", "button"])  # lexbor matches [type=...] ignoring case
_WALK_BELOW = 16_384  # markup bytes under which visiting every element beats the CSS engine
_COLLECT_SELECTOR = (
    "title, meta, script, form, input, select, textarea, a[href], area[href], iframe[src], "
    "frame[src], img, h1, h2, h3"
)
_NON_TEXT = ["script", "style", "template", "svg", "math"]
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}charset\s*=\s*["']?([A-Za-z0-9_:.-]{1,40})""", re.I)
_FOREIGN = re.compile(rb"<svg|<math", re.I)  # as ``b"<svg" in raw.lower()``: ASCII folding
_REFRESH_URL = re.compile(r"""url\s*=\s*['"]?([^'";]+)""", re.I)


@dataclass(frozen=True)
class Input:
    """One form control."""

    type: str
    name: str = ""
    id: str = ""
    placeholder: str = ""
    autocomplete: str = ""
    label: str = ""  # aria-label or value of a submit button
    value: str = ""  # preset value (hidden inputs carry OAuth parameters, tokens...)

    @property
    def descriptor(self) -> str:
        """Everything that tells what the field is for, lower-cased, in one string."""
        cached = self.__dict__.get("_descriptor")
        if cached is None:  # asked for several times per control by the signal families
            cached = " ".join(
                p
                for p in (
                    self.type,
                    self.name,
                    self.id,
                    self.placeholder,
                    self.autocomplete,
                    self.label,
                )
                if p
            ).lower()
            self.__dict__["_descriptor"] = cached
        return cached


@dataclass(frozen=True)
class Form:
    action: str
    method: str
    inputs: tuple[Input, ...]
    snippet: str  # the opening tag, for evidence


@dataclass(frozen=True)
class Link:
    href: str
    text: str


_Record = TypeVar("_Record", "Input", "Link")


@dataclass
class ParsedPage:
    """Everything the signal functions read, collected in one pass over one parse."""

    title: str = ""
    text: str = ""  # visible text, whitespace collapsed, capped
    headings: list[str] = field(default_factory=list)
    ctas: list[str] = field(default_factory=list)  # button / submit / link texts
    forms: list[Form] = field(default_factory=list)
    inputs: list[Input] = field(default_factory=list)  # every control, in or out of forms
    links: list[Link] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)  # inline script bodies (capped in total)
    script_srcs: list[str] = field(default_factory=list)
    iframes: list[str] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)  # (src, alt)
    meta: dict[str, str] = field(default_factory=dict)  # name/property -> content
    meta_refresh: str = ""
    markup_bytes: int = 0
    truncated: bool = False
    depth_limited: bool = False
    attributes_limited: bool = False
    has_markup: bool = False

    @property
    def text_lower(self) -> str:
        cached = self.__dict__.get("_text_lower")
        if cached is None:
            cached = self.text.lower()
            self.__dict__["_text_lower"] = cached
        return cached

    @property
    def script_text(self) -> str:
        cached = self.__dict__.get("_script_text")
        if cached is None:
            cached = "\n".join(self.scripts)
            self.__dict__["_script_text"] = cached
        return cached


def decode_markup(raw: bytes, declared: str | None = None) -> str:
    """Decode fetched bytes: declared charset, then ``<meta charset>``, then UTF-8, then sniffing."""
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    match = _META_CHARSET.search(raw[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for enc in candidates:
        try:
            return raw.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    from bs4 import UnicodeDammit  # only reached for undeclared, non-UTF-8 bytes

    dammit = UnicodeDammit(raw[:200_000], is_html=True)
    encoding = dammit.original_encoding or "windows-1252"
    try:
        return raw.decode(encoding, errors="replace")
    except LookupError:
        return raw.decode("windows-1252", errors="replace")


def tag_counts(markup: bytes) -> tuple[int, int]:
    """``markup.count(b"<")`` and ``markup.count(b"</")`` in one vectorised pass.

    ``bytes.count`` walks a one- or two-byte needle at about 1-2 GB/s; on a 200 kB page the two
    counts cost most of a lexbor parse. NumPy compares the whole buffer at once.
    """
    if len(markup) < 4096:
        return markup.count(b"<"), markup.count(b"</")
    arr = np.frombuffer(markup, dtype=np.uint8)
    lt = arr == 0x3C
    return int(np.count_nonzero(lt)), int(np.count_nonzero(lt[:-1] & (arr[1:] == 0x2F)))


def _longest_open_run(markup: bytes) -> int:
    """Most tags between two closing tags (an upper bound on the depth gained there).

    The same number as ``max(seg.count(b"<") for seg in markup.split(b"</"))``, from the
    positions of every ``<`` instead of one count per segment.
    """
    arr = np.frombuffer(markup, dtype=np.uint8)
    lt = np.flatnonzero(arr == 0x3C)
    after = lt + 1
    closing = np.zeros(lt.size, dtype=bool)
    inside = after < arr.size
    closing[inside] = arr[after[inside]] == 0x2F
    bounds = np.concatenate(([-1], np.flatnonzero(closing), [lt.size]))
    return int((np.diff(bounds) - 1).max())


def limit_depth(
    markup: bytes, max_depth: int, counts: tuple[int, int] | None = None
) -> tuple[bytes, bool]:
    """Drop tags nested deeper than ``max_depth``; text is kept. Linear time, vectorised.

    ``counts`` are ``markup.count(b"<")`` and ``markup.count(b"</")`` when the caller has them.
    """
    # The full scan costs about as much as the parse, so run it only when deep nesting is
    # possible: many opening tags in all, or a long run of opening tags with no closing tag.
    tags, ends = counts or tag_counts(markup)
    opens = tags - ends
    if opens <= max(max_depth, _SCAN_NEVER_BELOW):
        return markup, False
    if opens <= _SCAN_ALWAYS_ABOVE and _longest_open_run(markup) < _OPEN_RUN:
        return markup, False
    table = _tag_table(markup)
    # Depth after each tag: +1 for an opening tag, -1 for a closing one (never below 0), 0 for a
    # void or self-closed one. With S the running sum, the floored walk is S - min(0, min S).
    step = np.where(table.closing, -1, np.where(table.void, 0, 1)).astype(np.int64)
    total = np.cumsum(step)
    after = total - np.minimum(np.minimum.accumulate(total), 0)
    before = np.concatenate(([0], after[:-1]))
    keep = np.where(
        table.closing,
        before <= max_depth,
        np.where(table.void, before < max_depth, after <= max_depth),
    )
    if keep.all():
        return markup, False
    drop = ~keep
    # Dropped tags never overlap, so +1 at each start and -1 at each end sums to 0 or 1.
    size = len(markup) + 1
    edges = np.bincount(table.start[drop], minlength=size) - np.bincount(
        table.end[drop], minlength=size
    )
    kept = np.cumsum(edges[:-1].astype(np.int8), dtype=np.int8) == 0
    return np.frombuffer(markup, dtype=np.uint8)[kept].tobytes(), True


_NAME_SEPARATOR = np.zeros(256, dtype=bool)
_NAME_SEPARATOR[np.frombuffer(_SPACE + b"/<>=\"'", dtype=np.uint8)] = True


def _name_tokens(markup: bytes) -> int:
    """How many runs of bytes other than whitespace, ``/<>="'`` the markup holds: at least the
    number of tag and attribute names in it (each begins after one of those bytes)."""
    if not markup:
        return 0
    sep = _NAME_SEPARATOR[np.frombuffer(markup, dtype=np.uint8)]
    return int(np.count_nonzero(sep[:-1] & ~sep[1:])) + int(not sep[0])


def _read_tags(markup: bytes) -> Iterator[re.Match[bytes]]:
    """Each tag as HTML's tokenizer reads it: a match of ``_TAG`` (``group(1)`` is "/" for an end
    tag, ``group(2)`` the name, ``group(3)`` the attributes, read one by one with ``_ATTRIBUTE``,
    empty when there are none; ``end()`` is just past the ``>``).

    Tags are read everywhere lexbor could see one: inside comments too (where a tag may be text
    to lexbor, never the other way round), and inside scripts and styles from the first ``<svg``
    or ``<math`` on (SVG's and MathML's ``<script>`` and ``<style>`` hold markup). A script or
    style before that is skipped to the first ``</script`` or ``</style``, where lexbor's ends
    at the earliest, so minified code is not read as tags. Linear in the markup.
    """
    foreign = _FOREIGN.search(markup)
    raw_until = foreign.start() if foreign is not None else len(markup)
    lower: bytes | None = None
    pos = 0
    while (tag := _TAG.search(markup, pos)) is not None:
        pos = tag.end()
        yield tag
        if tag.start() < raw_until and not tag.group(1):
            name = tag.group(2).lower()
            if name in _RAW_TEXT:
                lower = markup.lower() if lower is None else lower
                end = lower.find(b"</" + name, pos)
                pos = len(markup) if end < 0 else end


def _attributes(markup: bytes, tag: re.Match[bytes]) -> Iterator[re.Match[bytes]]:
    """The attributes of a tag ``_read_tags`` read: name (``group(1)``) and value (``group(2)``)."""
    return _ATTRIBUTE.finditer(markup, tag.start(3), tag.end(3))


def _with_next(
    tags: Iterator[re.Match[bytes]],
) -> Iterator[tuple[re.Match[bytes], re.Match[bytes] | None]]:
    """Each tag with the one after it (None after the last), read as they come: no list of
    every tag is kept (a million on 5 MB of dense tags)."""
    before: re.Match[bytes] | None = None
    for tag in tags:
        if before is not None:
            yield before, tag
        before = tag
    if before is not None:
        yield before, None


def _closed_at_once(markup: bytes, tag: re.Match[bytes], after: re.Match[bytes] | None) -> bool:
    """Whether the first ``<`` after the start tag ``tag`` opens its own end tag (the tag
    ``after`` it, both read by ``_read_tags``): only text lies between, so nothing (a comment,
    ``<?x>``...) can hide that end tag from lexbor."""
    return (
        after is not None
        and bool(after.group(1))
        and after.group(2).lower() == tag.group(2).lower()
        and markup.find(b"<", tag.end()) == after.start()
    )


def limit_attributes(markup: bytes) -> tuple[bytes, bool]:
    """Drop attributes past ``MAX_TAG_ATTRIBUTES`` in a tag or past ``MAX_ATTRIBUTE_NAMES``
    distinct names, and rename tags past ``MAX_TAG_NAMES`` distinct names; True if it did.

    Runs only on markup with more than ``_ATTRIBUTE_TOKENS_SAFE`` name-like tokens (about 4% of
    real pages, all over 200 kB); tags are read by ``_read_tags``.
    """
    # A token takes two bytes at least (itself and a separator): no need to count them all.
    if len(markup) <= 2 * _ATTRIBUTE_TOKENS_SAFE or _name_tokens(markup) <= _ATTRIBUTE_TOKENS_SAFE:
        return markup, False
    names: set[bytes] = set()
    tags: set[bytes] = set()
    kept: list[bytes] = []
    done = 0  # markup before this offset is in ``kept``
    for tag in _read_tags(markup):
        name = tag.group(2).lower()
        if name not in tags and len(tags) >= MAX_TAG_NAMES:
            kept += (markup[done : tag.start(2)], _OVERFLOW_TAG)
            done = tag.end(2)
        else:
            tags.add(name)
        if not tag.group(3):
            continue
        for count, attr in enumerate(_attributes(markup, tag), 1):
            key = attr.group(1).lower()
            if count > MAX_TAG_ATTRIBUTES or (
                key not in names and len(names) >= MAX_ATTRIBUTE_NAMES
            ):
                kept.append(markup[done : attr.start()])
                done = attr.end()
            else:
                names.add(key)
    if done == 0:
        return markup, False
    kept.append(markup[done:])
    return b"".join(kept), True


def limit_formatting(markup: bytes, attributed: int | None = None) -> tuple[bytes, bool]:
    """Past ``MAX_FORMATTING_WITH_ATTRIBUTES`` distinct formatting start tags with attributes
    that are not closed at once (``<b N>``, ``<i N>``, ``<font N>``... whose next tag is not
    their own end tag), drop those tags' attributes (a ``role`` of ``button`` is kept, as
    ``role="button"``); True if it did.

    The HTML parser keeps formatting elements left open in a list and, after a closing tag has
    popped them, re-creates every one of them before the next text. Identical elements (same
    name and attributes) stay three at most in that list, distinct ones do not: blocks of 200
    ``<b N>`` and 200 ``<i N>`` closed as ``x</b>`` cost lexbor 1.8 s for 280 kB (lexbor issue
    340). Without their attributes such tags are identical, and the list stays short. An
    element whose end tag comes next (an icon's ``<i class=...></i>``, a template in a script)
    leaves the list at once and is not touched (only text between them: nothing can hide that
    end tag from the tokenizer). No feature reads these elements' attributes
    except a ``role="button"`` (a call to action). ``attributed``, when the caller has it, is
    the number of formatting start tags with attributes (or a larger number): at most
    ``MAX_FORMATTING_WITH_ATTRIBUTES`` of them and nothing is read.
    """
    if attributed is None:
        attributed = len(_FORMATTING_WITH_ATTRIBUTES.findall(markup))
    if attributed <= MAX_FORMATTING_WITH_ATTRIBUTES:
        return markup, False
    left_open = [
        tag
        for tag, after in _with_next(_read_tags(markup))
        if tag.group(3)
        and not tag.group(1)
        and tag.group(2).lower() in _FORMATTING
        and not _closed_at_once(markup, tag, after)
    ]
    # Identical ones (the same name and attributes, byte for byte) the list holds three of.
    distinct = {(t.group(2).lower(), t.group(3).lstrip(_SPACE + b"/")) for t in left_open}
    if len(distinct) <= MAX_FORMATTING_WITH_ATTRIBUTES:
        return markup, False
    kept: list[bytes] = []
    done = 0
    for tag in left_open:
        attrs = list(_attributes(markup, tag)) if _ROLE.search(tag.group(3)) else []
        button = any(
            a.group(1).lower() == b"role" and (a.group(2) or b"").strip(b"\"'").lower() == b"button"
            for a in attrs
        )
        start = tag.end(3) - len(tag.group(3).lstrip(_SPACE + b"/"))
        kept += (markup[done:start], b'role="button"' if button else b"")
        done = tag.end(3)
    kept.append(markup[done:])
    return b"".join(kept), True


def formatting_tags(markup: bytes) -> list[tuple[bytes, bytes, bytes]]:
    """Every formatting start tag: (name, attributes, ``b"</"`` if closed at once else ``b""``).

    One pattern finds them everywhere in the markup (in comments, scripts and attribute values
    of other tags too), a superset of the tags the tokenizer reads, as long as no attributes it
    read hold another formatting start tag: one found inside another tag's value could read on
    past a real one (``<a title="<b x='">`` then ``<b ...>``). Such markup is read tag by tag
    instead (``_read_tags``, slower, exact). Other tags read past do not matter here.
    """
    found: list[tuple[bytes, bytes, bytes]] = _FORMATTING_TAG.findall(markup)
    if not any(b"<" in attrs and _FORMATTING_HEAD.search(attrs) for _, attrs, _ in found):
        return found
    return _formatting_read(markup)


def _formatting_read(markup: bytes) -> list[tuple[bytes, bytes, bytes]]:
    """``formatting_tags`` by reading every tag as the tokenizer does."""
    return [
        (
            tag.group(2),
            tag.group(3),
            b"</" if _closed_at_once(markup, tag, after) else b"",
        )
        for tag, after in _with_next(_read_tags(markup))
        if not tag.group(1) and tag.group(2).lower() in _FORMATTING
    ]


def recreation_cost(found: list[tuple[bytes, bytes, bytes]], tags: int) -> int:
    """An upper bound on the re-creation work (``RECREATION_BUDGET``'s units) a page can cost.

    Each text after a closing tag can re-create every formatting element left open: at most
    three identical ones (the same name and attributes) of each kind, so the list re-created
    per text is at most the left-open start tags, three of each distinct one, each weighted by
    its attributes; a text follows a tag, so there are at most ``tags`` texts."""
    kinds = Counter((name.lower(), attrs) for name, attrs, closed in found if not closed)
    per_text = 0.0
    for (_, attrs), count in kinds.items():
        k = len(_ATTRIBUTE.findall(attrs)) if attrs else 0
        per_text += min(count, 3) * (1 + k * k / 256)
    return int(per_text * tags)


def limit_recreation(
    markup: bytes, tags: int, found: list[tuple[bytes, bytes, bytes]] | None = None
) -> tuple[bytes, bool]:
    """Rename every formatting tag (``<b>`` to ``<x-b>``, ``</b>`` to ``</x-b>``...) when
    ``recreation_cost`` is over ``RECREATION_BUDGET``; True if it did.

    The HTML standard re-creates the formatting elements left open before each text that
    follows a closing tag which popped them: 33 identical ones (three of each of 11 kinds) and
    100,000 paragraphs after them make lexbor build 3.3 million elements (3 s for 800 kB), and
    33 with 256 attributes each take 18 s for 70 kB. Renamed, they are ordinary inline elements
    that close with their parent: the same text, links, forms and controls, and none
    re-created. They are renamed wherever the pattern finds them, in comments and scripts too:
    on such a page only (no real or corpus page comes near the budget). ``tags`` is the number
    of ``<`` in the markup; ``found`` is ``formatting_tags(markup)`` when the caller has it."""
    found = formatting_tags(markup) if found is None else found
    left_open = [attrs for _, attrs, closed in found if not closed]
    # A first bound without reading attributes: k of them take 2k - 1 bytes at least.
    k = max(map(len, left_open), default=0) // 2 + 1
    if len(left_open) * (1 + k * k / 256) * tags <= RECREATION_BUDGET:
        return markup, False
    if recreation_cost(found, tags) <= RECREATION_BUDGET:
        return markup, False
    return rename_formatting(markup), True


def rename_formatting(markup: bytes) -> bytes:
    """Every formatting start and end tag renamed: ``<b ...>`` to ``<x-b ...>``, ``</b>`` to
    ``</x-b>`` (wherever the pattern finds one, as ``limit_recreation`` says)."""
    return _FORMATTING_END.sub(b"</x-", _FORMATTING_START.sub(b"<x-", markup))


@dataclass(frozen=True)
class _TagTable:
    """Every tag the tag pattern finds, as arrays (see ``_tag_table``)."""

    start: np.ndarray  # offset of "<"
    end: np.ndarray  # offset just past ">"
    closing: np.ndarray  # "</name"
    name_start: np.ndarray
    name_end: np.ndarray
    selfclose: np.ndarray  # "/" just before ">"
    void: np.ndarray  # a void element or self-closed


def _lut(chars: bytes) -> np.ndarray:
    table = np.zeros(256, dtype=bool)
    table[np.frombuffer(chars, dtype=np.uint8)] = True
    return table


_LETTER = _lut(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_NAME_CHAR = _lut(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:-")
_WORD = _lut(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_NAME_MAX = 41  # [a-zA-Z][a-zA-Z0-9:-]{0,40}
_LOWER = np.arange(256, dtype=np.uint8)
_LOWER[0x41:0x5B] += 0x20


def _name_key(name: bytes) -> int:
    return int.from_bytes(name.lower().ljust(8, b"\0"), "little")


_VOID_KEYS = np.array(sorted(_name_key(v) for v in _VOID), dtype=np.uint64)
_VOID_LONGEST = max(len(v) for v in _VOID)


def _tag_table(markup: bytes) -> _TagTable:
    """The matches of ``<(/?)([a-zA-Z][a-zA-Z0-9:-]{0,40})\\b[^>]{0,4096}?(/?)>`` as arrays.

    The regular expression looks up to 4 kB ahead from every ``<`` (quadratic on many unclosed
    tags) and a Python loop over a million tags takes seconds; here each step is one NumPy pass
    over the buffer or over the ``<`` positions. The rules, derived from the pattern:

    - a head is ``<``, an optional ``/`` and a letter; the name is the longest run of up to 41
      name characters that ends at an ASCII word boundary (none: no match);
    - the tag ends at the first ``>`` after the name (none: no tag from here on), and only if at
      most 4096 bytes lie between the name and ``>`` (a ``/`` just before ``>`` not counted);
    - of the heads that share one ``>``, the first that matches is the tag (the others are
      inside it).

    ``tests/test_regex_linear.py`` compares the result with the pattern on generated markup.
    """
    arr = np.frombuffer(markup, dtype=np.uint8)
    pad = np.concatenate((arr, np.zeros(_NAME_MAX + 2, dtype=np.uint8)))  # zero: not a name char
    lt = np.flatnonzero(arr == 0x3C)
    closing = pad[lt + 1] == 0x2F
    name_start = lt + 1 + closing
    head = _LETTER[pad[name_start]]
    lt, closing, name_start = lt[head], closing[head], name_start[head]
    # Greedy name with backtracking to the last word boundary inside the run of name characters.
    length = np.zeros(lt.size, dtype=np.int64)
    alive = np.arange(lt.size)
    for n in range(1, _NAME_MAX + 1):
        last, nxt = pad[name_start[alive] + n - 1], pad[name_start[alive] + n]
        if n > 1:
            ok = _NAME_CHAR[last]
            alive, last, nxt = alive[ok], last[ok], nxt[ok]
        if alive.size == 0:
            break
        boundary = _WORD[last] != _WORD[nxt]
        length[alive[boundary]] = n
    found = length > 0
    lt, closing, name_start, length = lt[found], closing[found], name_start[found], length[found]
    name_end = name_start + length
    is_gt = arr == 0x3E
    gts = np.flatnonzero(is_gt)
    # The first ">" at or after the name's end: its index in ``gts`` is the count of ">" before.
    before = np.concatenate(([0], np.cumsum(is_gt, dtype=np.int64)))
    which = before[name_end]
    gt = gts[np.minimum(which, max(gts.size - 1, 0))] if gts.size else which
    selfclose = (gt > name_end) & (pad[np.maximum(gt - 1, 0)] == 0x2F)
    ok = (which < gts.size) & ((gt - selfclose - name_end) <= _TAG_REACH)
    lt, closing, name_start, name_end = lt[ok], closing[ok], name_start[ok], name_end[ok]
    gt, selfclose = gt[ok], selfclose[ok]
    first = np.ones(gt.size, dtype=bool)
    first[1:] = gt[1:] != gt[:-1]
    lt, closing, name_start, name_end = (
        lt[first],
        closing[first],
        name_start[first],
        name_end[first],
    )
    gt, selfclose = gt[first], selfclose[first]
    # Void elements: the lower-cased name (at most 6 bytes) as a little-endian integer key.
    void = selfclose.copy()
    short = np.flatnonzero(~closing & ((name_end - name_start) <= _VOID_LONGEST))
    if short.size:
        offsets = np.arange(_VOID_LONGEST)
        chars = np.zeros((short.size, 8), dtype=np.uint8)
        chars[:, :_VOID_LONGEST] = _LOWER[pad[name_start[short, None] + offsets]]
        chars[:, :_VOID_LONGEST][offsets >= (name_end - name_start)[short, None]] = 0
        keys = chars.view("<u8").ravel()  # byte i of the name is bits 8i..8i+7, as _name_key
        void[short] |= np.isin(keys, _VOID_KEYS)
    return _TagTable(lt, gt + 1, closing, name_start, name_end, selfclose, void)


def _tags(markup: bytes) -> Iterator[tuple[int, int, bytes, bytes, bool]]:
    """``(start, end, closing, name, selfclose)`` of each tag in ``_tag_table``, in order."""
    t = _tag_table(markup)
    for i in range(t.start.size):
        closing = b"/" if t.closing[i] else b""
        name = markup[int(t.name_start[i]) : int(t.name_end[i])]
        yield int(t.start[i]), int(t.end[i]), closing, name, bool(t.selfclose[i])


def _text(node: LexborNode | None) -> str:
    if node is None:
        return ""
    return " ".join(node.text(separator=" ").split())


def _attr(attrs: dict[str, str | None], name: str) -> str:
    value = attrs.get(name)
    return value.strip() if isinstance(value, str) else ""


def _input(node: LexborNode, attrs: dict[str, str | None] | None = None) -> Input:
    a = node.attributes if attrs is None else attrs
    get = a.get

    def attr(name: str, limit: int) -> str:  # _attr, inlined for the per-control loop
        value = get(name)
        return value.strip()[:limit] if isinstance(value, str) else ""

    tag = node.tag or ""
    kind = _attr(a, "type").lower() or ("text" if tag == "input" else tag)
    label = _attr(a, "aria-label")
    if tag == "button" or kind in ("submit", "button"):
        label = label or _attr(a, "value") or _text(node)[:80]
    return _built(
        Input,
        type=kind[:40],
        name=attr("name", 120),
        id=attr("id", 120),
        placeholder=attr("placeholder", 160),
        autocomplete=attr("autocomplete", 60),
        label=label[:120],
        value=attr("value", 300),
    )


def _built(cls: type[_Record], **fields: Any) -> _Record:
    """``cls(**fields)`` for a frozen dataclass given every field: the instance its
    ``__init__`` makes (no defaults to fill, no ``__post_init__``), without the per-field
    ``object.__setattr__`` calls a frozen ``__init__`` pays (about 5x the cost of the rest)."""
    obj = object.__new__(cls)
    obj.__dict__.update(fields)
    return obj


def _opening_tag(tag: str, attrs: dict[str, str | None], limit: int = 200) -> str:
    inner = " ".join(f'{k}="{v}"' if v is not None else k for k, v in attrs.items())
    return f"<{tag} {inner}>"[:limit] if inner else f"<{tag}>"


def parse_html(markup: str | bytes, settings: Settings | None = None) -> ParsedPage:
    """Parse markup once and collect forms, links, scripts, text and metadata."""
    s = settings or Settings()
    raw = markup if isinstance(markup, bytes) else markup.encode("utf-8", "replace")
    page = ParsedPage(markup_bytes=len(raw), has_markup=bool(raw.strip()))
    if len(raw) > s.max_html_bytes:
        raw = raw[: s.max_html_bytes]
        page.truncated = True
    counts = tag_counts(raw)
    raw, page.depth_limited = limit_depth(raw, s.max_nesting_depth, counts)
    raw, attributes_limited = limit_attributes(raw)
    found = formatting_tags(raw)
    # Re-creation first: over its budget every formatting tag is renamed, and limit_formatting
    # has none left to read (a page over both bounds was read for both). Under it, the page is
    # bounded as before: dropping attributes could only have lowered the cost further.
    raw, recreation_limited = limit_recreation(raw, counts[0], found)
    formatting_limited = False
    if not recreation_limited:
        raw, formatting_limited = limit_formatting(raw, sum(1 for _, attrs, _ in found if attrs))
    page.attributes_limited = attributes_limited or formatting_limited or recreation_limited
    tree = LexborHTMLParser(raw)
    _collect(tree, page, s.max_script_chars, can_walk(raw), _FOREIGN.search(raw) is None)
    tree.strip_tags(_NON_TEXT)
    body = tree.body if tree.body is not None else tree.root
    page.text = _text(body)[: s.max_text_chars]
    return page


def _collect(
    tree: LexborHTMLParser,
    page: ParsedPage,
    budget: int,
    walk: bool = False,
    walk_forms: bool = False,
) -> None:
    """Head, scripts, forms, controls, links, frames, images and headings in one traversal.

    One union selector walks the tree once (each ``css`` call is a full walk); nodes come back
    in document order and each is dispatched on its tag. Calls to action keep their own query:
    they overlap the controls and links, and ``input[type=submit]`` is matched by lexbor's rules.

    ``walk`` visits every element in Python instead: no CSS engine, whose set-up costs more
    than parsing a small page. The caller chooses it only where ``can_walk``: there the
    selectors reduce to tag names and two attribute tests (tests/test_parse.py checks that both
    ways give the same page record). ``walk_forms`` finds the controls of each form that way
    (one CSS query per form costs more than visiting its elements): the caller chooses it where
    the markup has no SVG or MathML, the only rule of ``can_walk`` that concerns controls.
    """
    made: dict[int, Input] = {}  # controls inside forms are also page controls: build once
    # An <input> has no content, so its record follows from its attributes alone: a page that
    # repeats a form (one per product, per step, per language) gets one record per kind.
    alike: dict[tuple[tuple[str, str | None], ...], Input] = {}

    def control(node: LexborNode) -> Input:
        key = node.mem_id
        found = made.get(key)
        if found is None:
            if node.tag == "input":
                a = node.attributes
                same = tuple(a.items())
                found = alike.get(same)
                if found is None:
                    found = alike[same] = _input(node, a)
            else:
                found = _input(node)
            made[key] = found
        return found

    title: LexborNode | None = None
    headings: list[LexborNode] = []
    link_ctas: list[str] = []
    cta_nodes: list[LexborNode] = []
    nodes = _walk(tree, cta_nodes) if walk else tree.css(_COLLECT_SELECTOR)
    for node in nodes:
        tag = node.tag
        if tag == "a" or tag == "area":
            link = _built(Link, href=_attr(node.attributes, "href")[:2000], text=_text(node)[:200])
            page.links.append(link)
            if 0 < len(link.text) <= 60:
                link_ctas.append(link.text)
        elif tag == "input" or tag == "select" or tag == "textarea":
            page.inputs.append(control(node))
        elif tag == "script":
            a = node.attributes
            src = _attr(a, "src")
            if src:
                page.script_srcs.append(src[:2000])
            elif budget > 0:
                body = node.text(deep=True) or ""
                page.scripts.append(body[:budget])
                budget -= len(body)
        elif tag == "img":
            a = node.attributes
            page.images.append((_attr(a, "src")[:500], _attr(a, "alt")[:200]))
        elif tag == "meta":
            _meta(node.attributes, page)
        elif tag == "form":
            a = node.attributes
            controls = (
                [i for i in node.traverse() if i.tag in _CONTROL_TAGS]
                if walk or walk_forms
                else node.css(_CONTROL_SELECTOR)
            )
            page.forms.append(
                Form(
                    action=_attr(a, "action")[:2000],
                    method=_attr(a, "method").lower() or "get",
                    inputs=tuple(control(i) for i in controls),
                    snippet=_opening_tag("form", a),
                )
            )
        elif tag == "iframe" or tag == "frame":
            page.iframes.append(_attr(node.attributes, "src")[:2000])
        elif tag == "title":
            if title is None:
                title = node
        elif len(headings) < 100:  # h1, h2, h3
            headings.append(node)
    page.title = _text(title)[:300]
    page.headings = [_text(h)[:300] for h in headings]
    for node in cta_nodes if walk else tree.css(_CTA_SELECTOR):
        label = _attr(node.attributes, "value") or _text(node)
        if label:
            page.ctas.append(label[:160])
    page.ctas.extend(link_ctas)


def can_walk(raw: bytes) -> bool:
    """Small markup with no ``role`` attribute and no SVG or MathML (whose elements follow
    other attribute-matching rules): ``_collect`` may visit elements instead of using CSS."""
    if len(raw) >= _WALK_BELOW:
        return False
    low = raw.lower()
    return b"role" not in low and b"<svg" not in low and b"<math" not in low


def _walk(tree: LexborHTMLParser, cta_nodes: list[LexborNode]) -> Iterator[LexborNode]:
    """The elements ``_COLLECT_SELECTOR`` selects, in document order, found by visiting each;
    buttons and submit/button inputs (``_CTA_SELECTOR`` without ``[role=button]``) are put in
    ``cta_nodes`` on the way."""
    root = tree.root
    if root is None:
        return
    for node in root.traverse():
        tag = node.tag
        if tag not in _COLLECT_TAGS:
            if tag == "button":
                cta_nodes.append(node)
            continue
        needs = _COLLECT_TAGS[tag]
        if needs is not None and needs not in node.attributes:
            continue
        if tag == "input" and (node.attributes.get("type") or "").lower() in _CTA_INPUT_TYPES:
            cta_nodes.append(node)
        yield node


def _meta(a: dict[str, str | None], page: ParsedPage) -> None:
    key = (_attr(a, "name") or _attr(a, "property") or _attr(a, "http-equiv")).lower()
    if not key:
        return
    content = _attr(a, "content")[:500]
    page.meta.setdefault(key, content)
    if key == "refresh":
        m = _REFRESH_URL.search(content)
        page.meta_refresh = m.group(1).strip() if m else ""


def page_from_text(text: str, settings: Settings | None = None) -> ParsedPage:
    """A page built from plain text (ad copy, listing description) when there is no markup."""
    s = settings or Settings()
    clean = _WS.sub(" ", text).strip()[: s.max_text_chars]
    return ParsedPage(text=clean, markup_bytes=0, has_markup=False)


# document.write(unescape("%3C%68...")) and document.write(atob("PGh0...")): kits hide their
# whole page this way so that nothing readable is left in the markup.
_WRITTEN = re.compile(
    r"document\s*\.\s*write(?:ln)?\s*\(\s*(unescape|decodeURIComponent|decodeURI|atob)\s*\(\s*"
    r"(['\"])([A-Za-z0-9%+/=._~\-]{32,})\2\s*\)\s*\)"
)
_MAX_WRITTEN = 8  # payloads decoded per page


def reveal_written_markup(markup: str, limit: int) -> str:
    """``markup`` with the markup each encoded ``document.write`` call writes, placed where the
    browser would show it (after the script that writes it) instead of the encoded call.

    Only payloads that decode to text with a tag in it are revealed; the result is cut at
    ``limit`` characters. Linear; markup without such a call is returned unchanged."""
    if "document" not in markup or "write" not in markup:
        return markup
    import base64
    import binascii
    from urllib.parse import unquote

    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), in order
    low = ""  # lower-cased once a payload is worth placing (most pages have none)
    for m in _WRITTEN.finditer(markup[:limit]):
        if len(edits) >= 2 * _MAX_WRITTEN:
            break
        payload = m.group(3)
        try:
            if m.group(1) == "atob":
                text = base64.b64decode(payload, validate=True).decode("utf-8", "replace")
            else:
                text = unquote(payload, errors="replace")
        except (binascii.Error, ValueError):
            continue
        if "<" not in text:
            continue
        low = low or markup.lower()
        close = low.find("</script", m.end())
        after = low.find(">", close) + 1 if close >= 0 else 0
        at = after if after > 0 else m.end()
        if edits and at < edits[-1][1]:
            continue  # a second call inside an already revealed script: keep it simple
        edits += [(m.start(), m.end(), ""), (at, at, text)]
    if not edits:
        return markup
    parts: list[str] = []
    last = 0
    for start, end, text in sorted(edits, key=lambda e: (e[0], e[1])):
        parts += [markup[last:start], text]
        last = end
    return ("".join(parts) + markup[last:])[:limit]
