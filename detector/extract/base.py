"""What every signal family receives (``Context``) and returns (``Signals``).

A family is a pure function ``extract(ctx: Context) -> Signals``. Feature keys are namespaced by
family (``"credential.password_offsite"``) and stable: renaming one changes the feature-schema
hash and forces a retrain. Values are ``int``/``float`` (counts, flags, measures) or ``str``
(categories, one-hot encoded by the model). Evidence is a short snippet per fired feature.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

from detector.config import Settings
from detector.core.platforms import is_official_host
from detector.core.urls import HostParts, host_parts
from detector.extract.parse import ParsedPage
from detector.records import DomainIntel, Snapshot

FeatureValue = int | float | str

_CODE_HEAD = 20_000
# Distinct markers of JavaScript source; prose rarely holds four of them.
_CODE_MARKERS = (
    "function",
    "const ",
    "let ",
    "var ",
    "=>",
    "require(",
    "document.",
    "window.",
    "});",
    "$(",
    "console.log(",
    "chrome.",
)
_CODE_MIN = 4


def script_like(text: str) -> bool:
    """Text that is JavaScript source rather than prose (several distinct code markers)."""
    head = text[:_CODE_HEAD]
    return sum(marker in head for marker in _CODE_MARKERS) >= _CODE_MIN


@cache
def _descriptions_file() -> dict[str, dict[str, dict[str, str]]]:
    text = (
        resources.files("detector.extract")
        .joinpath("descriptions.json")
        .read_text(encoding="utf-8")
    )
    data: dict[str, dict[str, dict[str, str]]] = json.loads(text)
    return data


def descriptions(module: str) -> tuple[dict[str, str], dict[str, str]]:
    """The plain-words descriptions of one module's features, from descriptions.json: those that
    argue a page is a lure, and those that speak for it (what explanations quote)."""
    entry = _descriptions_file()[module]
    return dict(entry["scam"]), dict(entry["benign"])


@dataclass
class Signals:
    """Features and evidence produced by one family."""

    family: str
    features: dict[str, FeatureValue] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)

    def set(
        self, name: str, value: FeatureValue, evidence: str | None = None, limit: int = 160
    ) -> None:
        """Record ``family.name`` = value; keep evidence only when the signal fired."""
        key = f"{self.family}.{name}"
        self.features[key] = value
        if evidence and value:
            self.evidence[key] = snippet(evidence, limit)

    def flag(self, name: str, fired: bool, evidence: str | None = None) -> None:
        self.set(name, int(bool(fired)), evidence if fired else None)


def snippet(text: str, limit: int = 160) -> str:
    """Whitespace-collapsed, length-capped evidence text."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass
class Context:
    """One snapshot, parsed once, with the URL parts and optional intel every family reads."""

    snapshot: Snapshot
    page: ParsedPage
    settings: Settings = field(default_factory=Settings)
    intel: DomainIntel | None = None

    @cached_property
    def url(self) -> HostParts:
        """Parts of the URL the content was served from (final URL after redirects)."""
        return host_parts(self.snapshot.effective_url)

    @cached_property
    def is_tiktok_host(self) -> bool:
        return is_official_host(self.url.host)

    @cached_property
    def loose_code(self) -> str:
        """The page's text when it is itself script source, else ''.

        A kit's script file stored on its own (``app.js`` captured as a page, an extension's
        script sent as listing text) has no script tags: its code is the text.
        """
        return self.page.text if not self.page.scripts and script_like(self.page.text) else ""

    @cached_property
    def corpus_text(self) -> str:
        """Title, headings, visible text and listing text, lower-cased, for lexical signals."""
        parts = [self.page.title, " ".join(self.page.headings), self.page.text]
        listing = self.snapshot.listing
        if listing is not None:
            parts += [listing.name or "", listing.description or ""]
        if self.snapshot.text and self.page.has_markup:
            parts.append(self.snapshot.text)
        return "\n".join(p for p in parts if p).lower()
