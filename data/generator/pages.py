"""Write data/corpus/pages.jsonl: labelled web pages (kind "page"), deterministically.

    python -m data.generator.pages [--out DIR]

Each family is one template (builder) in a ``pages_*`` module; each row draws its content from a
stream seeded by ``content/<row id>`` and its chrome from ``style/<row id>``, so a row never
depends on other rows and reruns give the same bytes. Hand-written pages live in
``data/handwritten/pages`` and are read by the training loader directly (never copied here).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from data.generator import (
    pages_benign_brands,
    pages_benign_info,
    pages_benign_ordinary,
    pages_benign_tiktok,
    pages_benign_tools,
    pages_compact,
    pages_scam_kits,
    pages_scam_locker,
    pages_scam_other,
    pages_scam_phish,
    pages_sources,
)
from data.generator.common import read_json_rows, rng_for, write_jsonl
from data.generator.kit import out_dir
from data.generator.pages_hosts import transport
from data.generator.pages_kit import Family
from data.generator.pages_skeletons import draw_style, render

DATA = Path(__file__).resolve().parents[1]
CORPUS = DATA / "corpus"
HANDWRITTEN = DATA / "handwritten" / "pages"
FILENAME = "pages.jsonl"
_MODULES = (
    pages_scam_phish,
    pages_scam_locker,
    pages_scam_other,
    pages_scam_kits,
    pages_benign_tiktok,
    pages_benign_info,
    pages_benign_tools,
    pages_benign_ordinary,
    pages_benign_brands,
    pages_compact,
    pages_sources,
)


def families() -> list[Family]:
    """Every page family, scams first, in a fixed order."""
    return [fam for mod in _MODULES for fam in mod.families()]


def make_row(fam: Family, n: int) -> dict[str, Any]:
    """Row ``n`` of family ``fam``: Snapshot fields plus the label columns."""
    rid = f"{fam.key}-{n:02d}"
    lang = fam.langs[n % len(fam.langs)]
    page, loc = fam.build(rng_for("content", rid), lang, n)
    style = draw_style(rng_for("style", rid), fam.frameworks)
    row: dict[str, Any] = {"id": rid, "url": loc.url, "kind": "page"}
    if loc.final_url:
        row["final_url"] = loc.final_url
        row["redirects"] = loc.redirects
    row.update(transport(rng_for("transport", rid)))
    if fam.skin is not None:
        row["html"] = fam.skin(page, rng_for("style", rid))
    else:
        row["html"] = render(page, style, rng_for("pad", rid))
    template = fam.key.removeprefix("page-")
    row.update(
        label=fam.label,
        subtype=fam.subtype,
        family=fam.key,
        source=f"generated:{fam.build.__module__}:{template}",
        lang=page.lang,
    )
    return row


def generate() -> list[dict[str, Any]]:
    return [make_row(fam, n) for fam in families() for n in range(fam.count)]


def handwritten() -> list[dict[str, Any]]:
    """The hand-written page rows (one JSON object per file)."""
    return read_json_rows(HANDWRITTEN)


def main(argv: Sequence[str] | None = None) -> int:
    out = out_dir(argv, f"data/corpus/{FILENAME}")
    count = write_jsonl(generate(), out / FILENAME)
    print(f"wrote {count} rows to {out / FILENAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
