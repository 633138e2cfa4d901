"""Ad copy, both labels: ``python -m data.generator.ads [--out DIR]`` writes ``ads.jsonl``.

An ad row is a Snapshot of kind "ad": ``text`` holds headline, body and call to action; ``url`` is
the landing page (sometimes unknown, as in real ad-library exports); about half the rows also
carry a ``listing`` with the advertiser and landing URL. Same bytes on every run. Hand-written
ads stay in data/handwritten/listings/ (the training loader reads them there).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from data.generator import ads_benign, ads_scam
from data.generator.kit import (
    BULLETS,
    EMOJI,
    Bank,
    Family,
    lang_plan,
    make_row,
    out_dir,
    row_rng,
    write_jsonl,
)

MODULE = "data.generator.ads"
FAMILIES: tuple[Family, ...] = ads_scam.FAMILIES + ads_benign.FAMILIES
PLATFORMS = ("tiktok_ads", "meta_ads", "google_ads", "x_ads", "snap_ads")
_CTA_FORMS = ("{c}", "👉 {c}", "{c} →", "[{c}]", "{c} ›")


def compose_ad(
    style: random.Random, bank: Bank, fmt: Mapping[str, str], pick: int | None = None
) -> tuple[str, str]:
    """(headline, full text): headline, body lines and a call to action, in a shared style.

    ``pick`` selects one aligned headline/body/CTA triple (product ads about one product).
    """

    def one(items: Sequence[str]) -> str:
        return items[pick % len(items)] if pick is not None else style.choice(items)

    head = one(bank.intros).format_map(fmt)
    if style.random() < 0.35:
        head = f"{style.choice(EMOJI)} {head}"
    n_body = min(len(bank.points), style.choice((1, 1, 2)))
    lines = [one(bank.points)] if pick is not None else style.sample(list(bank.points), n_body)
    body = [p.format_map(fmt) for p in lines]
    if style.random() < 0.25:
        mark = style.choice(BULLETS[:5])
        body_text = "\n".join(f"{mark} {line}" for line in body)
    else:
        body_text = " ".join(body)
    cta = style.choice(_CTA_FORMS).format(c=one(bank.closes).format_map(fmt))
    sep = style.choice(("\n", "\n\n", " — "))
    if "\n" in body_text:
        sep = "\n"
    tail = f" {style.choice(EMOJI)}" if style.random() < 0.2 else ""
    return head, f"{head}{sep}{body_text}{tail}\n{cta}"


def ad_row(family: Family, i: int, lang: str) -> dict[str, Any]:
    """One ad snapshot; brand, landing URL and (for product ads) copy agree with each other."""
    rng, style, knobs = (
        row_rng(family.key, i, "content"),
        row_rng(family.key, i, "style"),
        family.knobs,
    )
    b = rng.randrange(len(family.names))
    name = family.names[b]
    advertiser = family.devs[0] if family.devs else name
    pick = b if knobs.get("aligned") else None
    head, text = compose_ad(style, family.text[lang], {"name": name}, pick)
    urls = knobs["urls"]
    url = urls[b % len(urls)] if knobs.get("url_by_name") or pick is not None else rng.choice(urls)
    url = url if style.random() < 0.85 else ""
    snap: dict[str, Any] = {"url": url, "text": text}
    if style.random() < 0.5:
        snap["listing"] = {"name": head, "developer": advertiser, "landing_url": url or None}
    snap["platform"] = style.choice(PLATFORMS)
    snap["advertiser"] = advertiser
    snap["first_seen"] = f"2026-{style.randint(1, 10):02d}-{style.randint(1, 28):02d}"
    return make_row(family, i, "ad", snap, lang, MODULE)


def build_ads() -> list[dict[str, Any]]:
    return [ad_row(f, i, lang) for f in FAMILIES for i, lang in enumerate(lang_plan(f))]


def main(argv: Sequence[str] | None = None) -> int:
    out: Path = out_dir(argv, "ads")
    n = write_jsonl(build_ads(), out / "ads.jsonl")
    print(f"wrote {n} ads to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
