"""Word lists and indicator lists as versioned JSON data files.

Each file carries ``"version"`` and ``"description"``; ``load_lexicon(name)`` returns it parsed and
cached, with the few patterns listed in ``linear.REWRITES`` swapped for linear-time spellings. Changing a file changes the lexicon version reported in the feature schema.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache, partial
from importlib import resources
from typing import Any


@cache
def load_lexicon(name: str) -> dict[str, Any]:
    """Load ``<name>.json`` from this package (cached for the life of the process)."""
    text = resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    data = json.loads(text)
    if not isinstance(data, dict) or "version" not in data:
        raise ValueError(f"lexicon {name!r} must be an object with a 'version'")
    from detector.core.lexicons.linear import linear

    return linear(data)  # quadratic patterns swapped for same-matching linear ones


def lexicon(name: str) -> Callable[[], dict[str, Any]]:
    """A module's loader of lexicon ``name``: ``_lex = lexicon("lockers")``, then ``_lex()["key"]``.

    Nothing is read until the first call; every call after it returns the one cached parse.
    """
    return partial(load_lexicon, name)


def lexicon_names() -> list[str]:
    return sorted(
        p.name[:-5] for p in resources.files(__name__).iterdir() if p.name.endswith(".json")
    )


def lexicons_digest() -> str:
    """Hash of every lexicon file, so a model can tell when its word lists changed."""
    h = hashlib.sha256()
    for name in lexicon_names():
        h.update(name.encode())
        h.update(resources.files(__name__).joinpath(f"{name}.json").read_bytes())
    return h.hexdigest()[:16]
